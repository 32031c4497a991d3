// Calibration without a GPU: the crossover search over a fake prober whose times follow a known model,
// the decision rule, and the profile's schema (round trip, and refusal of malformed or hostile files).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <random>

#include "calibration/calibrate.hpp"
#include "calibration/case_prober.hpp"
#include "calibration/crossover.hpp"
#include "calibration/profile.hpp"
#include "core/error.hpp"
#include "core/registry.hpp"
#include "core/statistics.hpp"
#include "tests/support.hpp"

namespace hwbench::calibration {
namespace {

// Times from a model, with seeded multiplicative noise; remembers what it was asked.
class FakeProber final : public Prober {
 public:
  explicit FakeProber(std::function<double(const ProbeKey&)> model, double noise = 0.03)
      : m_model(std::move(model)), m_noise(noise) {}

  ProbeResult measure(const std::string& /*workload*/, const ProbeKey& key, int repetitions) override {
    calls.push_back(key);
    ProbeResult r;
    if (key.backend == "cuda" && gpu_skipped) {
      r.skipped = true;
      r.reason = "no device";
      return r;
    }
    if (key.backend == "cuda" && key.size == mismatch_at) {
      r.mismatch = true;
      r.reason = "output differs at item 3";
      return r;
    }
    if (key.backend == "cuda" && out_of_memory_from != 0 && key.size >= out_of_memory_from) {
      r.fault = "out-of-memory";
      r.reason = "out of device memory";
      return r;
    }
    r.ok = true;
    r.items = key.size;
    r.peak_device_bytes = key.backend == "cuda" ? (1u << 20) + 64 * key.size : 0;
    std::lognormal_distribution<double> noise(0.0, m_noise);
    for (int i = 0; i < repetitions; ++i) r.samples.push_back(m_model(key) * noise(m_rng));
    return r;
  }

  std::vector<ProbeKey> calls;
  std::uint64_t out_of_memory_from = 0;  // GPU cases of this size and larger run out of memory
  bool gpu_skipped = false;
  std::uint64_t mismatch_at = 0;

 private:
  std::function<double(const ProbeKey&)> m_model;
  double m_noise;
  std::mt19937_64 m_rng{7};
};

// A GPU with a launch latency and a copy cost, a 16-thread CPU with a small overhead, one core.
double model_seconds(const ProbeKey& k) {
  const double n = static_cast<double>(k.size);
  if (k.backend == "cuda") return k.mode == Mode::device ? 20e-6 + 1e-9 * n : 40e-6 + 3e-9 * n;
  if (k.backend == "cpu-tbb") return 5e-6 + 20e-9 * n;
  return 200e-9 * n;
}

// Where the model's curves cross: GPU latency over the difference of per-item costs.
double true_crossover(Mode mode, const std::string& cpu) {
  const double gpu_fixed = mode == Mode::device ? 20e-6 : 40e-6;
  const double gpu_item = mode == Mode::device ? 1e-9 : 3e-9;
  const double cpu_fixed = cpu == "cpu-tbb" ? 5e-6 : 0;
  const double cpu_item = cpu == "cpu-tbb" ? 20e-9 : 200e-9;
  return (gpu_fixed - cpu_fixed) / (cpu_item - gpu_item);
}

bool any_size(std::uint64_t) { return true; }
bool power_of_two(std::uint64_t n) { return (n & (n - 1)) == 0; }

Subject fake_subject(bool powers_of_two) {
  Subject s;
  s.workload = "sha256";
  s.grid = size_grid(64, 1 << 20, powers_of_two ? power_of_two : any_size);
  s.gpu_variants = {"native"};
  s.cpu_variants["native"] = {{"cpu-tbb", {"native"}}, {"cpu-serial", {"native"}}};
  return s;
}

std::size_t index_of(const std::vector<std::uint64_t>& grid, std::uint64_t n) {
  return static_cast<std::size_t>(std::find(grid.begin(), grid.end(), n) - grid.begin());
}

Clock::time_point far_deadline() { return Clock::now() + std::chrono::hours(1); }

TEST(SizeGrid, HalfOctavesOrOctavesWithTheEnds) {
  EXPECT_EQ(size_grid(64, 256, any_size), (std::vector<std::uint64_t>{64, 91, 128, 181, 256}));
  EXPECT_EQ(size_grid(5, 50, any_size), (std::vector<std::uint64_t>{5, 6, 8, 11, 16, 23, 32, 45, 50}));
  EXPECT_EQ(size_grid(1000, 5000, power_of_two), (std::vector<std::uint64_t>{1024, 2048, 4096}));
  EXPECT_TRUE(size_grid(10, 5, any_size).empty());
}

TEST(Decide, NeedsASignificantRankTest) {
  const std::vector<double> fast{1.0, 1.1, 1.0, 1.05, 1.02};
  const std::vector<double> slow{2.0, 2.1, 2.0, 2.05, 2.02};
  EXPECT_EQ(decide(fast, slow, 0.05), Outcome::gpu_faster);
  EXPECT_EQ(decide(slow, fast, 0.05), Outcome::cpu_faster);
  EXPECT_EQ(decide(fast, fast, 0.05), Outcome::tie);
  // Interleaved: the medians differ, the ranks do not.
  const std::vector<double> odd{1.0, 1.2, 1.4, 1.6, 1.8};
  const std::vector<double> even{1.1, 1.3, 1.5, 1.7, 1.9};
  EXPECT_EQ(decide(odd, even, 0.05), Outcome::tie);
  // Three against three cannot reach p < 0.05 even when fully separated.
  const std::vector<double> three_fast{1.0, 1.0, 1.0};
  const std::vector<double> three_slow{2.0, 2.1, 2.2};
  EXPECT_EQ(decide(three_fast, three_slow, 0.05), Outcome::tie);
}

TEST(FindCrossover, ExactToOneGridStepForEveryPlace) {
  const auto grid = size_grid(64, 1 << 20, any_size);
  for (std::size_t k = 0; k <= grid.size(); ++k) {
    int calls = 0;
    const Crossover c = find_crossover(grid, 4, [&](std::uint64_t n) {
      ++calls;
      return index_of(grid, n) >= k ? Outcome::gpu_faster : Outcome::cpu_faster;
    });
    if (k == 0) {
      EXPECT_EQ(c.kind, CrossoverKind::gpu_everywhere);
    } else if (k == grid.size()) {
      EXPECT_EQ(c.kind, CrossoverKind::cpu_everywhere);
      EXPECT_FALSE(c.size);
      continue;
    } else {
      EXPECT_EQ(c.kind, CrossoverKind::crossover) << k;
      EXPECT_EQ(c.below, grid[k - 1]) << k;
    }
    ASSERT_TRUE(c.size);
    EXPECT_EQ(*c.size, grid[k]) << k;
    EXPECT_LE(calls, 11 + 2) << "coarse points plus bisection";
  }
}

TEST(FindCrossover, TakesTheRunOfWinsThatReachesTheTop) {
  const auto grid = size_grid(64, 1 << 20, any_size);
  // The GPU wins at the first coarse point, loses in the middle, wins again from grid[20] on.
  const Crossover c = find_crossover(grid, 4, [&](std::uint64_t n) {
    const std::size_t i = index_of(grid, n);
    return i == 0 || i >= 20 ? Outcome::gpu_faster : Outcome::tie;
  });
  EXPECT_EQ(c.kind, CrossoverKind::crossover);
  EXPECT_EQ(*c.size, grid[20]);
  EXPECT_EQ(c.below, grid[19]);
}

TEST(FindCrossover, BudgetSpentIsIncomplete) {
  const auto grid = size_grid(64, 4096, any_size);
  int calls = 0;
  const Crossover c = find_crossover(grid, 4, [&](std::uint64_t) -> Outcome {
    if (++calls > 2) throw BudgetSpent{};
    return Outcome::cpu_faster;
  });
  EXPECT_EQ(c.kind, CrossoverKind::incomplete);
}

void expect_within_one_step(const Subject& s, const Calibrated& c) {
  ASSERT_EQ(c.profile.variants.size(), 1u);
  const VariantProfile& v = c.profile.variants[0];
  ASSERT_EQ(v.thresholds.size(), 4u);
  for (const Threshold& t : v.thresholds) {
    const double truth = true_crossover(t.mode, t.cpu_backend);
    ASSERT_EQ(t.kind, CrossoverKind::crossover) << t.cpu_backend << " " << to_string(t.mode);
    // The first grid size at or above the true crossover; the calibration may land one step off.
    const auto exact =
        std::lower_bound(s.grid.begin(), s.grid.end(), static_cast<std::uint64_t>(std::ceil(truth)));
    const auto found = static_cast<long>(index_of(s.grid, *t.size));
    EXPECT_LE(std::labs(found - (exact - s.grid.begin())), 1)
        << t.cpu_backend << " " << to_string(t.mode) << ": found " << *t.size << ", true " << truth;
  }
}

TEST(Calibrate, FindsTheModelsCrossoversWithinOneStep) {
  for (bool octaves : {false, true}) {
    const Subject s = fake_subject(octaves);
    FakeProber prober(model_seconds);
    Settings settings;
    settings.gpu_memory_limit_bytes = std::uint64_t{1} << 30;
    const Calibrated c = calibrate_workload(s, prober, settings, far_deadline(), {});
    EXPECT_TRUE(c.failures.empty());
    expect_within_one_step(s, c);
    const VariantProfile& v = c.profile.variants[0];
    // Split: the end-to-end GPU and cpu-tbb throughputs at the largest size both were measured at.
    ASSERT_TRUE(v.split);
    const double n = static_cast<double>(v.split->size);
    const double g = n / model_seconds({"cuda", "native", Mode::e2e, v.split->size});
    const double r = n / model_seconds({"cpu-tbb", "native", Mode::host, v.split->size});
    EXPECT_NEAR(v.split->gpu_fraction, g / (g + r), 0.03);
    // Memory: 64 bytes per item plus 1 MiB, measured at the largest size.
    ASSERT_TRUE(v.max_gpu_size);
    EXPECT_GT(*v.max_gpu_size, (std::uint64_t{1} << 30) / 66);
    EXPECT_LE(*v.max_gpu_size, (std::uint64_t{1} << 30) / 64);
    EXPECT_FALSE(c.profile.curve.empty());
  }
}

TEST(Calibrate, HoldsUnderHeavierNoise) {
  const Subject s = fake_subject(false);
  FakeProber prober(model_seconds, 0.08);
  expect_within_one_step(s, calibrate_workload(s, prober, Settings{}, far_deadline(), {}));
}

TEST(Calibrate, DoesNotRunSlowCpuCasesTheGpuClearlyWins) {
  const Subject s = fake_subject(false);
  FakeProber prober(model_seconds);
  Settings settings;
  calibrate_workload(s, prober, settings, far_deadline(), {});
  for (const ProbeKey& k : prober.calls) {
    if (k.backend == "cuda") continue;
    EXPECT_LE(model_seconds(k), 4 * settings.max_cpu_iteration_seconds) << k.backend << " " << k.size;
  }
}

TEST(Calibrate, AGpuThatNeverWinsIsCpuEverywhere) {
  const Subject s = fake_subject(false);
  FakeProber prober([](const ProbeKey& k) { return (k.backend == "cuda" ? 2e-3 : 0) + 1e-9 * k.size; });
  const Calibrated c = calibrate_workload(s, prober, Settings{}, far_deadline(), {});
  for (const Threshold& t : c.profile.variants[0].thresholds) {
    EXPECT_EQ(t.kind, CrossoverKind::cpu_everywhere);
    EXPECT_FALSE(t.size);
  }
}

TEST(Calibrate, SkippedGpuMismatchAndBudget) {
  const Subject s = fake_subject(false);
  {
    FakeProber prober(model_seconds);
    prober.gpu_skipped = true;
    const Calibrated c = calibrate_workload(s, prober, Settings{}, far_deadline(), {});
    ASSERT_EQ(c.profile.variants.size(), 1u);
    EXPECT_EQ(c.profile.variants[0].skipped, "no device");
    EXPECT_TRUE(c.failures.empty());
  }
  {
    FakeProber prober(model_seconds);
    prober.mismatch_at = 1024;
    const Calibrated c = calibrate_workload(s, prober, Settings{}, far_deadline(), {});
    ASSERT_EQ(c.failures.size(), 2u);  // device and e2e
    EXPECT_NE(c.failures[0].find("output differs"), std::string::npos);
  }
  {
    FakeProber prober(model_seconds);
    const Calibrated c = calibrate_workload(s, prober, Settings{}, Clock::now(), {});
    for (const Threshold& t : c.profile.variants[0].thresholds) EXPECT_EQ(t.kind, CrossoverKind::incomplete);
    EXPECT_TRUE(prober.calls.empty());
  }
}

TEST(Calibrate, AGpuOutOfMemoryIsACpuWinNotAFailure) {
  const Subject s = fake_subject(false);
  FakeProber prober(model_seconds);
  prober.out_of_memory_from = 1 << 18;
  const Calibrated c = calibrate_workload(s, prober, Settings{}, far_deadline(), {});
  EXPECT_TRUE(c.failures.empty());
  // The GPU does not win at the top of the grid any more: the CPU everywhere.
  for (const Threshold& t : c.profile.variants[0].thresholds)
    EXPECT_EQ(t.kind, CrossoverKind::cpu_everywhere);
}

Profile sample_profile() {
  const Subject s = fake_subject(false);
  FakeProber prober(model_seconds);
  Settings settings;
  settings.gpu_memory_limit_bytes = std::uint64_t{1} << 30;
  Profile p;
  p.machine = this_machine();
  p.created = "2026-11-22T10:00:00Z";
  p.budget_seconds = 120;
  p.elapsed_seconds = 1.5;
  p.repetitions = 5;
  p.gpu_memory_limit_bytes = settings.gpu_memory_limit_bytes;
  p.workloads.push_back(calibrate_workload(s, prober, settings, far_deadline(), {}).profile);
  WorkloadProfile skipped;
  skipped.workload = "ecdsa";
  skipped.skipped = "no cuda implementation";
  p.workloads.push_back(skipped);
  return p;
}

TEST(Profile, RoundTripsThroughJson) {
  const Profile p = sample_profile();
  const nlohmann::json j = to_json(p);
  const Profile back = profile_from_json(j, "p.json");
  EXPECT_EQ(to_json(back), j);
  ASSERT_NE(back.find("sha256"), nullptr);
  EXPECT_NE(back.find("sha256")->find("native")->find("cpu-tbb", Mode::e2e), nullptr);
  EXPECT_TRUE(machine_differences(back.machine, this_machine()).empty());
}

void expect_refused(const nlohmann::json& doc, const std::string& says) {
  try {
    profile_from_json(doc, "bad.json");
    ADD_FAILURE() << "accepted: " << doc.dump().substr(0, 200);
  } catch (const UsageError& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.rfind("bad.json: ", 0), 0u) << what;
    EXPECT_NE(what.find(says), std::string::npos) << what;
    EXPECT_EQ(what.find('\n'), std::string::npos) << what;
  }
}

TEST(Profile, RefusesMalformedAndHostileFiles) {
  const nlohmann::json good = to_json(sample_profile());
  auto with = [&](const nlohmann::json::json_pointer& at, nlohmann::json value) {
    nlohmann::json j = good;
    j[at] = std::move(value);
    return j;
  };
  using Pointer = nlohmann::json::json_pointer;
  expect_refused(nlohmann::json::array(), "not an hwbench profile");
  expect_refused(with(Pointer("/schema"), "hwbench-result"), "not an hwbench profile");
  expect_refused(with(Pointer("/schema_version"), 2), "schema version");
  expect_refused(with(Pointer("/alpha"), "0.05"), "'alpha' is not a number");
  expect_refused(with(Pointer("/alpha"), 7), "'alpha' is outside");
  expect_refused(with(Pointer("/budget_seconds"), 1e300), "'budget_seconds' is outside");
  expect_refused(with(Pointer("/workloads"), nlohmann::json::object()), "'workloads' is not an array");
  expect_refused(with(Pointer("/workloads/0/workload"), "nope"), "unknown workload 'nope'");
  expect_refused(with(Pointer("/workloads/1/workload"), "sha256"), "repeats workload");
  expect_refused(with(Pointer("/workloads/0/variants/0/thresholds/0/size"), -5),
                 "not a non-negative integer");
  expect_refused(with(Pointer("/workloads/0/variants/0/thresholds/0/size"), std::uint64_t{1} << 62),
                 "is larger than");
  expect_refused(with(Pointer("/workloads/0/variants/0/thresholds/0/mode"), "host"), "not a GPU mode");
  expect_refused(with(Pointer("/workloads/0/variants/0/thresholds/0/cpu_backend"), "gpu"), "not cpu-tbb");
  expect_refused(with(Pointer("/workloads/0/variants/0/thresholds/0/kind"), "maybe"), "kind' is not one of");
  expect_refused(with(Pointer("/workloads/0/variants/0/split/gpu_fraction"), 1.5),
                 "gpu_fraction' is outside");
  expect_refused(with(Pointer("/workloads/0/curve/0/mode"), 3), "is not a string");
  expect_refused(with(Pointer("/machine/cpu_model"), "another CPU"), "fingerprint does not match");
  expect_refused(with(Pointer("/machine/logical_cores"), nullptr), "not a non-negative integer");
  nlohmann::json missing = good;
  missing["workloads"][0]["variants"][0].erase("thresholds");
  expect_refused(missing, "variants[0].thresholds' is missing");
  // Deep nesting where an object is expected.
  // Parsed straight into place: a copy of it would recurse 100,000 frames deep in the test itself.
  expect_refused(with(Pointer("/workloads/0/parameters"),
                      nlohmann::json::parse(std::string(100000, '[') + std::string(100000, ']'))),
                 "'workloads[0].parameters' is not an object");
}

TEST(Profile, FilesAreReadWithOneLineErrors) {
  const auto folder = std::filesystem::temp_directory_path() / "hwbench-test-profile";
  std::filesystem::remove_all(folder);
  const auto path = folder / "sub" / "p.json";
  const Profile p = sample_profile();
  write_profile(path, p);
  EXPECT_EQ(to_json(read_profile(path)), to_json(p));
  std::ofstream(folder / "broken.json") << "{\"schema\": \"hwbench-profile\", ";
  EXPECT_THROW(read_profile(folder / "broken.json"), UsageError);
  EXPECT_THROW(read_profile(folder / "absent.json"), UsageError);
  std::filesystem::remove_all(folder);
}

// On a GPU host: calibrate's thresholds against a full sweep of the same grid, every point measured again
// with twice the repetitions and decided by the same rule. Each may land one grid step from where its own
// measurements cross, so they must agree to two steps (an octave) wherever the sweep's outcomes change
// once; where they flip back and forth (a near-tie at this host's noise) the crossover is not defined to
// a step and the sweep's pattern is printed instead.
TEST(CalibrationOnGpu, MatchesAFullSweep) {
  std::string why;
  if (testing::usable_backend("cuda", why) == nullptr) GTEST_SKIP() << "no usable CUDA device: " << why;
  ASSERT_NE(testing::usable_backend("cpu-tbb", why), nullptr) << why;
  Registry::instance().find_backend("cpu-tbb")->configure({0, 0});  // all threads, as `calibrate` runs it
  int within_one = 0, agreed = 0, flipping = 0;
  for (const char* name : {"sha256", "ntt", "vecadd"}) {
    const Workload* w = Registry::instance().find_workload(name);
    ASSERT_NE(w, nullptr);
    const Subject s = subject_of(*w);
    CaseProber prober(1, {5, 0.01, 0.01});
    const Settings settings;
    const Calibrated c = calibrate_workload(s, prober, settings, far_deadline(), {});
    ASSERT_TRUE(c.failures.empty()) << c.failures.front();
    std::map<ProbeKey, ProbeResult> swept;
    auto sweep = [&](const ProbeKey& key) -> const ProbeResult& {
      auto it = swept.find(key);
      if (it == swept.end())
        it = swept.emplace(key, prober.measure(name, key, 2 * settings.repetitions)).first;
      return it->second;
    };
    for (const VariantProfile& v : c.profile.variants) {
      for (const Threshold& t : v.thresholds) {
        std::string pattern;  // '+': the GPU wins at that grid size
        for (std::uint64_t n : s.grid) {
          const ProbeResult& gpu = sweep({"cuda", v.variant, t.mode, n});
          std::vector<double> best;
          for (const std::string& cv : s.cpu_variants.at(v.variant).at(t.cpu_backend)) {
            const ProbeResult& cpu = sweep({t.cpu_backend, cv, Mode::host, n});
            if (cpu.ok && (best.empty() || quantile(cpu.samples, 0.5) < quantile(best, 0.5)))
              best = cpu.samples;
          }
          pattern += gpu.ok && decide(gpu.samples, best, settings.alpha) == Outcome::gpu_faster ? '+' : '-';
        }
        const std::size_t first =
            pattern.find_last_of('-') == std::string::npos ? 0 : pattern.find_last_of('-') + 1;
        const bool flips = pattern.find('+') < first;
        const std::string at_sweep = first == pattern.size() ? "none" : std::to_string(s.grid[first]);
        const std::string at_calibration = t.size ? std::to_string(*t.size) : "none";
        std::printf("%s %s %s vs %s: calibrated %s, full sweep %s (%s, %s..%s)\n", name, v.variant.c_str(),
                    std::string(to_string(t.mode)).c_str(), t.cpu_backend.c_str(), at_calibration.c_str(),
                    at_sweep.c_str(), pattern.c_str(), std::to_string(s.grid.front()).c_str(),
                    std::to_string(s.grid.back()).c_str());
        const long found =
            t.size ? static_cast<long>(index_of(s.grid, *t.size)) : static_cast<long>(s.grid.size());
        const long off = std::labs(found - static_cast<long>(first));
        const bool close = off <= 2;
        within_one += off <= 1;
        agreed += close;
        flipping += !close && flips;
        EXPECT_TRUE(close || flips) << name << " " << v.variant << " " << to_string(t.mode) << " vs "
                                    << t.cpu_backend << ": the sweep changes once, at " << at_sweep;
      }
    }
  }
  std::printf("within one step: %d; within two: %d; elsewhere, where the sweep flips: %d\n", within_one,
              agreed, flipping);
}

}  // namespace
}  // namespace hwbench::calibration
