#include <fmt/format.h>

#include "report/comparison_report.hpp"
#include "report/text_table.hpp"

namespace hwbench {

std::string comparison_console(const Comparison& comparison) {
  std::string out = fmt::format("hwbench compare: {} -> {} (threshold {:g}%, alpha {:g}, Mann-Whitney U)\n",
                                comparison.base_source, comparison.new_source,
                                100 * comparison.options.threshold, comparison.options.alpha);
  out += text_table(kComparisonHeader, comparison_rows(comparison), kComparisonNumeric);
  for (const auto& c : comparison.cases) {
    if (!c.note.empty()) out += fmt::format("note: {}: {}\n", c.key, c.note);
  }
  for (const auto& key : comparison.only_in_base) out += fmt::format("only in base: {}\n", key);
  for (const auto& key : comparison.only_in_new) out += fmt::format("only in new: {}\n", key);
  for (const auto& line : comparison_summary(comparison)) out += line + "\n";
  return out;
}

}  // namespace hwbench
