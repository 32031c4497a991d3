#pragma once

// A baseline pooled from history: the last N stored runs of the machine a new result measured on (of one
// tag where the URL says), each case's samples over those runs taken together, so that compare applies
// its test to a baseline that one noisy run cannot sway.
#include "core/comparison.hpp"
#include "core/result_document.hpp"
#include "store/url.hpp"

namespace hwbench::store {

// Most runs one baseline pools; the default when the URL has no ?last=.
inline constexpr std::size_t kMaxBaselineRuns = 1000;
inline constexpr std::size_t kDefaultBaselineRuns = 10;

// The baseline `url` (?tag=NAME, ?last=N) gives for a result measured in `context`. Throws UsageError
// when the store has no run of that machine (and tag), or for a malformed option.
ResultSet baseline_from_store(const StoreUrl& url, const RunContext& context);

// The runs' cases pooled by comparison key, the first run's record standing for each case with every
// measured run's samples (and the statistics over them); a case that failed in the first run stays failed.
ResultDocument pool_runs(const std::vector<ResultDocument>& newest_first);

}  // namespace hwbench::store
