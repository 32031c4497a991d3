#include <gtest/gtest.h>

#include <vector>

#include "core/rng.hpp"
#include "core/statistics.hpp"

namespace hwbench {
namespace {

TEST(Statistics, SummaryOfKnownSamples) {
  const std::vector<double> v = {5, 1, 4, 2, 3};
  const Summary s = summarize(v);
  EXPECT_DOUBLE_EQ(s.median, 3);
  EXPECT_DOUBLE_EQ(s.mean, 3);
  EXPECT_DOUBLE_EQ(s.min, 1);
  EXPECT_DOUBLE_EQ(s.max, 5);
  EXPECT_NEAR(s.stddev, 1.5811388300841898, 1e-12);
  EXPECT_DOUBLE_EQ(s.mad, 1);
  EXPECT_NEAR(s.p99, 4.96, 1e-12);
  EXPECT_NEAR(s.relative_spread(), 1.0 / 3.0, 1e-12);
}

TEST(Statistics, QuantileInterpolates) {
  const std::vector<double> v = {10, 20};
  EXPECT_DOUBLE_EQ(quantile(v, 0.5), 15);
  EXPECT_DOUBLE_EQ(quantile(v, 0.0), 10);
  EXPECT_DOUBLE_EQ(quantile(v, 1.0), 20);
}

TEST(Statistics, SingleSampleHasNoSpread) {
  const std::vector<double> v = {2.5};
  const Summary s = summarize(v);
  EXPECT_DOUBLE_EQ(s.median, 2.5);
  EXPECT_DOUBLE_EQ(s.stddev, 0);
  EXPECT_DOUBLE_EQ(s.mad, 0);
}

TEST(Rng, DeterministicPerSeedAndStream) {
  Rng a(42, 1), b(42, 1), c(42, 2), d(43, 1);
  const auto x = a.next();
  EXPECT_EQ(x, b.next());
  EXPECT_NE(x, c.next());
  EXPECT_NE(x, d.next());
}

TEST(Rng, BelowStaysInRange) {
  Rng r(7);
  for (int i = 0; i < 10000; ++i) EXPECT_LT(r.below(10), 10u);
}

}  // namespace
}  // namespace hwbench
