// The measurement path end to end on a workload defined here: registration, planning, the Google
// Benchmark harness, verification (a wrong output must fail), skips, and the JSON record.
#include <thread>

#include "core/dump.hpp"
#include "core/error.hpp"
#include "core/result_document.hpp"
#include "core/session.hpp"
#include "report/console.hpp"
#include "report/gbench_json.hpp"
#include "tests/support.hpp"

namespace hwbench {
namespace {

struct CountInput : CaseInput {
  std::uint64_t n = 0;
};
struct CountOutput : CaseOutput {
  std::uint64_t value = 0;
};

// Output: n * 3. The "broken" variant is off by one; the "skips" variant cannot run.
class TripleWorkload final : public TypedWorkload<CountInput, CountOutput> {
 public:
  std::string_view name() const override { return "test-triple"; }
  std::string_view description() const override { return "test workload"; }
  std::string_view unit() const override { return "items"; }
  std::vector<std::uint64_t> default_sizes() const override { return {8}; }
  std::vector<std::uint64_t> quick_sizes() const override { return {8}; }
  Work work(std::uint64_t n) const override { return {n, 4 * n, 4 * n, 4 * n, 8, false, {}}; }
  CountInput make_input(std::uint64_t n, std::uint64_t) const override {
    CountInput in;
    in.n = n;
    return in;
  }
  CountOutput make_reference(const CountInput& in, const Executor&) const override {
    CountOutput out;
    out.value = 3 * in.n;
    return out;
  }
  Verification compare(const CountInput&, const CountOutput& want, const CountOutput& got) const override {
    Verification v;
    v.checked = 1;
    v.ok = want.value == got.value;
    v.mismatches = v.ok ? 0 : 1;
    v.detail = v.ok ? "equal" : "differs";
    return v;
  }
  void write_input(const CountInput&, DumpWriter&) const override {}
  void write_output(const CountOutput&, DumpWriter&, const std::string&) const override {}
};

class TripleRunner final : public Runner {
 public:
  TripleRunner(std::uint64_t n, std::uint64_t error) : m_n(n), m_error(error) {}
  std::optional<double> iterate() override {
    std::this_thread::sleep_for(std::chrono::microseconds(50));
    m_value = 3 * m_n + m_error;
    return std::nullopt;
  }
  std::unique_ptr<CaseOutput> result() override {
    auto out = std::make_unique<CountOutput>();
    out->value = m_value;
    return out;
  }

 private:
  std::uint64_t m_n, m_error, m_value = 0;
};

const Registration registration{[] {
  auto& r = Registry::instance();
  r.add_workload(std::make_unique<TripleWorkload>());
  for (std::uint64_t error : {0, 1}) {
    r.add_implementation({"test-triple", "cpu-serial", error == 0 ? "good" : "broken", "",
                          typed_factory<CountInput>([error](const CountInput& in, const ExecContext&) {
                            return std::make_unique<TripleRunner>(in.n, error);
                          })});
  }
  r.add_implementation(
      {"test-triple", "cpu-serial", "skips", "",
       typed_factory<CountInput>([](const CountInput&, const ExecContext&) -> std::unique_ptr<Runner> {
         throw SkipCase("needs 12 GiB, device has 8");
       })});
}};

RunPlan plan_for(std::vector<std::string> variants) {
  RunPlan plan;
  plan.workloads = {Registry::instance().find_workload("test-triple")};
  plan.sizes = std::vector<std::uint64_t>{8, 16};
  plan.backends = {"cpu-serial"};
  plan.variants = std::move(variants);
  plan.measure = {3, 0.002, 0.001};
  plan.progress = false;
  return plan;
}

TEST(Session, MeasuresVerifiesAndRecords) {
  const SessionOutput out = run_session(plan_for({"good", "broken", "skips"}));
  ASSERT_EQ(out.cases.size(), 6u);
  int ok = 0, failed = 0, skipped = 0;
  for (const auto& c : out.cases) {
    if (c.variant == "good") {
      ++ok;
      EXPECT_EQ(c.status, CaseStatus::ok);
      ASSERT_EQ(c.samples.size(), 3u);
      EXPECT_GE(c.time.median, 40e-6);  // each iteration sleeps 50 us
      EXPECT_LT(c.time.median, 50e-3);
      EXPECT_NEAR(c.items_per_second, c.size / c.time.median, 1e-6 * c.items_per_second);
      EXPECT_EQ(c.name, "test-triple/cpu-serial/good/host/" + std::to_string(c.size));
    } else if (c.variant == "broken") {
      ++failed;
      EXPECT_EQ(c.status, CaseStatus::failed);
      EXPECT_FALSE(c.verification.ok);
    } else {
      ++skipped;
      EXPECT_EQ(c.status, CaseStatus::skipped);
      EXPECT_EQ(c.reason, "needs 12 GiB, device has 8");
    }
  }
  EXPECT_EQ(ok, 2);
  EXPECT_EQ(failed, 2);
  EXPECT_EQ(skipped, 2);
  // Google Benchmark's JSON: 3 repetitions + aggregates (mean, median, stddev, cv, min, max, p99) per
  // measured case, each repetition with its CPU time.
  const auto gbench = nlohmann::json::parse(gbench_json({{}, out.cases, {}, {}}, "result.json"));
  EXPECT_EQ(gbench["benchmarks"].size(), 4u * (3 + 7));
  for (const auto& c : out.cases) {
    if (c.status != CaseStatus::skipped) {
      EXPECT_EQ(c.cpu_samples.size(), c.samples.size()) << c.name;
    }
  }
}

TEST(Session, ResultJsonCarriesEveryStatistic) {
  const SessionOutput out = run_session(plan_for({"good"}));
  RunContext ctx;
  ctx.seed = 9;
  const auto doc = to_json(ResultDocument{ctx, out.cases, {}, {}});
  EXPECT_EQ(doc["schema_version"], kResultSchemaVersion);
  EXPECT_EQ(doc["context"]["seed"], 9);
  ASSERT_EQ(doc["cases"].size(), 2u);
  const auto& c = doc["cases"][0];
  for (const char* key : {"median", "mean", "stddev", "min", "max", "p99", "mad"}) {
    EXPECT_TRUE(c["time_seconds"].contains(key)) << key;
  }
  EXPECT_EQ(c["samples_seconds"].size(), 3u);
  EXPECT_EQ(c["verified"], true);
  EXPECT_EQ(c["status"], "ok");
  EXPECT_EQ(c["timing"], "host-steady-clock");
  EXPECT_GT(c["peak_host_bytes"].get<std::uint64_t>(), 0u);
}

// What run writes is what compare, merge and report read: every field of every case comes back.
TEST(Session, ResultDocumentReadsBackAsWritten) {
  const SessionOutput out = run_session(plan_for({"good", "broken", "skips"}));
  RunContext ctx;
  ctx.seed = 11;
  ctx.argv = {"hwbench", "run", "good"};
  ctx.settings = {{"repetitions", 3}};
  const ResultDocument written{ctx, out.cases, {}, {}};
  const nlohmann::json text = to_json(written);
  const ResultDocument back = result_document_from_json(text, "result.json");
  EXPECT_EQ(to_json(back), text);
  ASSERT_EQ(back.cases.size(), out.cases.size());
  for (std::size_t i = 0; i < back.cases.size(); ++i) {
    const CaseResult &a = out.cases[i], &b = back.cases[i];
    EXPECT_EQ(b.name, a.name);
    EXPECT_EQ(b.status, a.status);
    EXPECT_EQ(b.reason, a.reason);
    EXPECT_EQ(b.samples, a.samples);
    EXPECT_EQ(b.iterations, a.iterations);
    EXPECT_EQ(b.time.median, a.time.median);
    EXPECT_EQ(b.time.mad, a.time.mad);
    EXPECT_EQ(b.items_per_second, a.items_per_second);
    EXPECT_EQ(b.work.items, a.work.items);
    EXPECT_EQ(b.verification.checked, a.verification.checked);
    if (a.status != CaseStatus::skipped) {
      EXPECT_EQ(b.peak_host_bytes, a.peak_host_bytes);
    }
    EXPECT_EQ(to_json(b), to_json(a));
  }
  EXPECT_EQ(back.context.seed, 11u);
  EXPECT_EQ(back.context.argv, ctx.argv);
}

TEST(Session, ConsoleTableShowsEachCase) {
  const SessionOutput out = run_session(plan_for({"good", "skips"}));
  const std::string table = console_table(out.cases);
  EXPECT_NE(table.find("workload"), std::string::npos);
  EXPECT_NE(table.find("test-triple"), std::string::npos);
  EXPECT_NE(table.find("skipped: needs 12 GiB, device has 8"), std::string::npos);
  EXPECT_NE(table.find("yes"), std::string::npos);
}

TEST(Registry, EveryWorkloadHasBothCpuBackends) {
  auto& r = Registry::instance();
  for (const char* name : {"sha256", "merkle", "vecadd", "msm"}) {
    ASSERT_NE(r.find_workload(name), nullptr) << name;
    bool serial = false, tbb = false, cuda = false;
    for (const Implementation* impl : r.implementations(name)) {
      serial |= impl->backend == "cpu-serial";
      tbb |= impl->backend == "cpu-tbb";
      cuda |= impl->backend == "cuda";
    }
    EXPECT_TRUE(serial && tbb) << name;
#if defined(HWBENCH_WITH_CUDA)
    EXPECT_TRUE(cuda) << name;
#else
    EXPECT_FALSE(cuda) << name << ": a CPU-only build registers no cuda implementation";
#endif
  }
  ASSERT_NE(r.find_backend("cuda"), nullptr);  // registered even when not built, to report why
}

TEST(Registry, DuplicateRegistrationIsRefused) {
  EXPECT_THROW(Registry::instance().add_workload(std::make_unique<TripleWorkload>()), std::logic_error);
}

TEST(Format, HumanUnits) {
  EXPECT_EQ(format_seconds(1.5e-3), "1.500 ms");
  EXPECT_EQ(format_seconds(2.5e-6), "2.50 us");
  EXPECT_EQ(format_rate(2.5e9, "B"), "2.50 GB/s");
  EXPECT_EQ(format_rate(7.83e9, ""), "7.83 G/s");
}

}  // namespace
}  // namespace hwbench
