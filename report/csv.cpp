#include "report/csv.hpp"

#include <fmt/format.h>

namespace hwbench {
namespace {

std::string field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// Shortest text that reads back as the same double; empty when there is no value.
std::string number(double v, bool present = true) { return present ? fmt::format("{}", v) : ""; }

}  // namespace

std::string results_csv(const std::vector<CaseResult>& cases) {
  std::string out =
      "workload,backend,variant,mode,size,parameters,unit,status,median_seconds,mad_seconds,repetitions,"
      "items_per_"
      "second,"
      "bytes_per_second,percent_of_peak_bandwidth,percent_of_h2d_bandwidth,verified,reason\r\n";
  for (const auto& r : cases) {
    const bool measured = r.status == CaseStatus::ok || r.status == CaseStatus::failed;
    const std::vector<std::string> fields = {
        field(r.workload),
        field(r.backend),
        field(r.variant),
        std::string(to_string(r.mode)),
        std::to_string(r.size),
        field(parameters_text(r.parameters)),
        field(r.unit),
        std::string(to_string(r.status)),
        number(r.time.median, measured),
        number(r.time.mad, measured),
        measured ? std::to_string(r.samples.size()) : "",
        number(r.items_per_second, measured),
        number(r.bytes_per_second, measured),
        number(r.percent_of_peak_bandwidth.value_or(0), measured && r.percent_of_peak_bandwidth.has_value()),
        number(r.percent_of_h2d_bandwidth.value_or(0), measured && r.percent_of_h2d_bandwidth.has_value()),
        r.status == CaseStatus::ok ? "true" : "false",
        field(r.reason)};
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) out += ',';
      out += fields[i];
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace hwbench
