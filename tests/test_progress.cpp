#include <gtest/gtest.h>

#include <vector>

#include "core/progress.hpp"

namespace hwbench {
namespace {

// A sweep of doubling sizes whose cases take 0.5 s plus 1 us per item: the fit finds both terms, so the
// ETA after the small cases is the large cases' time, not the small cases' mean.
TEST(Progress, EtaWeighsCasesBySize) {
  std::vector<double> sizes, seconds;
  for (double s = 1024; s <= 16384; s *= 2) {
    sizes.push_back(s);
    seconds.push_back(0.5 + 1e-6 * s);
  }
  const std::vector<double> left = {1 << 20, 1 << 21, 1 << 22};
  const double want = 3 * 0.5 + 1e-6 * ((1 << 20) + (1 << 21) + (1 << 22));
  EXPECT_NEAR(remaining_seconds(sizes, seconds, left), want, 1e-6 * want);
  // The average per case would say about 3 * 0.506 s.
  EXPECT_GT(remaining_seconds(sizes, seconds, left), 5.0);
}

TEST(Progress, EtaWithoutASizeTrend) {
  // One size: the mean per case.
  EXPECT_NEAR(remaining_seconds(std::vector<double>{64, 64}, std::vector<double>{1.0, 3.0},
                                std::vector<double>{64, 1 << 20}),
              4.0, 1e-12);
  // Larger cases faster (noise): no negative times, the mean per case.
  EXPECT_NEAR(
      remaining_seconds(std::vector<double>{1, 2}, std::vector<double>{2.0, 1.0}, std::vector<double>{1000}),
      1.5, 1e-12);
  // Time proportional to size: through the origin, never a negative fixed cost.
  EXPECT_NEAR(remaining_seconds(std::vector<double>{10, 20, 40}, std::vector<double>{0.1, 0.2, 0.4},
                                std::vector<double>{80}),
              0.8, 1e-9);
  EXPECT_EQ(remaining_seconds({}, {}, std::vector<double>{1}), 0.0);
  EXPECT_EQ(remaining_seconds(std::vector<double>{1}, std::vector<double>{1}, {}), 0.0);
}

}  // namespace
}  // namespace hwbench
