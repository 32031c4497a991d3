#include <bit>

#include "tests/support.hpp"
#include "workloads/vecadd/workload.hpp"

namespace hwbench {
namespace {

class VecaddOnBackend : public ::testing::TestWithParam<std::string> {};

TEST_P(VecaddOnBackend, ExactSums) {
  HWBENCH_REQUIRE_BACKEND(backend, GetParam());
  const std::uint64_t seed = ::testing::UnitTest::GetInstance()->random_seed();
  const Workload* w = Registry::instance().find_workload("vecadd");
  ASSERT_NE(w, nullptr);
  // Odd sizes exercise the kernels' scalar tails; 2^20 + 3 spans several end-to-end chunks.
  for (std::uint64_t n : {1, 3, 4, 1000, 65539, (1 << 20) + 3}) {
    const auto input = w->generate(n, seed);
    const auto& in = static_cast<const vecadd::Input&>(*input);
    testing::for_each_output<vecadd::Output>(
        "vecadd", *backend, in, [&](const vecadd::Output& out, const std::string& label) {
          ASSERT_EQ(out.c.size(), n) << label;
          for (std::uint64_t i = 0; i < n; ++i) {
            ASSERT_EQ(std::bit_cast<std::uint32_t>(out.c[i]), std::bit_cast<std::uint32_t>(in.a[i] + in.b[i]))
                << label << ", n " << n << ", element " << i << ", seed " << seed;
          }
        });
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, VecaddOnBackend, ::testing::ValuesIn(testing::kBackends));

TEST(Vecadd, InputsAreDeterministicAndInUnitInterval) {
  const Workload* w = Registry::instance().find_workload("vecadd");
  const auto x = w->generate(1000, 5);
  const auto y = w->generate(1000, 5);
  const auto z = w->generate(1000, 6);
  const auto& a = static_cast<const vecadd::Input&>(*x);
  EXPECT_EQ(a.a, static_cast<const vecadd::Input&>(*y).a);
  EXPECT_NE(a.a, static_cast<const vecadd::Input&>(*z).a);
  EXPECT_NE(a.a, a.b);
  for (float v : a.a) {
    EXPECT_GT(v, 0.0f);
    EXPECT_LE(v, 1.0f);
  }
}

}  // namespace
}  // namespace hwbench
