#pragma once

// The outputs of `hwbench compare`: a console table, Markdown for a pull-request comment, and JSON.
// Each lives in its own file; the cells of a row and the summary lines are shared (comparison_cells.cpp).
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/comparison.hpp"

namespace hwbench {

std::string comparison_console(const Comparison& comparison);
std::string comparison_markdown(const Comparison& comparison);
nlohmann::json comparison_json(const Comparison& comparison);

// One row: base median, new median, change, p-value, repetitions (new/base), verdict.
std::vector<std::string> comparison_cells(const CaseComparison& c);
extern const std::vector<std::string> kComparisonHeader;  // "case" and the cells' names

// "geometric mean of new/base: 1.034 (+3.4%) over 12 cases", the verdict counts, the unpaired counts
// and the result, one per line.
std::vector<std::string> comparison_summary(const Comparison& comparison);

}  // namespace hwbench
