// `hwbench compare BASE NEW`: case-by-case comparison of two result files (hwbench result.json or Google
// Benchmark JSON), or of NEW with a baseline pooled from a results store (--baseline URL); exit 1 on a
// significant regression beyond the threshold, 2 on bad input, 4 when the comparison cannot vouch for the new
// file (nothing compared, or a --fail-on condition met).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

#include "cli/commands.hpp"
#include "cli/option_checks.hpp"
#include "core/atomic_file.hpp"
#include "core/comparison.hpp"
#include "core/error.hpp"
#include "core/result_document.hpp"
#include "report/comparison_report.hpp"
#include "store/baseline.hpp"

namespace hwbench::cli {
namespace {

struct CompareArgs {
  std::vector<std::string> files;  // BASE NEW, or NEW with --baseline
  std::string baseline;
  std::string threshold = "5%";
  double alpha = 0.05;
  std::string format = "table";
  std::string out;
  std::vector<std::string> fail_on;
};

// "5%" or "0.05" -> 0.05.
double parse_threshold(const std::string& text) {
  const bool percent = !text.empty() && text.back() == '%';
  const std::string number = percent ? text.substr(0, text.size() - 1) : text;
  std::size_t used = 0;
  double value = -1;
  try {
    value = std::stod(number, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != number.size() || !std::isfinite(value)) {
    throw UsageError(fmt::format("--threshold: \"{}\" is not a percentage (5%) or a fraction (0.05)", text));
  }
  if (percent) value /= 100;
  if (value < 0 || value > 10) throw UsageError(fmt::format("--threshold: {} is outside 0% .. 1000%", text));
  return value;
}

// "missing,underpowered" -> the conditions; "none" -> none; not given -> the defaults.
std::vector<GateCondition> parse_fail_on(const std::vector<std::string>& names, bool given) {
  if (!given) return default_gate_conditions();
  std::vector<GateCondition> out;
  for (const auto& name : names) {
    if (name == "none") {
      if (names.size() > 1) throw UsageError("--fail-on: 'none' stands alone");
      return {};
    }
    const auto condition = parse_gate_condition(name);
    if (!condition) {
      throw UsageError(fmt::format(
          "--fail-on: unknown condition '{}' (known: missing, unpaired, underpowered, noisy, machine, none)",
          name));
    }
    if (std::find(out.begin(), out.end(), *condition) == out.end()) out.push_back(*condition);
  }
  return out;
}

// BASE and NEW as the arguments give them: two files, or NEW and a baseline pooled for NEW's machine.
std::pair<ResultSet, ResultSet> sets_of(const CompareArgs& args) {
  if (args.baseline.empty()) {
    if (args.files.size() != 2) throw UsageError("compare takes BASE NEW, or NEW with --baseline URL");
    return {load_result_set(args.files[0]), load_result_set(args.files[1])};
  }
  if (args.files.size() != 1) throw UsageError("--baseline URL takes the place of BASE: give NEW alone");
  // The machine to pool runs of is the new result's: it must be an hwbench result of one run.
  ResultDocument next = read_result_document(args.files[0]);
  if (next.merged()) throw UsageError("--baseline: a merged NEW holds several machines; compare one run");
  ResultSet base = store::baseline_from_store(store::parse_store_url(args.baseline), next.context);
  return {std::move(base), result_set_of(args.files[0], std::move(next))};
}

}  // namespace

void add_compare_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<CompareArgs>();
  CLI::App* cmd = app.add_subcommand(
      "compare", "Compare two result files case by case; exit 1 when a case is significantly slower");
  cmd->add_option("files", args->files,
                  "BASE NEW: the baseline and the results to judge, each a result.json or Google Benchmark "
                  "JSON; or NEW alone with --baseline")
      ->required()
      ->expected(1, 2);
  cmd->add_option("--baseline", args->baseline,
                  "Pool the baseline from a results store: URL?tag=NAME&last=N, the last N runs (default 10) "
                  "of the new result's machine (and tag), each case's samples over them together");
  cmd->add_option("--threshold", args->threshold,
                  "Change of the medians that counts, as 5% or 0.05 (default 5%)");
  cmd->add_option("--alpha", args->alpha, "Significance level of the Mann-Whitney U test (default 0.05)")
      ->check(finite_range(1e-12, 0.5));
  cmd->add_option("--format", args->format, "table (default), markdown or json")
      ->check(CLI::IsMember({"table", "markdown", "json"}));
  cmd->add_option("--out", args->out, "Also write the output to this file");
  cmd->add_option("--fail-on", args->fail_on,
                  "Besides regressions, fail (exit 4) when: missing (a base case not measured in the new "
                  "file), unpaired (a new case without a base), underpowered (a change beyond the threshold "
                  "that the repetitions cannot test), noisy (any change beyond the threshold without "
                  "significance), machine (other host, CPU, GPU or profile); a comma list, or none. Default: "
                  "missing,underpowered. Nothing compared always fails")
      ->delimiter(',');
  cmd->footer(kExitCodesHelp);
  cmd->callback([args, cmd, &exit_code] {
    // Standard output has the text already: --out - adds nothing.
    std::optional<AtomicFile> file;
    try {
      if (!args->out.empty() && !is_stdout(args->out)) file.emplace(args->out);
    } catch (const UsageError& e) {
      throw UsageError(fmt::format("--out: {}", e.what()));
    }
    const CompareOptions options{parse_threshold(args->threshold), args->alpha,
                                 parse_fail_on(args->fail_on, cmd->count("--fail-on") > 0)};
    const auto [base, next] = sets_of(*args);
    const Comparison comparison = compare_results(base, next, options);
    std::string text;
    if (args->format == "json") {
      text = comparison_json(comparison).dump(2) + "\n";
    } else {
      text = args->format == "markdown" ? comparison_markdown(comparison) : comparison_console(comparison);
    }
    if (file) {
      try {
        file->write(text);
        file->commit();
      } catch (const UsageError& e) {
        throw UsageError(fmt::format("--out: {}", e.what()));  // exit 2, not 1 (a regression)
      }
    }
    fmt::print("{}", text);
    std::fflush(stdout);
    for (const auto& d : comparison.machine_differences)
      fmt::print(stderr, "hwbench: warning: machines differ: {}\n", d);
    fmt::print(stderr, "{}\n", comparison_summary_line(comparison));
    exit_code = comparison.exit_code();
  });
}

}  // namespace hwbench::cli
