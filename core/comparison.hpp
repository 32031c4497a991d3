#pragma once

// `hwbench compare BASE NEW`: two result files read into measured cases, paired by name, and each pair
// judged from its repetitions: the relative change of the medians, a Mann-Whitney U test, and a
// verdict against a threshold and a significance level. The exit code gates CI on regressions, and
// a comparison that cannot vouch for the new run (nothing compared, cases gone, too few repetitions
// to see a regression) fails too: a gate that compared nothing has not passed.
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "core/result_document.hpp"
#include "core/statistics.hpp"

namespace hwbench {

// What a result file says of the machine it ran on, as (fact, value) pairs: "host", "CPU", "GPU",
// "profile" (the fingerprint of the profile a routed run used). Facts a file does not state are absent.
using MachineFacts = std::vector<std::pair<std::string, std::string>>;

struct ResultSet {
  std::string source;  // the path, as given
  std::string format;  // "hwbench-result" or "google-benchmark"
  // Paired by comparison_key(). A Google Benchmark run reads as a case named by its run name without
  // its run settings (min_time:, repeats:, real_time, ...), ok with its repetitions' real times as
  // samples, or error with its error or skip message as the reason.
  std::vector<CaseResult> cases;
  MachineFacts machine;
};

// Reads a result.json, a gbench.json or any Google Benchmark JSON output (--benchmark_out). A file that
// is missing, not a regular file, too large or too deep (core/json_file.hpp), not JSON, of another
// schema or with values of the wrong type or outside physical sense throws UsageError with one line
// that names the file.
ResultSet load_result_set(const std::filesystem::path& path);
// The same from a parsed document; `source` names it in errors.
ResultSet result_set_from_json(const nlohmann::json& doc, const std::string& source);
// From a result document already read: a case ok or failed without samples is refused (UsageError).
ResultSet result_set_of(const std::string& source, ResultDocument document);

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

// What makes a comparison without a regression fail all the same (exit 4), chosen with --fail-on.
// Nothing compared at all always fails.
enum class GateCondition {
  missing,       // a base case is absent from the new file, or was not measured there
  unpaired,      // a new case has no measured base case to be judged against
  underpowered,  // a case changed beyond the threshold, but its repetitions cannot reach alpha
  noisy,         // a case changed beyond the threshold without significance (underpowered ones too)
  machine,       // the two files name different hosts, CPUs, GPUs or profiles
};
std::string_view to_string(GateCondition condition);
std::optional<GateCondition> parse_gate_condition(std::string_view name);
// missing and underpowered: what a broken pipeline shows, while a new case or a noisy one is not.
std::vector<GateCondition> default_gate_conditions();

struct CompareOptions {
  double threshold = 0.05;  // relative change of the medians that matters
  double alpha = 0.05;      // significance level of the U test
  std::vector<GateCondition> fail_on = default_gate_conditions();
};

// Why a comparison cannot vouch for the new run: the condition ("nothing-compared" or one of
// GateCondition's names) and one line that says what was found.
struct GateFailure {
  std::string condition;
  std::string message;
};

struct Comparison {
  std::string base_source, new_source;
  CompareOptions options;
  std::vector<CaseComparison> cases;  // in the new file's order; failed new cases without a base too
  std::vector<std::string> only_in_base, only_in_new;
  std::optional<double> geomean_ratio;  // of new / base medians over the cases measured on both sides
  std::size_t compared = 0;             // cases measured on both sides
  std::size_t missing = 0;              // base cases absent from the new file or not measured there
  std::size_t unpaired = 0;             // new cases without a measured base case
  std::size_t underpowered = 0;         // noisy cases whose repetitions cannot reach alpha
  std::vector<std::string> machine_differences;  // "CPU: 'a' (base), 'b' (new)"
  std::vector<GateFailure> gate_failures;        // each condition of options.fail_on met, or nothing compared
  std::size_t count(Verdict verdict) const;
  // 1 when any case is slower or failed (a regression), else 4 when a gate condition failed, else 0.
  int exit_code() const;
};

Comparison compare_results(const ResultSet& base, const ResultSet& next, const CompareOptions& options);

}  // namespace hwbench
