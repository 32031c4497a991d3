#pragma once

// The outputs of `hwbench compare`: a console table, Markdown for a pull-request comment, JSON, and an
// HTML table (the HTML report's before/after view of two runs of one machine).
// Each lives in its own file; the cells of a row and the summary lines are shared (comparison_cells.cpp).
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/comparison.hpp"

namespace hwbench {

std::string comparison_console(const Comparison& comparison);
std::string comparison_markdown(const Comparison& comparison);
nlohmann::json comparison_json(const Comparison& comparison);
// A sortable table (rows classed by verdict) and the summary lines; every string escaped.
std::string comparison_html(const Comparison& comparison);

// One row per case: key, base median, new median, change, p-value, repetitions (new/base), verdict.
std::vector<std::vector<std::string>> comparison_rows(const Comparison& comparison);
extern const std::vector<std::string> kComparisonHeader;
extern const std::vector<bool> kComparisonNumeric;  // right-aligned columns

// "geometric mean of new/base: 1.034 (+3.4%) over 12 cases", the verdict counts, the unpaired counts,
// machine differences, the gate conditions that failed and the result, one per line.
std::vector<std::string> comparison_summary(const Comparison& comparison);

// "regression (exit 1)", "no regression (exit 0)" or "inconclusive: ... (exit 4)".
std::string comparison_result(const Comparison& comparison);

// The whole verdict in one line for CI logs: counts per verdict, missing and unpaired cases, the
// geometric mean and the result.
std::string comparison_summary_line(const Comparison& comparison);

}  // namespace hwbench
