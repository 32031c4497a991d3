// merge's reader: a result.json merged with itself. What merge writes must read back as a valid
// result document holding every case twice, and stay linear in the size of its input.
#include "core/json_file.hpp"
#include "core/merge.hpp"
#include "core/result_document.hpp"
#include "fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace hwbench;
  return fuzz::refuse_or_accept([&] {
    nlohmann::json doc = parse_json_text(fuzz::text_of(data, size), "fuzz");
    check_result_document(doc, "fuzz");
    const std::size_t cases = doc["cases"].size();
    const nlohmann::json merged = merge_results({{"a", doc}, {"b", doc}});
    const std::string text = merged.dump(2);
    fuzz::require(text.size() <= 64 * size + 65536);
    const nlohmann::json back = parse_json_text(text, "merged");
    try {
      check_result_document(back, "merged");
    } catch (const UsageError&) {
      fuzz::require(false);  // merge wrote a document it would refuse to read
    }
    fuzz::require(back["cases"].size() == 2 * cases);
  });
}
