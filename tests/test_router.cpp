// The `auto` router: one case per job, the GPU where the profile puts the size in its range, the variant
// the profile's curves say is fastest, and the reason recorded; a fallback to the CPU without a GPU.
#include <gtest/gtest.h>

#include "core/registry.hpp"
#include "scheduler/router.hpp"

namespace hwbench::scheduler {
namespace {

using calibration::CrossoverKind;

calibration::VariantProfile msm_variant(const std::string& name, std::uint64_t crossover) {
  calibration::VariantProfile v;
  v.variant = name;
  v.cpu_variants = {"pippenger"};
  for (const char* cpu : {"cpu-tbb", "cpu-serial"}) {
    v.thresholds.push_back({cpu, Mode::e2e, CrossoverKind::crossover, crossover, crossover / 2});
  }
  v.max_gpu_size = 1 << 20;
  return v;
}

calibration::Profile msm_profile() {
  calibration::Profile p;
  p.machine = calibration::this_machine();
  calibration::WorkloadProfile w;
  w.workload = "msm";
  w.min_size = 4;
  w.max_size = 16384;
  w.variants = {msm_variant("pippenger", 362), msm_variant("precomputed", 128)};
  // precomputed is the faster GPU variant at every size measured.
  for (std::uint64_t n : {256u, 4096u, 16384u}) {
    const double s = 1e-3 + 1e-7 * static_cast<double>(n);
    w.curve.push_back({"cuda", "pippenger", Mode::e2e, n, 1.2 * s, 0.01, 0, 0, 5});
    w.curve.push_back({"cuda", "precomputed", Mode::e2e, n, s, 0.01, 0, 0, 5});
  }
  p.workloads.push_back(w);
  return p;
}

// Builds without CUDA register no cuda implementations: nothing to route to the GPU there.
bool cuda_built(const std::string& workload) {
  for (const Implementation* i : Registry::instance().implementations(workload)) {
    if (i->backend == "cuda") return true;
  }
  return false;
}

bool gpu_here() {
  const Backend* cuda = Registry::instance().find_backend("cuda");
  return cuda != nullptr && cuda->unavailable_reason().empty();
}

TEST(Router, OneCasePerJobOnTheFasterSide) {
  if (!cuda_built("msm")) GTEST_SKIP() << "built without CUDA: no cuda implementation of msm";
  const Router router(msm_profile());
  const Workload& msm = *Registry::instance().find_workload("msm");

  auto below = router.plan(msm, 64, {});
  ASSERT_EQ(below.size(), 1u);
  EXPECT_EQ(below[0].impl->backend, "cpu-tbb");
  EXPECT_EQ(below[0].impl->variant, "pippenger");
  // The reason names the GPU variant's threshold that comes closest.
  EXPECT_EQ(below[0].route["threshold"], 128);
  EXPECT_NE(below[0].route["reason"].get<std::string>().find("under the GPU's range: crossover 128"),
            std::string::npos)
      << below[0].route.dump();

  for (std::uint64_t n : {256u, 4096u, 65536u}) {
    auto cases = router.plan(msm, n, {});
    ASSERT_EQ(cases.size(), 1u);
    const PlannedCase& c = cases[0];
    EXPECT_EQ(c.route["strategy"], "auto");
    if (gpu_here()) {
      EXPECT_EQ(c.impl->backend, "cuda");
      EXPECT_EQ(c.impl->variant, "precomputed") << "the faster GPU variant by the curves";
      EXPECT_EQ(c.mode, Mode::e2e);
    } else {
      EXPECT_EQ(c.impl->backend, "cpu-tbb");
      EXPECT_TRUE(c.route.contains("fallback"));
      EXPECT_NE(c.route["reason"].get<std::string>().find("but cuda is unavailable"), std::string::npos);
    }
    EXPECT_EQ(c.route["threshold"], 128);
  }
  // Over the GPU memory limit: the CPU, whatever the threshold.
  auto huge = router.plan(msm, 1 << 22, {});
  ASSERT_EQ(huge.size(), 1u);
  EXPECT_EQ(huge[0].impl->backend, "cpu-tbb");
  // --variant pippenger leaves only that GPU variant, whose threshold is 362.
  auto only = router.plan(msm, 256, {"pippenger"});
  ASSERT_EQ(only.size(), 1u);
  EXPECT_EQ(only[0].impl->backend, "cpu-tbb");
  EXPECT_EQ(only[0].route["threshold"], 362);
}

TEST(Router, JobsOfAWorkloadWithoutAProfileEntry) {
  if (!cuda_built("trace")) GTEST_SKIP() << "built without CUDA: no cuda implementation of trace";
  const Router router(msm_profile());
  const Workload& trace = *Registry::instance().find_workload("trace");
  // single, batch (batch and parallel are one job) and cached: three cases, all on the CPU.
  const auto cases = router.plan(trace, 64, {});
  ASSERT_EQ(cases.size(), 3u);
  for (const auto& c : cases) {
    EXPECT_EQ(c.impl->backend, "cpu-tbb") << c.impl->variant;
    const std::string reason = c.route["reason"];
    if (c.impl->variant == "cached") {
      EXPECT_EQ(reason, "no GPU implementation of this job");
    } else {
      EXPECT_NE(reason.find("not in the profile"), std::string::npos) << reason;
    }
  }
}

}  // namespace
}  // namespace hwbench::scheduler
