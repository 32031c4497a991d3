#include <fmt/format.h>

#include "report/comparison_report.hpp"
#include "report/svg_chart.hpp"

namespace hwbench {

std::string comparison_html(const Comparison& comparison) {
  std::string out = fmt::format(
      "<p class=\"hint\">{} → {}: threshold {:g}%, alpha {:g} (Mann-Whitney U, two-sided), as "
      "<code>hwbench compare</code> judges them.</p>",
      html_escape(comparison.base_source), html_escape(comparison.new_source),
      100 * comparison.options.threshold, comparison.options.alpha);
  out += "<table class=\"sortable comparison\"><thead><tr>";
  for (const auto& h : kComparisonHeader) out += fmt::format("<th>{}</th>", html_escape(h));
  out += "</tr></thead><tbody>";
  const auto rows = comparison_rows(comparison);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const CaseComparison& c = comparison.cases[i];
    out += fmt::format("<tr class=\"verdict-{}\">", to_string(c.verdict));
    for (std::size_t k = 0; k < rows[i].size(); ++k) {
      // Sorted by value: the change as a number, the rest as shown.
      const bool change = kComparisonHeader[k] == "change" && c.change;
      out += fmt::format(R"(<td{}{}{}>{}</td>)", kComparisonNumeric[k] ? " class=\"num\"" : "",
                         change ? " data-v=\"" : "", change ? fmt::format("{}\"", *c.change) : "",
                         html_escape(rows[i][k]));
    }
    out += "</tr>";
  }
  out += "</tbody></table><ul class=\"comparison-summary\">";
  for (const auto& line : comparison_summary(comparison)) out += "<li>" + html_escape(line) + "</li>";
  return out + "</ul>";
}

}  // namespace hwbench
