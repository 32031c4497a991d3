#pragma once

// The run in the text exposition format that both Prometheus (0.0.4, node_exporter's textfile
// collector) and a strict OpenMetrics parser read: a build-info gauge; per verified case a summary of
// its per-repetition durations (median and p99 quantiles, sum, count) and a throughput gauge; gauges of
// the run's cases by backend and status and, for scheduled runs, of routing, GPU failures and
// fallbacks. A run is a snapshot, not a process that counts up, so there are no counters. Cases are
// labelled by workload, backend, variant, mode and size, and by parameters and machine where they have
// them, so that no two series share labels. Label values are escaped as the format asks (backslash,
// double quote, line feed); the text ends with "# EOF".
#include <string>

#include "core/result_document.hpp"

namespace hwbench {

std::string results_prometheus(const ResultDocument& document);

}  // namespace hwbench
