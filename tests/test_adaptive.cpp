// --adapt: a job's crossover moves when the run's times drift from the profile's, by the scaled curves,
// only as far as they say, back when the drift goes, and every move is recorded.
#include <gtest/gtest.h>

#include "core/registry.hpp"
#include "scheduler/adaptive.hpp"

namespace hwbench::scheduler {
namespace {

// GPU end to end: 1 ms + 10 ns per point; cpu-tbb: 200 ns per point. Equal near 5263 points: the
// calibrated crossover is the octave above, 8192.
double gpu_seconds(double n) { return 1e-3 + 1e-8 * n; }
double cpu_seconds(double n) { return 2e-7 * n; }

calibration::Profile msm_profile() {
  calibration::Profile p;
  p.machine = calibration::this_machine();
  calibration::WorkloadProfile w;
  w.workload = "msm";
  w.min_size = 256;
  w.max_size = 1 << 16;
  calibration::VariantProfile v;
  v.variant = "pippenger";
  v.cpu_variants = {"pippenger"};
  for (const char* cpu : {"cpu-tbb", "cpu-serial"})
    v.thresholds.push_back({cpu, Mode::e2e, calibration::CrossoverKind::crossover, 8192, 4096});
  w.variants.push_back(v);
  for (std::uint64_t n = 256; n <= (1 << 16); n *= 2) {
    const double size = static_cast<double>(n);
    w.curve.push_back({"cuda", "pippenger", Mode::e2e, n, gpu_seconds(size), 0.01, 0, 0, 5});
    w.curve.push_back({"cpu-tbb", "pippenger", Mode::host, n, cpu_seconds(size), 0.01, 0, 0, 5});
  }
  p.workloads.push_back(w);
  return p;
}

CaseResult routed_case(const std::string& backend, std::uint64_t n, double seconds) {
  CaseResult r;
  r.workload = "msm";
  r.backend = backend;
  r.variant = "pippenger";
  r.mode = backend == "cuda" ? Mode::e2e : Mode::host;
  r.size = n;
  r.name = "msm/" + backend + "/pippenger/" + std::string(to_string(r.mode)) + "/" + std::to_string(n);
  r.status = CaseStatus::ok;
  r.time.median = seconds;
  r.route = {{"strategy", "auto"}};
  return r;
}

std::optional<std::uint64_t> threshold(const AdaptiveRouter& a) {
  const auto* t = a.router().profile().find("msm")->find("pippenger")->find("cpu-tbb", Mode::e2e);
  return t->size;
}

TEST(Adapt, CrossoverFollowsTheObservedTimes) {
  if (Router::cpu_backend() != "cpu-tbb") GTEST_SKIP() << "cpu-tbb cannot run here";
  AdaptiveRouter adapt(Router(msm_profile()), 4);
  // Times as calibrated: nothing moves.
  for (std::uint64_t n : {1024u, 2048u, 16384u}) adapt.observe(routed_case("cpu-tbb", n, cpu_seconds(n)));
  adapt.observe(routed_case("cuda", 16384, gpu_seconds(16384)));
  EXPECT_TRUE(adapt.moves().empty()) << adapt.moves().dump();
  EXPECT_EQ(threshold(adapt), 8192u);

  // The CPU runs 4x slower than calibrated (a busy machine). With two slow cases of the window's four
  // the median ratio is 2.5: equal near 2041 points -> 2048, where 4x (equal near 1266) keeps it.
  for (std::uint64_t n : {1024u, 1024u, 1024u, 1024u})
    adapt.observe(routed_case("cpu-tbb", n, 4 * cpu_seconds(n)));
  EXPECT_EQ(threshold(adapt), 2048u);
  ASSERT_EQ(adapt.moves().size(), 1u);
  const nlohmann::json& move = adapt.moves()[0];
  EXPECT_EQ(move["from"], 8192);
  EXPECT_EQ(move["to"], 2048);
  EXPECT_EQ(move["calibrated"], 8192);
  EXPECT_NEAR(move["cpu_ratio"].get<double>(), 2.5, 1e-9);
  EXPECT_EQ(move["after"], "msm/cpu-tbb/pippenger/host/1024");

  // Then the GPU 10x slower too: 10 ms + 100 ns/point against 800 ns/point -> past 14286 -> 16384.
  for (int i = 0; i < 4; ++i) adapt.observe(routed_case("cuda", 4096, 10 * gpu_seconds(4096)));
  EXPECT_EQ(threshold(adapt), 16384u);

  // Both back to the profile's times: the calibrated crossover again.
  for (int i = 0; i < 4; ++i) {
    adapt.observe(routed_case("cuda", 4096, gpu_seconds(4096)));
    adapt.observe(routed_case("cpu-tbb", 4096, cpu_seconds(4096)));
  }
  EXPECT_EQ(threshold(adapt), 8192u);
  EXPECT_EQ(adapt.moves().back()["to"], 8192);

  // A GPU 100x slower than calibrated never wins within the calibrated sizes.
  for (int i = 0; i < 4; ++i) adapt.observe(routed_case("cuda", 4096, 100 * gpu_seconds(4096)));
  EXPECT_FALSE(threshold(adapt).has_value());
  EXPECT_TRUE(adapt.moves().back()["to"].is_null());
}

TEST(Adapt, IgnoresCasesItDidNotRouteFailedOnesAndFarFromTheCrossover) {
  AdaptiveRouter adapt(Router(msm_profile()), 2);
  CaseResult plain = routed_case("cpu-tbb", 1024, 100 * cpu_seconds(1024));
  plain.route = nullptr;
  CaseResult failed = routed_case("cpu-tbb", 1024, 100 * cpu_seconds(1024));
  failed.status = CaseStatus::failed;
  // 64 points is 128x under the crossover of 8192: fixed costs, not the decision's sizes.
  const CaseResult far = routed_case("cpu-tbb", 64, 100 * cpu_seconds(64));
  for (int i = 0; i < 3; ++i) {
    adapt.observe(plain);
    adapt.observe(failed);
    adapt.observe(far);
  }
  EXPECT_TRUE(adapt.moves().empty());
  EXPECT_EQ(threshold(adapt), 8192u);
}

TEST(Adapt, RoutesRecordTheRatiosBehindThem) {
  AdaptiveRouter adapt(Router(msm_profile()), 4);
  for (int i = 0; i < 4; ++i) adapt.observe(routed_case("cpu-tbb", 1024, 4 * cpu_seconds(1024)));
  const auto cases = adapt.plan(*Registry::instance().find_workload("msm"), 4096, {});
  ASSERT_FALSE(cases.empty());
  for (const PlannedCase& c : cases) {
    EXPECT_NEAR(c.route["adapt"]["cpu_ratio"].get<double>(), 4.0, 1e-9) << c.route.dump();
    EXPECT_EQ(c.route["adapt"]["window"], 4);
    if (c.route.contains("threshold")) {
      EXPECT_EQ(c.route["threshold"], 2048) << "the moved crossover routes";
    }
  }
}

}  // namespace
}  // namespace hwbench::scheduler
