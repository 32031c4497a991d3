#include <fmt/format.h>

#include "report/comparison_report.hpp"

namespace hwbench {
namespace {

// Text from a result file shown as text: every character Markdown or HTML could read as markup is
// escaped, and line breaks (which would end a table row) become spaces.
std::string escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\n' || c == '\r') {
      out += ' ';
    } else if (std::string_view("\\`*_[]<>|~&").find(c) != std::string_view::npos) {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string comparison_markdown(const Comparison& comparison) {
  std::string out = "### hwbench compare\n\n";
  out += fmt::format("{} → {}: threshold {:g}%, alpha {:g} (Mann-Whitney U, two-sided)\n\n",
                     escape(comparison.base_source), escape(comparison.new_source),
                     100 * comparison.options.threshold, comparison.options.alpha);
  out += "| case | base | new | change | p-value | reps | verdict |\n|---|---:|---:|---:|---:|---:|---|\n";
  for (const auto& c : comparison.cases) {
    const auto cells = comparison_cells(c);
    const bool bad = c.verdict == Verdict::slower || c.verdict == Verdict::failed;
    out += fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", escape(c.key), cells[0], cells[1],
                       escape(cells[2]), cells[3], cells[4], bad ? "**" + cells[5] + "**" : cells[5]);
  }
  std::string notes;
  for (const auto& c : comparison.cases) {
    if (!c.note.empty()) notes += fmt::format("- {}: {}\n", escape(c.key), escape(c.note));
  }
  for (const auto& key : comparison.only_in_base) notes += fmt::format("- only in base: {}\n", escape(key));
  for (const auto& key : comparison.only_in_new) notes += fmt::format("- only in new: {}\n", escape(key));
  if (!notes.empty()) out += "\n" + notes;
  const auto summary = comparison_summary(comparison);
  for (std::size_t i = 0; i < summary.size(); ++i) {
    const bool last = i + 1 == summary.size();
    out += fmt::format("\n{}{}{}\n", last ? "**" : "", escape(summary[i]), last ? "**" : "");
  }
  return out;
}

}  // namespace hwbench
