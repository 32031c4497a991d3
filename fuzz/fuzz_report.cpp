// report's reader and every reporter: a result.json (a merged one too) read into the record, then
// rendered by each reporter (HTML with its charts, CSV, Prometheus, Google Benchmark JSON...). What the
// record writes must read back as the same record; a reporter may refuse an accepted document only
// with a clear error (Google Benchmark JSON needs CPU times).
#include "core/json_file.hpp"
#include "core/result_document.hpp"
#include "fuzz/fuzz_input.hpp"
#include "report/reporter.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace hwbench;
  return fuzz::refuse_or_accept([&] {
    const ResultDocument doc =
        result_document_from_json(parse_json_text(fuzz::text_of(data, size), "fuzz"), "fuzz");
    const nlohmann::json written = to_json(doc);
    try {
      fuzz::require(to_json(result_document_from_json(written, "written")) == written);
    } catch (const UsageError&) {
      fuzz::require(false);  // the record wrote a document it would refuse to read
    }
    for (const auto& reporter : reporters()) {
      std::string text;
      try {
        text = reporter.render(doc, "fuzz");
      } catch (const UsageError&) {
        fuzz::require(reporter.name == "gbench");
        continue;
      }
      if (reporter.name == "html") fuzz::require(text.find("data-ready") != std::string::npos);
      if (reporter.name == "prometheus") fuzz::require(text.ends_with("# EOF\n"));
      if (reporter.name == "gbench" || reporter.name == "json") (void)nlohmann::json::parse(text);
    }
  });
}
