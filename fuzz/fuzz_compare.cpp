// compare's reader: a result.json or any Google Benchmark JSON, then a comparison of the file with
// itself in every output format. A file compared with itself has no regression but its failed cases.
#include "core/comparison.hpp"
#include "core/json_file.hpp"
#include "fuzz/fuzz_input.hpp"
#include "report/comparison_report.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace hwbench;
  return fuzz::refuse_or_accept([&] {
    const ResultSet set = result_set_from_json(parse_json_text(fuzz::text_of(data, size), "fuzz"), "fuzz");
    const Comparison c = compare_results(set, set, {});
    // A case that failed is a failure even against itself; nothing else is slower than itself.
    fuzz::require(c.exit_code() != 1 || c.count(Verdict::failed) > 0);
    (void)comparison_console(c);
    (void)comparison_markdown(c);
    (void)comparison_json(c).dump();
  });
}
