#include <fmt/format.h>

#include "report/comparison_report.hpp"
#include "report/markdown_table.hpp"

namespace hwbench {
std::string comparison_markdown(const Comparison& comparison) {
  std::string out = "### hwbench compare\n\n";
  out += fmt::format("{} → {}: threshold {:g}%, alpha {:g} (Mann-Whitney U, two-sided)\n\n",
                     markdown_escape(comparison.base_source), markdown_escape(comparison.new_source),
                     100 * comparison.options.threshold, comparison.options.alpha);
  out += markdown_table(kComparisonHeader, comparison_rows(comparison), kComparisonNumeric);
  std::string notes;
  for (const auto& c : comparison.cases) {
    if (!c.note.empty()) notes += fmt::format("- {}: {}\n", markdown_escape(c.key), markdown_escape(c.note));
  }
  for (const auto& key : comparison.only_in_base)
    notes += fmt::format("- only in base: {}\n", markdown_escape(key));
  for (const auto& key : comparison.only_in_new)
    notes += fmt::format("- only in new: {}\n", markdown_escape(key));
  if (!notes.empty()) out += "\n" + notes;
  const auto summary = comparison_summary(comparison);
  for (std::size_t i = 0; i < summary.size(); ++i) {
    const bool last = i + 1 == summary.size();
    out += fmt::format("\n{}{}{}\n", last ? "**" : "", markdown_escape(summary[i]), last ? "**" : "");
  }
  return out;
}

}  // namespace hwbench
