// The reader of Google Benchmark JSON (--benchmark_out files and hwbench's gbench.json), seeded with
// that format; its cases pair with themselves.
#include "core/comparison.hpp"
#include "core/json_file.hpp"
#include "fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace hwbench;
  return fuzz::refuse_or_accept([&] {
    const ResultSet set = result_set_from_json(parse_json_text(fuzz::text_of(data, size), "fuzz"), "fuzz");
    for (const auto& c : set.cases) {
      for (const double s : c.samples) fuzz::require(s > 0 && s <= 1e7);
    }
    const Comparison c = compare_results(set, set, {});
    // A case that failed is a failure even against itself; nothing else is slower than itself.
    fuzz::require(c.exit_code() != 1 || c.count(Verdict::failed) > 0);
  });
}
