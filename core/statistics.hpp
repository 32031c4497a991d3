#pragma once

#include <span>

namespace hwbench {

// Summary of one case's per-repetition times (seconds per iteration).
struct Summary {
  double median = 0;
  double mean = 0;
  double stddev = 0;
  double min = 0;
  double max = 0;
  double p99 = 0;
  double mad = 0;  // median absolute deviation, unscaled
  // Relative spread shown in the console: mad / median.
  double relative_spread() const { return median > 0 ? mad / median : 0; }
};

// Quantile by linear interpolation between order statistics (type 7, as numpy's default).
double quantile(std::span<const double> values, double q);
Summary summarize(std::span<const double> samples);

}  // namespace hwbench
