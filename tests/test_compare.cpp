// `hwbench compare`: the Mann-Whitney U test against published and enumerated values, the verdicts and the
// exit code on synthetic results (a clear 10% regression fails, a self-comparison passes), both input
// formats, refusal of bad files, and the three outputs against golden files.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <numeric>

#include "core/comparison.hpp"
#include "core/error.hpp"
#include "core/rng.hpp"
#include "report/comparison_report.hpp"
#include "tests/support.hpp"

namespace hwbench {
namespace {

TEST(MannWhitney, PublishedExample) {
  // scipy.stats.mannwhitneyu's documented example: U = 17, exact p = 1/9, asymptotic p = 0.11134688653314041.
  const std::vector<double> males = {19, 22, 16, 29, 24}, females = {20, 11, 17, 12};
  const RankTest exact = mann_whitney_u(males, females);
  EXPECT_TRUE(exact.exact);
  EXPECT_DOUBLE_EQ(exact.u, 17);
  EXPECT_NEAR(exact.p_value, 1.0 / 9.0, 1e-12);
  const RankTest approx = mann_whitney_u(males, females, RankMethod::asymptotic);
  EXPECT_FALSE(approx.exact);
  EXPECT_DOUBLE_EQ(approx.u, 17);
  EXPECT_NEAR(approx.p_value, 0.11134688653314041, 1e-12);
  // The other way round: U is the complement, p the same.
  EXPECT_DOUBLE_EQ(mann_whitney_u(females, males).u, 3);
  EXPECT_NEAR(mann_whitney_u(females, males).p_value, 1.0 / 9.0, 1e-12);
}

TEST(MannWhitney, TiesAndLargeSamplesUseTheApproximation) {
  // A tie between the samples counts one half; ties take the approximation.
  const std::vector<double> tied = {19, 22, 16, 29, 24, 100}, other = {20, 11, 17, 12, 100};
  const RankTest t = mann_whitney_u(tied, other);
  EXPECT_FALSE(t.exact);
  EXPECT_DOUBLE_EQ(t.u, 17 + 4 + 0.5);
  // Every value equal: no evidence either way.
  const std::vector<double> same(8, 1.0);
  EXPECT_DOUBLE_EQ(mann_whitney_u(same, same).p_value, 1.0);
  // Past kExactLimit values a side: interleaved samples, U = 0 + 1 + .. + 59 of 3600, no difference;
  // completely separated ones, p far below any alpha.
  std::vector<double> a(kExactLimit + 10), b(kExactLimit + 10);
  for (std::size_t i = 0; i < a.size(); ++i) {
    a[i] = 2.0 * static_cast<double>(i);
    b[i] = 2.0 * static_cast<double>(i) + 1;
  }
  const RankTest interleaved = mann_whitney_u(a, b);
  EXPECT_FALSE(interleaved.exact);
  EXPECT_DOUBLE_EQ(interleaved.u, 1770);
  EXPECT_GT(interleaved.p_value, 0.5);
  for (auto& v : b) v += 1000;
  EXPECT_LT(mann_whitney_u(a, b).p_value, 1e-15);
}

// The exact p-value against a count over every assignment of the pooled ranks.
TEST(MannWhitney, ExactMatchesEnumeration) {
  Rng rng(7);
  for (int round = 0; round < 40; ++round) {
    const std::size_t n_a = 1 + rng.next() % 6, n_b = 1 + rng.next() % 6, n = n_a + n_b;
    std::vector<double> pooled(n);
    std::iota(pooled.begin(), pooled.end(), 1.0);
    for (std::size_t i = n; i > 1; --i) std::swap(pooled[i - 1], pooled[rng.next() % i]);
    const std::vector<double> a(pooled.begin(), pooled.begin() + static_cast<std::ptrdiff_t>(n_a));
    const std::vector<double> b(pooled.begin() + static_cast<std::ptrdiff_t>(n_a), pooled.end());
    const RankTest t = mann_whitney_u(a, b);
    ASSERT_TRUE(t.exact);
    // Every subset of n_a ranks out of n is equally likely under the null hypothesis.
    const double observed = std::min(t.u, static_cast<double>(n_a * n_b) - t.u);
    double as_extreme = 0, total = 0;
    for (unsigned mask = 0; mask < (1u << n); ++mask) {
      if (static_cast<std::size_t>(__builtin_popcount(mask)) != n_a) continue;
      double u = 0;  // pairs (x in the subset, y outside) with x > y, ranks 1..n
      for (unsigned x = 0; x < n; ++x) {
        if (!(mask >> x & 1)) continue;
        for (unsigned y = 0; y < x; ++y) u += (mask >> y & 1) ? 0 : 1;
      }
      total += 1;
      as_extreme += std::min(u, static_cast<double>(n_a * n_b) - u) <= observed ? 1 : 0;
    }
    EXPECT_NEAR(t.p_value, std::min(1.0, as_extreme / total), 1e-12) << n_a << " vs " << n_b;
  }
  EXPECT_NEAR(smallest_p_value(3, 3), 0.1, 1e-12);
  EXPECT_NEAR(smallest_p_value(5, 5), 2.0 / 252, 1e-12);
}

// A case named `key` (its comparison key, as no parameters or machine are set) with these samples.
CaseResult case_of(const std::string& key, std::vector<double> samples, CaseStatus status = CaseStatus::ok,
                   std::string reason = {}) {
  CaseResult c;
  c.name = key;
  c.samples = std::move(samples);
  c.status = status;
  c.reason = std::move(reason);
  return c;
}

// Synthetic timings: `reps` samples around `center` with a relative jitter.
CaseResult measured(const std::string& key, double center, double jitter, std::size_t reps,
                    std::uint64_t seed) {
  Rng rng(seed);
  CaseResult m = case_of(key, {});
  for (std::size_t i = 0; i < reps; ++i) {
    const double u = static_cast<double>(rng.next() >> 11) / 9007199254740992.0;  // [0, 1)
    m.samples.push_back(center * (1 + jitter * (2 * u - 1)));
  }
  return m;
}

ResultSet set_of(std::vector<CaseResult> cases, const std::string& source) {
  return {source, "hwbench-result", std::move(cases), {}};
}

TEST(Compare, SelfComparisonPasses) {
  const auto base = set_of({measured("a/cpu-serial/x/host/1024", 1e-3, 0.02, 10, 1),
                            measured("b/cuda/x/device/1024", 2e-6, 0.02, 10, 2)},
                           "base.json");
  const Comparison c = compare_results(base, base, {});
  EXPECT_EQ(c.count(Verdict::same), 2u);
  EXPECT_EQ(c.exit_code(), 0);
  ASSERT_TRUE(c.geomean_ratio);
  EXPECT_DOUBLE_EQ(*c.geomean_ratio, 1.0);
}

TEST(Compare, ClearTenPercentRegressionFails) {
  const auto base = set_of({measured("a", 1e-3, 0.02, 10, 1), measured("b", 5e-3, 0.02, 10, 2)}, "base");
  const auto next = set_of({measured("a", 1.1e-3, 0.02, 10, 3), measured("b", 5e-3, 0.02, 10, 4)}, "new");
  const Comparison c = compare_results(base, next, {0.05, 0.05});
  ASSERT_EQ(c.cases.size(), 2u);
  EXPECT_EQ(c.cases[0].verdict, Verdict::slower);
  EXPECT_NEAR(*c.cases[0].change, 0.1, 0.03);
  EXPECT_LT(c.cases[0].test->p_value, 0.001);
  EXPECT_EQ(c.cases[1].verdict, Verdict::same);
  EXPECT_EQ(c.exit_code(), 1);
  // The same change in the other direction is an improvement; a 20% threshold calls it the same.
  EXPECT_EQ(compare_results(next, base, {}).cases[0].verdict, Verdict::faster);
  EXPECT_EQ(compare_results(next, base, {}).exit_code(), 0);
  EXPECT_EQ(compare_results(base, next, {0.2, 0.05}).exit_code(), 0);
}

TEST(Compare, NoisyDoesNotFailButTooFewRepetitionsToSeeARegressionDo) {
  // Medians 10% apart, but the repetitions interleave: not significant.
  const auto wide_base =
      set_of({case_of("a", {0.60e-3, 0.90e-3, 1.00e-3, 1.10e-3, 1.40e-3, 0.70e-3})}, "base");
  const auto wide_new = set_of({case_of("a", {0.65e-3, 1.00e-3, 1.09e-3, 1.20e-3, 1.45e-3, 0.75e-3})}, "new");
  const Comparison noisy = compare_results(wide_base, wide_new, {});
  EXPECT_NEAR(*noisy.cases[0].change, 0.1, 1e-9);
  EXPECT_GT(noisy.cases[0].test->p_value, 0.3);
  EXPECT_EQ(noisy.cases[0].verdict, Verdict::noisy);
  EXPECT_TRUE(noisy.cases[0].note.empty()) << "6 a side can reach 0.05";
  EXPECT_EQ(noisy.exit_code(), 0);
  // Three repetitions a side cannot reach p < 0.05 however far apart: noisy, with a note that says so.
  const Comparison few = compare_results(set_of({measured("a", 1e-3, 0.01, 3, 1)}, "b"),
                                         set_of({measured("a", 2e-3, 0.01, 3, 2)}, "n"), {});
  EXPECT_EQ(few.cases[0].verdict, Verdict::noisy);
  EXPECT_NE(few.cases[0].note.find("cannot reach"), std::string::npos) << few.cases[0].note;
  // A +100% change that the gate cannot see is no pass: inconclusive (exit 4), unless asked otherwise.
  EXPECT_EQ(few.underpowered, 1u);
  EXPECT_EQ(few.exit_code(), 4);
  ASSERT_EQ(few.gate_failures.size(), 1u);
  EXPECT_EQ(few.gate_failures[0].condition, "underpowered");
  CompareOptions lenient;
  lenient.fail_on = {GateCondition::missing};
  EXPECT_EQ(compare_results(set_of({measured("a", 1e-3, 0.01, 3, 1)}, "b"),
                            set_of({measured("a", 2e-3, 0.01, 3, 2)}, "n"), lenient)
                .exit_code(),
            0);
  // --fail-on noisy turns the interleaved case into a failure as well.
  CompareOptions strict;
  strict.fail_on = {GateCondition::noisy};
  EXPECT_EQ(compare_results(wide_base, wide_new, strict).exit_code(), 4);
}

TEST(Compare, FailedSkippedAndUnpairedCases) {
  auto failed = measured("a", 1e-3, 0.01, 5, 1);
  failed.status = CaseStatus::failed;
  auto skipped = case_of("b", {}, CaseStatus::skipped, "no device");
  const auto base = set_of(
      {measured("a", 1e-3, 0.01, 5, 2), measured("b", 1e-3, 0.01, 5, 3), measured("gone", 1e-3, 0.01, 5, 4)},
      "base");
  const auto next = set_of({failed, skipped, measured("added", 1e-3, 0.01, 5, 5)}, "new");
  const Comparison c = compare_results(base, next, {});
  ASSERT_EQ(c.cases.size(), 2u);
  EXPECT_EQ(c.cases[0].verdict, Verdict::failed);
  EXPECT_EQ(c.cases[1].verdict, Verdict::skipped);
  EXPECT_EQ(c.only_in_base, std::vector<std::string>{"gone"});
  EXPECT_EQ(c.only_in_new, std::vector<std::string>{"added"});
  EXPECT_FALSE(c.geomean_ratio);
  EXPECT_EQ(c.exit_code(), 1);
}

TEST(Compare, GeometricMeanOfRatios) {
  const auto base = set_of({measured("a", 1e-3, 0, 5, 1), measured("b", 1e-3, 0, 5, 2)}, "base");
  const auto next = set_of({measured("a", 1.25e-3, 0, 5, 3), measured("b", 0.8e-3, 0, 5, 4)}, "new");
  const Comparison c = compare_results(base, next, {});
  EXPECT_NEAR(*c.geomean_ratio, 1.0, 1e-12);
}

class CompareFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = std::filesystem::temp_directory_path() /
            ("hwbench-compare-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(m_dir);
  }
  void TearDown() override { std::filesystem::remove_all(m_dir); }
  std::filesystem::path write(const std::string& name, const std::string& text) {
    const auto path = m_dir / name;
    std::ofstream(path) << text;
    return path;
  }
  std::filesystem::path m_dir;
};

TEST_F(CompareFiles, ReadsHwbenchResults) {
  const auto path = write("r.json", R"({"schema": "hwbench-result", "schema_version": 1, "cases": [
    {"name": "sha256/cpu-serial/native/host/64", "parameters": {"msg_bytes": 64}, "status": "ok",
     "samples_seconds": [1e-3, 2e-3, 3e-3]},
    {"name": "sha256/cuda/native/device/64", "parameters": {}, "status": "skipped", "reason": "no device"},
    {"name": "msm/cpu-tbb/pippenger/host/256", "status": "failed", "samples_seconds": [0.5]}]})");
  const ResultSet set = load_result_set(path);
  EXPECT_EQ(set.format, "hwbench-result");
  ASSERT_EQ(set.cases.size(), 3u);
  EXPECT_EQ(comparison_key(set.cases[0]), "sha256/cpu-serial/native/host/64 [msg_bytes=64]");
  EXPECT_EQ(set.cases[0].samples, (std::vector<double>{1e-3, 2e-3, 3e-3}));
  EXPECT_EQ(comparison_key(set.cases[1]), "sha256/cuda/native/device/64");
  EXPECT_EQ(status_text(set.cases[1]), "skipped: no device");
  EXPECT_EQ(set.cases[2].status, CaseStatus::failed);
}

TEST_F(CompareFiles, ReadsGoogleBenchmarkOutput) {
  // Repetitions in microseconds, run settings in the name; an aggregate-only family; an errored one.
  const auto path = write("g.json", R"({"context": {}, "benchmarks": [
    {"name": "BM_X/15/repeats:2/real_time", "run_name": "BM_X/15/repeats:2/real_time", "run_type": "iteration",
     "real_time": 10.0, "time_unit": "us"},
    {"name": "BM_X/15/repeats:2/real_time", "run_name": "BM_X/15/repeats:2/real_time", "run_type": "iteration",
     "real_time": 12.0, "time_unit": "us"},
    {"name": "BM_X/15/repeats:2/real_time_mean", "run_name": "BM_X/15/repeats:2/real_time", "run_type": "aggregate",
     "aggregate_name": "mean", "real_time": 11.0, "time_unit": "us"},
    {"name": "BM_Y/min_time:0.100_median", "run_name": "BM_Y/min_time:0.100", "run_type": "aggregate",
     "aggregate_name": "median", "real_time": 3.0, "time_unit": "ms"},
    {"name": "BM_Z", "run_name": "BM_Z", "run_type": "iteration", "error_occurred": true,
     "error_message": "this CPU lacks AVX-512 IFMA"}]})");
  const ResultSet set = load_result_set(path);
  EXPECT_EQ(set.format, "google-benchmark");
  ASSERT_EQ(set.cases.size(), 3u);
  EXPECT_EQ(comparison_key(set.cases[0]), "BM_X/15");
  ASSERT_EQ(set.cases[0].samples.size(), 2u);
  EXPECT_NEAR(set.cases[0].samples[1], 12e-6, 1e-18);
  EXPECT_EQ(comparison_key(set.cases[1]), "BM_Y");
  EXPECT_EQ(set.cases[1].samples, std::vector<double>{3e-3});
  EXPECT_EQ(status_text(set.cases[2]), "error: this CPU lacks AVX-512 IFMA");
}

TEST_F(CompareFiles, RefusesBadFilesWithOneLine) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"not JSON", "{\"schema\": "},
      {"not an object", "[1, 2]"},
      {"other schema", R"({"schema": "something-else"})"},
      {"future version", R"({"schema": "hwbench-result", "schema_version": 2, "cases": []})"},
      {"cases not an array", R"({"schema": "hwbench-result", "schema_version": 1, "cases": {}})"},
      {"name not a string",
       R"({"schema": "hwbench-result", "schema_version": 1, "cases": [{"name": 5, "status": "ok"}]})"},
      {"negative time",
       R"({"schema": "hwbench-result", "schema_version": 1, "cases": [{"name": "a", "status": "ok", "samples_seconds": [-1]}]})"},
      {"time a string",
       R"({"schema": "hwbench-result", "schema_version": 1, "cases": [{"name": "a", "status": "ok", "samples_seconds": ["1"]}]})"},
      {"no samples",
       R"({"schema": "hwbench-result", "schema_version": 1, "cases": [{"name": "a", "status": "ok", "samples_seconds": []}]})"},
      {"unknown status",
       R"({"schema": "hwbench-result", "schema_version": 1, "cases": [{"name": "a", "status": "great"}]})"},
      {"unknown unit", R"({"benchmarks": [{"name": "BM", "real_time": 1, "time_unit": "fortnights"}]})"},
      {"deep nesting", deep},
  };
  for (const auto& [what, text] : bad) {
    const auto path = write("bad.json", text);
    try {
      load_result_set(path);
      ADD_FAILURE() << what << ": accepted";
    } catch (const UsageError& e) {
      const std::string message = e.what();
      EXPECT_EQ(message.find('\n'), std::string::npos) << what;
      EXPECT_EQ(message.rfind(path.string(), 0), 0u) << what << ": " << message;
    }
  }
  EXPECT_THROW(load_result_set(m_dir / "missing.json"), UsageError);
}

// The three outputs of one fixed comparison, against tests/vectors/compare.golden.*.
TEST(CompareOutput, MatchesGoldenFiles) {
  auto make = [](const std::string& key, std::vector<double> samples) {
    return case_of(key, std::move(samples));
  };
  auto failed = make("msm/cuda/precomputed/device/65536", {4e-3, 4.1e-3, 4.2e-3});
  failed.status = CaseStatus::failed;
  ResultSet base =
      set_of({make("sha256/cpu-serial/native/host/1048576 [msg_bytes=64]",
                   {1.00e-3, 1.01e-3, 1.02e-3, 0.99e-3, 1.00e-3, 1.03e-3}),
              make("ntt/cpu-tbb/forward/host/1048576", {8.4e-3, 8.5e-3, 8.6e-3, 8.45e-3, 8.55e-3}),
              make("ed25519/cuda/native/device/1024 [<b>|x]", {1.8e-3, 1.9e-3, 1.85e-3}),
              make("msm/cuda/precomputed/device/65536", {3.7e-3, 3.71e-3, 3.69e-3}),
              make("vecadd/cpu-serial/default/host/1024", {1.6e-7, 1.61e-7, 1.59e-7, 1.6e-7, 1.62e-7})},
             "base/result.json");
  ResultSet next =
      set_of({make("sha256/cpu-serial/native/host/1048576 [msg_bytes=64]",
                   {1.10e-3, 1.12e-3, 1.11e-3, 1.13e-3, 1.10e-3, 1.12e-3}),
              make("ntt/cpu-tbb/forward/host/1048576", {7.0e-3, 7.1e-3, 6.9e-3, 7.05e-3, 6.95e-3}),
              make("ed25519/cuda/native/device/1024 [<b>|x]", {2.5e-3, 2.6e-3, 2.55e-3}), failed,
              make("vecadd/cpu-serial/default/host/1024", {1.6e-7, 1.59e-7, 1.61e-7, 1.6e-7, 1.62e-7}),
              make("merkle/cuda/default/device/16777216", {2e-3})},
             "new/result.json");
  base.machine = {{"host", "ci-7"}, {"CPU", "Xeon 8480"}, {"GPU", "NVIDIA H100 80GB HBM3"}};
  next.machine = {{"host", "ci-7"}, {"CPU", "Xeon 8480"}, {"GPU", "NVIDIA H200"}};
  const Comparison c = compare_results(base, next, {0.05, 0.05});
  testing::expect_golden("compare.golden.txt", comparison_console(c));
  testing::expect_golden("compare.golden.md", comparison_markdown(c));
  testing::expect_golden("compare.golden.json", comparison_json(c).dump(2) + "\n");
}

}  // namespace
}  // namespace hwbench
