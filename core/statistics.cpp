#include "core/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace hwbench {

double quantile(std::span<const double> values, double q) {
  if (values.empty()) return 0;
  std::vector<double> sorted(values.begin(), values.end());
  std::sort(sorted.begin(), sorted.end());
  const double pos = q * static_cast<double>(sorted.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const auto hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (pos - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

Summary summarize(std::span<const double> samples) {
  Summary s;
  if (samples.empty()) return s;
  const auto n = static_cast<double>(samples.size());
  s.median = quantile(samples, 0.5);
  s.p99 = quantile(samples, 0.99);
  const auto [lo, hi] = std::minmax_element(samples.begin(), samples.end());
  s.min = *lo;
  s.max = *hi;
  s.mean = std::accumulate(samples.begin(), samples.end(), 0.0) / n;
  if (samples.size() > 1) {
    double sq = 0;
    for (double v : samples) sq += (v - s.mean) * (v - s.mean);
    s.stddev = std::sqrt(sq / (n - 1));
  }
  std::vector<double> deviations;
  deviations.reserve(samples.size());
  for (double v : samples) deviations.push_back(std::fabs(v - s.median));
  s.mad = quantile(deviations, 0.5);
  return s;
}

namespace {

// P(U <= u) under the null hypothesis for samples of n_a and n_b values without ties. The number of
// orderings with statistic u for (i, j) values is count(i - 1, j)[u - j] + count(i, j - 1)[u] (the
// largest value comes from a, beating all j values of b, or from b); rows of i are kept one at a time.
double exact_cdf(std::size_t n_a, std::size_t n_b, std::size_t u) {
  const std::size_t max_u = n_a * n_b;
  // row[j] holds the counts for (i, j) as a vector over u.
  std::vector<std::vector<double>> row(n_b + 1, std::vector<double>(max_u + 1, 0.0));
  for (auto& counts : row) counts[0] = 1;  // i = 0: one ordering, U = 0
  for (std::size_t i = 1; i <= n_a; ++i) {
    std::vector<std::vector<double>> next(n_b + 1, std::vector<double>(max_u + 1, 0.0));
    next[0][0] = 1;  // j = 0: U = 0
    for (std::size_t j = 1; j <= n_b; ++j) {
      for (std::size_t v = 0; v <= i * j; ++v) {
        next[j][v] = (v >= j ? row[j][v - j] : 0.0) + next[j - 1][v];
      }
    }
    row = std::move(next);
  }
  double below = 0, total = 0;
  for (std::size_t v = 0; v <= max_u; ++v) {
    total += row[n_b][v];
    if (v <= u) below += row[n_b][v];
  }
  return below / total;
}

}  // namespace

RankTest mann_whitney_u(std::span<const double> a, std::span<const double> b, RankMethod method) {
  RankTest result;
  const std::size_t n_a = a.size(), n_b = b.size();
  if (n_a == 0 || n_b == 0) return result;
  // Ranks of the pooled values, ties sharing their average rank.
  std::vector<std::pair<double, bool>> pooled;  // value, from a
  pooled.reserve(n_a + n_b);
  for (double v : a) pooled.emplace_back(v, true);
  for (double v : b) pooled.emplace_back(v, false);
  std::sort(pooled.begin(), pooled.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  double rank_sum_a = 0, tie_term = 0;
  bool ties = false;
  for (std::size_t i = 0; i < pooled.size();) {
    std::size_t j = i;
    while (j < pooled.size() && pooled[j].first == pooled[i].first) ++j;
    const double average_rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2;
    for (std::size_t k = i; k < j; ++k) {
      if (pooled[k].second) rank_sum_a += average_rank;
    }
    const auto t = static_cast<double>(j - i);
    tie_term += t * t * t - t;
    ties |= j - i > 1;
    i = j;
  }
  const double na = static_cast<double>(n_a), nb = static_cast<double>(n_b);
  result.u = rank_sum_a - na * (na + 1) / 2;
  const double smaller_u = std::min(result.u, na * nb - result.u);
  if (method == RankMethod::automatic && !ties && n_a <= kExactLimit && n_b <= kExactLimit) {
    result.exact = true;
    result.p_value = std::min(1.0, 2 * exact_cdf(n_a, n_b, static_cast<std::size_t>(smaller_u)));
    return result;
  }
  const double n = na + nb;
  const double variance = na * nb / 12 * ((n + 1) - tie_term / (n * (n - 1)));
  if (variance <= 0) return result;  // every value equal: no evidence either way
  const double z = std::max(0.0, std::fabs(result.u - na * nb / 2) - 0.5) / std::sqrt(variance);
  result.p_value = std::min(1.0, std::erfc(z / std::sqrt(2.0)));
  return result;
}

double smallest_p_value(std::size_t n_a, std::size_t n_b) {
  if (n_a == 0 || n_b == 0) return 1;
  // 2 / C(n_a + n_b, n_a)
  double combinations = 1;
  for (std::size_t k = 1; k <= n_a; ++k)
    combinations = combinations * static_cast<double>(n_b + k) / static_cast<double>(k);
  return std::min(1.0, 2 / combinations);
}

}  // namespace hwbench
