#pragma once

// `hwbench compare BASE NEW`: two result files read into measured cases, paired by name, and each pair
// judged from its repetitions: the relative change of the medians, a Mann-Whitney U test, and a
// verdict against a threshold and a significance level. The exit code gates CI on regressions.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/statistics.hpp"

namespace hwbench {

// One case as read from a result file: its key, its time per iteration in each repetition, and whether
// it produced a verified result.
struct MeasuredCase {
  // hwbench: "workload/backend/variant/mode/size", with " [parameters]" when the case has any and
  // " @machine" in merged results;
  // Google Benchmark: the run name without its run settings (min_time:, repeats:, real_time, ...).
  std::string key;
  std::vector<double> samples;  // seconds per iteration
  bool ok = true;               // measured and verified (hwbench), no error (Google Benchmark)
  std::string status;           // "ok", or why not: "failed", "error: ...", "skipped: ..."
};

struct ResultSet {
  std::string source;  // the path, as given
  std::string format;  // "hwbench-result" or "google-benchmark"
  std::vector<MeasuredCase> cases;
};

// Reads a result.json, a gbench.json or any Google Benchmark JSON output (--benchmark_out). A file that
// is missing, larger than 1 GiB, not JSON, of another schema or with values of the wrong type throws
// UsageError with one line that names the file.
ResultSet load_result_set(const std::filesystem::path& path);

enum class Verdict {
  faster,   // significant (p < alpha) and faster by more than the threshold
  slower,   // significant and slower by more than the threshold: a regression
  same,     // within the threshold
  noisy,    // beyond the threshold, but not significant: more repetitions needed to tell
  failed,   // the new case failed verification or errored: a regression
  skipped,  // not measured on one side (skipped there, or the base failed)
};
std::string_view to_string(Verdict verdict);

struct CaseComparison {
  std::string key;
  std::size_t base_repetitions = 0, new_repetitions = 0;
  double base_median = 0, new_median = 0;  // seconds
  std::optional<double> change;            // new / base - 1 (positive: slower)
  std::optional<RankTest> test;
  Verdict verdict = Verdict::skipped;
  std::string note;  // e.g. why skipped, or that the repetitions cannot reach alpha
};

struct CompareOptions {
  double threshold = 0.05;  // relative change of the medians that matters
  double alpha = 0.05;      // significance level of the U test
};

struct Comparison {
  std::string base_source, new_source;
  CompareOptions options;
  std::vector<CaseComparison> cases;  // in the new file's order
  std::vector<std::string> only_in_base, only_in_new;
  std::optional<double> geomean_ratio;  // of new / base medians over the cases measured on both sides
  std::size_t count(Verdict verdict) const;
  // 1 when any case is slower or failed, else 0.
  int exit_code() const;
};

Comparison compare_results(const ResultSet& base, const ResultSet& next, const CompareOptions& options);

}  // namespace hwbench
