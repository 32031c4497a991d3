#include <fmt/format.h>

#include <cctype>

#include "core/error.hpp"
#include "report/comparison_report.hpp"
#include "report/console.hpp"

namespace hwbench {

const std::vector<std::string> kComparisonHeader = {"case",    "base", "new",    "change",
                                                    "p-value", "reps", "verdict"};

const std::vector<bool> kComparisonNumeric = {false, true, true, true, true, true, false};

namespace {

std::vector<std::string> comparison_cells(const CaseComparison& c) {
  std::string verdict(to_string(c.verdict));
  // The two that fail the comparison stand out in text.
  if (c.verdict == Verdict::slower || c.verdict == Verdict::failed) {
    for (char& ch : verdict) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  }
  return {c.base_repetitions > 0 ? format_seconds(c.base_median) : "-",
          c.new_repetitions > 0 ? format_seconds(c.new_median) : "-",
          c.change ? fmt::format("{:+.1f}%", 100 * *c.change) : "-",
          c.test ? fmt::format("{:.3g}", c.test->p_value) : "-",
          fmt::format("{}/{}", c.new_repetitions, c.base_repetitions),
          verdict};
}

}  // namespace

std::vector<std::vector<std::string>> comparison_rows(const Comparison& comparison) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& c : comparison.cases) {
    std::vector<std::string> row = {c.key};
    for (auto& cell : comparison_cells(c)) row.push_back(std::move(cell));
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string comparison_result(const Comparison& comparison) {
  switch (comparison.exit_code()) {
    case kExitOk:
      return "no regression (exit 0)";
    case kExitVerificationFailed:
      return "regression (exit 1)";
    default:
      return fmt::format("inconclusive: the comparison cannot vouch for the new file (exit {})",
                         comparison.exit_code());
  }
}

std::vector<std::string> comparison_summary(const Comparison& comparison) {
  std::vector<std::string> lines;
  if (comparison.geomean_ratio) {
    lines.push_back(fmt::format("geometric mean of new/base: {:.3f} ({:+.1f}%) over {} cases",
                                *comparison.geomean_ratio, 100 * (*comparison.geomean_ratio - 1),
                                comparison.compared));
  } else {
    lines.push_back("no case was measured on both sides");
  }
  lines.push_back(fmt::format("{} slower, {} faster, {} same, {} noisy, {} failed, {} skipped",
                              comparison.count(Verdict::slower), comparison.count(Verdict::faster),
                              comparison.count(Verdict::same), comparison.count(Verdict::noisy),
                              comparison.count(Verdict::failed), comparison.count(Verdict::skipped)));
  if (!comparison.only_in_base.empty() || !comparison.only_in_new.empty()) {
    lines.push_back(fmt::format("unpaired: {} only in base, {} only in new", comparison.only_in_base.size(),
                                comparison.only_in_new.size()));
  }
  for (const auto& d : comparison.machine_differences) lines.push_back("warning: machines differ: " + d);
  for (const auto& g : comparison.gate_failures) {
    lines.push_back(g.condition == "nothing-compared"
                        ? "gate: nothing compared: " + g.message
                        : fmt::format("gate: {} (--fail-on {})", g.message, g.condition));
  }
  lines.push_back("result: " + comparison_result(comparison));
  return lines;
}

std::string comparison_summary_line(const Comparison& comparison) {
  std::string geomean = comparison.geomean_ratio
                            ? fmt::format("geomean {:+.1f}%", 100 * (*comparison.geomean_ratio - 1))
                            : std::string("no geomean");
  return fmt::format(
      "compare: {} compared: {} slower, {} faster, {} same, {} noisy, {} failed, {} skipped; {} missing, {} "
      "unpaired; {}: {}",
      comparison.compared, comparison.count(Verdict::slower), comparison.count(Verdict::faster),
      comparison.count(Verdict::same), comparison.count(Verdict::noisy), comparison.count(Verdict::failed),
      comparison.count(Verdict::skipped), comparison.missing, comparison.unpaired, geomean,
      comparison_result(comparison));
}

}  // namespace hwbench
