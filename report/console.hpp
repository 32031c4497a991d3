#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace hwbench {

// The table printed after a run: one row per case.
std::string console_table(const std::vector<CaseResult>& cases);

// Human units: 1.23 ms, 4.56 G/s, 2.71 TB/s.
std::string format_seconds(double seconds);
std::string format_rate(double per_second, const char* unit);

}  // namespace hwbench
