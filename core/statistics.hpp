#pragma once

#include <cstddef>
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

// Mann-Whitney U test of two independent samples, two-sided: whether values of one tend to be larger
// than those of the other, without assuming a distribution (timings are skewed and heavy-tailed).
// u is the statistic of `a` (pairs (x in a, y in b) with x > y, ties counting one half). The p-value is
// exact (the U distribution counted by recurrence) when there are no ties and both samples have at most
// kExactLimit values; otherwise the normal approximation with tie and continuity corrections.
struct RankTest {
  double u = 0;
  double p_value = 1;
  bool exact = false;
};
constexpr std::size_t kExactLimit = 50;
enum class RankMethod { automatic, asymptotic };
RankTest mann_whitney_u(std::span<const double> a, std::span<const double> b,
                        RankMethod method = RankMethod::automatic);

// The smallest two-sided p-value the test can give for samples of these sizes (complete separation):
// with 3 values on each side it is 0.1, so no difference is significant at 0.05.
double smallest_p_value(std::size_t n_a, std::size_t n_b);

}  // namespace hwbench
