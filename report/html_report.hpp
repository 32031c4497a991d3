#pragma once

// `hwbench report` and `run --html`: one self-contained HTML file (styles, script and charts inline; no
// network) from one or more result documents, e.g. runs on several machines. Per workload: time vs size
// on log-log axes with the GPU's crossover over the best CPU backend marked, speed-up over cpu-serial,
// throughput; % of peak where it applies; GPU telemetry over time for cuda cases; the machines; and a sortable table of every case
// with its verification badge and % of peak. Every string from a result file is escaped.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace hwbench {

struct ReportInput {
  std::string source;  // the file, as named
  nlohmann::json doc;  // read_result_document()
};

std::string html_report(const std::vector<ReportInput>& inputs);

}  // namespace hwbench
