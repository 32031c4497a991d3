#pragma once

// `hwbench report` and `run --html`: one self-contained HTML file (styles, script and charts inline; no
// network) from one or more result documents, e.g. runs on several machines. Per workload: time vs size
// on log-log axes with the GPU's crossover over the best CPU backend marked, speed-up over cpu-serial,
// throughput; % of peak where it applies; GPU telemetry over time for cuda cases; the machines;
// and a sortable table of every case with its verification badge and % of peak. Every string from a result
// file is escaped.
#include <string>

#include "core/result_document.hpp"

namespace hwbench {

// `source` names the file the document came from; a merged document is drawn run by run, each from its
// own context (several files given to report are merged first, with an empty `source`).
std::string html_report(const ResultDocument& document, const std::string& source);

}  // namespace hwbench
