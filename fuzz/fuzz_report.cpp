// report's reader: a result.json (a merged one too) checked, split machine by machine and drawn as
// HTML with its charts.
#include "core/json_file.hpp"
#include "core/merge.hpp"
#include "core/result_document.hpp"
#include "fuzz/fuzz_input.hpp"
#include "report/html_report.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace hwbench;
  return fuzz::refuse_or_accept([&] {
    nlohmann::json doc = parse_json_text(fuzz::text_of(data, size), "fuzz");
    check_result_document(doc, "fuzz");
    std::vector<ReportInput> inputs;
    for (auto& part : split_merged({"fuzz", std::move(doc)}))
      inputs.push_back({part.source, std::move(part.doc)});
    const std::string html = html_report(inputs);
    fuzz::require(html.find("data-ready") != std::string::npos);
  });
}
