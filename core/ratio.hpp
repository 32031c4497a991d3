#pragma once

#include <string_view>

namespace hwbench {

// Parses a share such as "1/16", "0.25" or "0": a finite value in [0, 1] written as a/b (both finite,
// b > 0) or as a decimal. Throws UsageError with a one-line reason otherwise ("1/inf", "nan", "2/3x").
double parse_ratio(std::string_view text);

}  // namespace hwbench
