#pragma once

// The run in Prometheus' text exposition format (version 0.0.4), for node_exporter's textfile
// collector: a histogram of per-repetition durations for each workload and backend, a throughput gauge
// and a median gauge per case, and counters of cases by backend and status (how the run routed its
// cases). Label values are escaped as the format asks (backslash, double quote, line feed).
#include <string>
#include <vector>

#include "core/result.hpp"

namespace hwbench {

// Upper bounds of the duration histogram's buckets, seconds (+Inf follows).
inline constexpr double kDurationBuckets[] = {1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 0.1, 1, 10, 100};

std::string results_prometheus(const std::vector<CaseResult>& cases);

}  // namespace hwbench
