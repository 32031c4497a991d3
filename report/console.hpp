#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace hwbench {

// The table printed after a run: a header and one row of human-formatted cells per case, which the
// console (aligned columns) and Markdown renderings share.
struct ResultTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> numeric;  // per column: right-aligned
};
ResultTable result_table(const std::vector<CaseResult>& cases);
std::string console_table(const std::vector<CaseResult>& cases);

// Human units: 1.23 ms, 4.56 G/s, 2.71 TB/s.
std::string format_seconds(double seconds);
std::string format_rate(double per_second, const char* unit);

}  // namespace hwbench
