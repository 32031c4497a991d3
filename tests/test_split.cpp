// Co-execution: batches divide and join back to the whole batch's output, the split runner runs both
// parts at once and surfaces either side's failure, the GPU share follows the profile, and each split
// records its gain over the faster backend alone.
#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>
#include <thread>

#include "core/error.hpp"
#include "core/registry.hpp"
#include "scheduler/split.hpp"
#include "scheduler/split_runner.hpp"
#include "workloads/sha256/workload.hpp"

namespace hwbench::scheduler {
namespace {

const Workload& workload(const std::string& name) { return *Registry::instance().find_workload(name); }

const Implementation& implementation(const std::string& w, const std::string& backend,
                                     const std::string& variant) {
  for (const Implementation* i : Registry::instance().implementations(w)) {
    if (i->backend == backend && i->variant == variant) return *i;
  }
  throw std::logic_error("no implementation " + w + "/" + backend + "/" + variant);
}

bool gpu_here() {
  const Backend* cuda = Registry::instance().find_backend("cuda");
  return cuda != nullptr && cuda->unavailable_reason().empty();
}

// Each part's reference, joined, equals the whole batch's reference; joined the wrong way round it does not.
TEST(Split, PartsJoinToTheWholeBatch) {
  for (const std::string name : {"sha256", "ed25519", "trace"}) {
    SCOPED_TRACE(name);
    const Workload& w = workload(name);
    const auto whole = w.generate(name == "trace" ? 16 : 301, 5);
    const std::uint64_t items = w.batch_items(*whole);
    ASSERT_GE(items, 3u);
    const auto expected = w.reference(*whole, serial_executor());
    for (std::uint64_t k : {std::uint64_t{1}, items / 3, items - 1}) {
      const auto head = w.slice(*whole, 0, k);
      const auto tail = w.slice(*whole, k, items);
      EXPECT_EQ(w.batch_items(*head), k);
      EXPECT_EQ(w.batch_items(*tail), items - k);
      const auto head_out = w.reference(*head, serial_executor());
      const auto tail_out = w.reference(*tail, serial_executor());
      const Verification joined = w.verify(*whole, *expected, *w.join(*head_out, *tail_out));
      EXPECT_TRUE(joined.ok) << "split at " << k << ": " << joined.detail;
      if (name != "ed25519") {  // verdict bytes may repeat; digests and proofs do not
        EXPECT_FALSE(w.verify(*whole, *expected, *w.join(*tail_out, *head_out)).ok) << "split at " << k;
      }
    }
  }
  EXPECT_TRUE(workload("trace").divisible("batch"));
  EXPECT_FALSE(workload("trace").divisible("single"));
  EXPECT_FALSE(workload("ntt").divisible("forward"));
  EXPECT_THROW(workload("ntt").slice(*workload("ntt").generate(16, 1), 0, 8), std::logic_error);
}

TEST(Split, RunnerRunsBothPartsAndJoinsThem) {
  auto& registry = Registry::instance();
  const Workload& w = workload("sha256");
  const auto whole = w.generate(5000, 9);
  const auto expected = w.reference(*whole, serial_executor());
  const SplitSide head{&implementation("sha256", "cpu-serial", "native"), registry.find_backend("cpu-serial"),
                       Mode::host};
  const SplitSide tail{&implementation("sha256", "cpu-tbb", "openssl"), registry.find_backend("cpu-tbb"),
                       Mode::host};
  SplitRunner runner(w, *whole, 1234, head, tail);
  for (int i = 0; i < 3; ++i) runner.iterate();
  const Verification v = w.verify(*whole, *expected, *runner.result());
  EXPECT_TRUE(v.ok) << v.detail;
  const nlohmann::json notes = runner.notes();
  EXPECT_EQ(notes["parts"][0]["items"], 1234);
  EXPECT_EQ(notes["parts"][1]["items"], 5000 - 1234);
  EXPECT_EQ(notes["parts"][0]["side"], "cpu-serial/native/host");
  const auto phases = runner.phases();
  ASSERT_EQ(phases.size(), 2u);
  EXPECT_GT(phases[0].seconds, 0);
  EXPECT_NE(phases[1].name.find("3766 items"), std::string::npos) << phases[1].name;
  EXPECT_THROW(SplitRunner(w, *whole, 0, head, tail), SkipCase) << "an empty part";
  EXPECT_THROW(SplitRunner(w, *whole, 5000, head, tail), SkipCase) << "an empty part";
}

class FailingRunner final : public Runner {
 public:
  std::optional<double> iterate() override { throw std::runtime_error("the head side failed"); }
  std::unique_ptr<CaseOutput> result() override { return nullptr; }
};

TEST(Split, EitherSidesFailureSurfaces) {
  auto& registry = Registry::instance();
  const Workload& w = workload("sha256");
  const auto whole = w.generate(100, 9);
  const Implementation failing{"sha256", "cpu-serial", "failing", "fails",
                               [](const CaseInput&, const ExecContext&) -> std::unique_ptr<Runner> {
                                 return std::make_unique<FailingRunner>();
                               }};
  const SplitSide bad{&failing, registry.find_backend("cpu-serial"), Mode::host};
  const SplitSide good{&implementation("sha256", "cpu-tbb", "native"), registry.find_backend("cpu-tbb"),
                       Mode::host};
  SplitRunner head_fails(w, *whole, 50, bad, good);
  EXPECT_THROW(head_fails.iterate(), std::runtime_error);
  EXPECT_THROW(head_fails.iterate(), std::runtime_error) << "the head's thread is still there";
  SplitRunner tail_fails(w, *whole, 50, good, bad);
  EXPECT_THROW(tail_fails.iterate(), std::runtime_error);
}

// A side that takes 20 ms whatever its share: no division of a batch helps when the other is fast.
class SlowRunner final : public Runner {
 public:
  explicit SlowRunner(std::unique_ptr<Runner> inner) : m_inner(std::move(inner)) {}
  std::optional<double> iterate() override {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    return m_inner->iterate();
  }
  std::unique_ptr<CaseOutput> result() override { return m_inner->result(); }

 private:
  std::unique_ptr<Runner> m_inner;
};

TEST(Split, RebalancesOnMeasuredRatesOrSaysNoDivisionHelps) {
  auto& registry = Registry::instance();
  const Workload& w = workload("sha256");
  const auto whole = w.generate(20000, 4);
  const auto expected = w.reference(*whole, serial_executor());
  const SplitSide serial{&implementation("sha256", "cpu-serial", "native"),
                         registry.find_backend("cpu-serial"), Mode::host};
  const SplitSide tbb{&implementation("sha256", "cpu-tbb", "native"), registry.find_backend("cpu-tbb"),
                      Mode::host, 1};
  // Planned with almost everything on one side: measuring moves the division.
  SplitRunner runner(w, *whole, 19000, serial, tbb, true);
  runner.iterate();
  EXPECT_TRUE(w.verify(*whole, *expected, *runner.result()).ok);
  const nlohmann::json notes = runner.notes();
  ASSERT_TRUE(notes["balance"]["rounds"].is_array()) << notes.dump();
  EXPECT_EQ(notes["balance"]["planned_head_items"], 19000);
  EXPECT_LT(notes["parts"][0]["items"].get<std::uint64_t>(), 19000u) << notes.dump();

  const Implementation slow{
      "sha256", "cpu-serial", "slow", "sleeps",
      [](const CaseInput& in, const ExecContext& ctx) -> std::unique_ptr<Runner> {
        return std::make_unique<SlowRunner>(implementation("sha256", "cpu-serial", "native").make(in, ctx));
      }};
  const SplitSide sleepy{&slow, registry.find_backend("cpu-serial"), Mode::host};
  try {
    SplitRunner hopeless(w, *w.generate(3, 4), 1, sleepy, tbb, true);
    ADD_FAILURE() << "three items and a 20 ms side: no division beats the fast side alone";
  } catch (const SkipCase& e) {
    EXPECT_NE(std::string(e.what()).find("no division of 3 items beats the faster side alone"),
              std::string::npos)
        << e.what();
  }
}

calibration::Profile sha256_profile() {
  calibration::Profile p;
  p.machine = calibration::this_machine();
  calibration::WorkloadProfile w;
  w.workload = "sha256";
  w.min_size = 1024;
  w.max_size = 1 << 20;
  calibration::VariantProfile v;
  v.variant = "native";
  v.cpu_variants = {"native", "openssl"};
  v.thresholds.push_back({"cpu-tbb", Mode::e2e, calibration::CrossoverKind::crossover, 4096, 2048});
  v.split = calibration::Split{1 << 20, 0.6, 3e8, 2e8, "native"};
  w.variants.push_back(v);
  // At 64K the GPU takes 1 ms and cpu-tbb 3 ms: the GPU's share is 3/4.
  w.curve.push_back({"cuda", "native", Mode::e2e, 65536, 1e-3, 0.01, 0, 0, 5});
  w.curve.push_back({"cpu-tbb", "native", Mode::host, 65536, 3e-3, 0.01, 0, 0, 5});
  w.curve.push_back({"cpu-tbb", "openssl", Mode::host, 65536, 4e-3, 0.01, 0, 0, 5});
  p.workloads.push_back(w);
  return p;
}

TEST(Split, GpuShareFromTheProfile) {
  const Router router(sha256_profile());
  const Splitter splitter(router);
  const Workload& w = workload("sha256");
  const Implementation gpu{"sha256", "cuda", "native", "", nullptr};
  EXPECT_NEAR(*splitter.gpu_share(w, gpu, implementation("sha256", "cpu-tbb", "native"), 65536), 0.75, 1e-12);
  EXPECT_NEAR(*splitter.gpu_share(w, gpu, implementation("sha256", "cpu-tbb", "openssl"), 65536), 0.8, 1e-12);
  // No curve of this CPU variant: the calibrated split.
  const Implementation other{"sha256", "cpu-tbb", "other", "", nullptr};
  EXPECT_NEAR(*splitter.gpu_share(w, gpu, other, 65536), 0.6, 1e-12);
  EXPECT_FALSE(splitter.gpu_share(workload("ntt"), gpu, other, 1024)) << "no profile of ntt";
}

TEST(Split, PlansTheSplitAndBothBackendsAloneOrSaysWhyNot) {
  const Router router(sha256_profile());
  Splitter splitter(router);
  const auto cases = splitter.plan(workload("sha256"), 65536, {});
  if (!gpu_here()) {
    ASSERT_EQ(cases.size(), 1u);
    EXPECT_EQ(cases[0].route["strategy"], "split");
    EXPECT_NE(cases[0].route["reason"].get<std::string>().find("not split"), std::string::npos)
        << cases[0].route.dump();
  } else {
    ASSERT_EQ(cases.size(), 3u);
    EXPECT_EQ(cases[0].route["role"], "alone");
    EXPECT_EQ(cases[0].impl->variant, "native") << "the faster CPU variant by the curves";
    EXPECT_EQ(cases[1].impl->backend, "cuda");
    EXPECT_EQ(cases[2].impl->backend, kSplitBackend);
    EXPECT_NEAR(cases[2].route["gpu_share"].get<double>(), 0.75, 1e-12);
    EXPECT_TRUE(cases[2].fallback) << "a failed split runs on the CPU";
    EXPECT_EQ(cases[2].route["compared_with"][0], case_name(cases[0]));
  }
  // A job that does not divide keeps auto's placement and says so.
  const auto ntt = splitter.plan(workload("ntt"), 1024, {});
  ASSERT_FALSE(ntt.empty());
  for (const PlannedCase& c : ntt) {
    EXPECT_NE(c.impl->backend, kSplitBackend);
    EXPECT_NE(c.route["reason"].get<std::string>().find("not split"), std::string::npos) << c.route.dump();
  }
}

CaseResult finished(const std::string& name, double median, const nlohmann::json& route) {
  CaseResult r;
  r.name = name;
  r.backend = name.substr(name.find('/') + 1, name.find('/', name.find('/') + 1) - name.find('/') - 1);
  r.status = CaseStatus::ok;
  r.time.median = median;
  r.route = route;
  return r;
}

TEST(Split, RecordsTheGainOverTheFasterAlone) {
  const nlohmann::json alone = {{"strategy", "split"}, {"role", "alone"}};
  const std::string cpu = "sha256/cpu-tbb/native/host/65536";
  const std::string gpu = "sha256/cuda/native/e2e/65536";
  nlohmann::json split = {{"strategy", "split"}, {"role", "split"}, {"compared_with", {cpu, gpu}}};
  std::vector<CaseResult> cases = {
      finished(cpu, 3e-3, alone), finished(gpu, 1.5e-3, alone),
      finished("sha256/split/native+native/e2e/65536", 1e-3, split),
      finished("sha256/split/native+native/e2e/1024", 1e-3,
               {{"strategy", "split"}, {"role", "split"}, {"compared_with", {"x", "y"}}})};
  const auto lines = record_split_gains(cases);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_NEAR(cases[2].route["gain"].get<double>(), 1.5, 1e-12);
  EXPECT_EQ(cases[2].route["faster_alone"], gpu);
  EXPECT_NE(lines[0].find("1.50x the faster alone"), std::string::npos) << lines[0];
  EXPECT_NE(lines[1].find("no backend alone completed"), std::string::npos) << lines[1];
  EXPECT_FALSE(cases[3].route.contains("gain"));
  // A split slower than the faster alone says so.
  cases[2].time.median = 2e-3;
  EXPECT_NE(record_split_gains(cases)[0].find("no gain"), std::string::npos);
}

}  // namespace
}  // namespace hwbench::scheduler
