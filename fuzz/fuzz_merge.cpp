// merge's reader: a result.json merged with itself. What merge writes must read back as a valid
// result document holding every case twice, and stay linear in the size of its input.
#include "core/json_file.hpp"
#include "core/merge.hpp"
#include "core/result_document.hpp"
#include "fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace hwbench;
  return fuzz::refuse_or_accept([&] {
    const ResultDocument doc =
        result_document_from_json(parse_json_text(fuzz::text_of(data, size), "fuzz"), "fuzz");
    const ResultDocument merged = merge_results({{"a", doc}, {"b", doc}});
    const std::string text = to_json(merged).dump(2);
    fuzz::require(text.size() <= 64 * size + 65536);
    try {
      const ResultDocument back = result_document_from_json(parse_json_text(text, "merged"), "merged");
      fuzz::require(back.cases.size() == 2 * doc.cases.size());
      fuzz::require(back.sources.size() == 2 * std::max<std::size_t>(doc.sources.size(), 1));
    } catch (const UsageError&) {
      fuzz::require(false);  // merge wrote a document it would refuse to read
    }
  });
}
