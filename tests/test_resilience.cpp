// Faults under `auto` without a GPU: the circuit breaker's states on a fake clock, retries with backoff
// and the fallback to the CPU over a fake case runner whose GPU attempts fail on a script, and fault
// injection's parsing and seeded rates.
#include <gtest/gtest.h>

#include <deque>

#include "core/error.hpp"
#include "core/fault_injection.hpp"
#include "core/registry.hpp"
#include "scheduler/resilience.hpp"

namespace hwbench::scheduler {
namespace {

using namespace std::chrono_literals;
using State = CircuitBreaker::State;

struct FakeClock {
  CircuitBreaker::Clock::time_point now{};
  std::function<CircuitBreaker::Clock::time_point()> fn() {
    return [this] { return now; };
  }
};

TEST(CircuitBreaker, OpensAfterKFailuresAndProbesWhenHalfOpen) {
  FakeClock clock;
  CircuitBreaker b(3, 5s, clock.fn());
  EXPECT_TRUE(b.allow());
  b.failure();
  b.failure();
  b.success();  // a success resets the count
  b.failure();
  b.failure();
  EXPECT_EQ(b.state(), State::closed);
  b.failure();
  EXPECT_EQ(b.state(), State::open);
  EXPECT_FALSE(b.allow());
  clock.now += 4s;
  EXPECT_FALSE(b.allow());
  clock.now += 1s;
  EXPECT_TRUE(b.allow());
  EXPECT_EQ(b.state(), State::half_open);
  b.failure();  // the probe failed: open again at once
  EXPECT_EQ(b.state(), State::open);
  EXPECT_EQ(b.times_opened(), 2);
  clock.now += 5s;
  EXPECT_TRUE(b.allow());
  b.success();
  EXPECT_EQ(b.state(), State::closed);
}

// A GPU case with a CPU fallback, and a runner that answers GPU attempts from a script.
class Faults : public ::testing::Test {
 protected:
  void SetUp() override {
    // The runner below never calls the implementations: they only name the cases (and exist in builds
    // without CUDA too).
    auto& reg = Registry::instance();
    const Workload* w = reg.find_workload("sha256");
    ASSERT_NE(w, nullptr);
    const Implementation* gpu = &m_gpu;
    const Implementation* cpu = &m_cpu;
    m_case = PlannedCase{w, 4096, gpu, reg.find_backend("cuda"), Mode::e2e};
    m_case.route = {{"strategy", "auto"}, {"backend", "cuda"}};
    m_case.fallback = std::make_shared<const PlannedCase>(
        PlannedCase{w, 4096, cpu, reg.find_backend("cpu-tbb"), Mode::host});
    m_runner = [this](const PlannedCase& c) {
      CaseResult r;
      r.backend = c.impl->backend;
      r.route = c.route;
      if (c.impl->backend != "cuda") {
        r.status = CaseStatus::ok;
        ++m_cpu_runs;
        return r;
      }
      ++m_gpu_runs;
      const std::string next = m_script.empty() ? "ok" : m_script.front();
      if (!m_script.empty()) m_script.pop_front();
      if (next == "ok") {
        r.status = CaseStatus::ok;
      } else if (next == "mismatch") {
        r.status = CaseStatus::failed;
        r.reason = "output differs";
      } else {
        r.status = CaseStatus::error;
        r.fault = next;
        r.reason = "injected " + next;
      }
      return r;
    };
  }

  ResilientExecutor executor(CircuitBreaker breaker) {
    return ResilientExecutor(RetryPolicy{3, 0.01s, 2}, std::move(breaker),
                             [this](std::chrono::duration<double> d) { m_waits.push_back(d.count()); });
  }

  Implementation m_gpu{"sha256", "cuda", "native", "a scripted GPU case", {}};
  Implementation m_cpu{"sha256", "cpu-tbb", "native", "a CPU case", {}};
  PlannedCase m_case{};
  CaseRunner m_runner;
  std::deque<std::string> m_script;
  std::vector<double> m_waits;
  int m_gpu_runs = 0, m_cpu_runs = 0;
  FakeClock m_clock;
};

TEST_F(Faults, RetriesWithExponentialBackoffThenSucceeds) {
  auto ex = executor(CircuitBreaker(10, 5s, m_clock.fn()));
  m_script = {"launch-failure", "out-of-memory", "ok"};
  const CaseResult r = ex.run(m_case, m_runner);
  EXPECT_EQ(r.backend, "cuda");
  EXPECT_EQ(r.status, CaseStatus::ok);
  EXPECT_EQ(m_gpu_runs, 3);
  EXPECT_EQ(m_cpu_runs, 0);
  EXPECT_EQ(m_waits, (std::vector<double>{0.01, 0.02}));
  ASSERT_EQ(r.route["attempts"].size(), 2u);
  EXPECT_EQ(r.route["attempts"][0]["fault"], "launch-failure");
  EXPECT_EQ(r.route["attempts"][1]["fault"], "out-of-memory");
  EXPECT_DOUBLE_EQ(r.route["attempts"][1]["waited_seconds"].get<double>(), 0.01);
  EXPECT_FALSE(r.route.contains("fallback"));
  EXPECT_EQ(ex.retries(), 2u);
}

TEST_F(Faults, FallsBackToTheCpuAndRecordsWhy) {
  auto ex = executor(CircuitBreaker(10, 5s, m_clock.fn()));
  m_script = {"timeout", "timeout", "timeout"};
  const CaseResult r = ex.run(m_case, m_runner);
  EXPECT_EQ(r.backend, "cpu-tbb");
  EXPECT_EQ(r.status, CaseStatus::ok);
  EXPECT_EQ(m_gpu_runs, 3);
  EXPECT_EQ(m_cpu_runs, 1);
  EXPECT_EQ(r.route["backend"], "cpu-tbb");
  EXPECT_EQ(r.route["attempts"].size(), 3u);
  const std::string why = r.route["fallback"];
  EXPECT_NE(why.find("failed 3 times (timeout): ran on cpu-tbb"), std::string::npos) << why;
  EXPECT_EQ(ex.fallbacks(), 1u);
}

TEST_F(Faults, AnOpenBreakerSendsCasesStraightToTheCpuUntilItsProbe) {
  auto ex = executor(CircuitBreaker(3, 5s, m_clock.fn()));
  m_script = {"no-device", "no-device", "no-device"};
  EXPECT_EQ(ex.run(m_case, m_runner).backend, "cpu-tbb");
  EXPECT_EQ(ex.breaker().state(), State::open);
  // Open: no GPU attempt at all.
  const CaseResult skipped = ex.run(m_case, m_runner);
  EXPECT_EQ(skipped.backend, "cpu-tbb");
  EXPECT_EQ(m_gpu_runs, 3);
  EXPECT_TRUE(skipped.route["attempts"].empty());
  EXPECT_NE(skipped.route["fallback"].get<std::string>().find("circuit breaker open"), std::string::npos);
  EXPECT_EQ(skipped.route["breaker"], "open");
  // After the open time, one probe goes to the GPU; it succeeds and the breaker closes.
  m_clock.now += 5s;
  const CaseResult probed = ex.run(m_case, m_runner);
  EXPECT_EQ(probed.backend, "cuda");
  EXPECT_EQ(m_gpu_runs, 4);
  EXPECT_EQ(ex.breaker().state(), State::closed);
}

TEST_F(Faults, AWrongResultIsNeitherRetriedNorHidden) {
  auto ex = executor(CircuitBreaker(3, 5s, m_clock.fn()));
  m_script = {"mismatch"};
  const CaseResult r = ex.run(m_case, m_runner);
  EXPECT_EQ(r.status, CaseStatus::failed);
  EXPECT_EQ(r.backend, "cuda");
  EXPECT_EQ(m_gpu_runs, 1);
  EXPECT_EQ(m_cpu_runs, 0);
}

TEST_F(Faults, ACpuCaseRunsOnce) {
  auto ex = executor(CircuitBreaker(3, 5s, m_clock.fn()));
  EXPECT_EQ(ex.run(*m_case.fallback, m_runner).backend, "cpu-tbb");
  EXPECT_EQ(m_cpu_runs, 1);
}

TEST(FaultInjection, ParsesKindsAndRates) {
  EXPECT_EQ(parse_fault_injection("oom").fault, GpuFault::out_of_memory);
  EXPECT_EQ(parse_fault_injection("launch").fault, GpuFault::launch_failure);
  EXPECT_EQ(parse_fault_injection("no-device").fault, GpuFault::no_device);
  EXPECT_EQ(parse_fault_injection("transfer").fault, GpuFault::transfer_failure);
  EXPECT_EQ(parse_fault_injection("timeout").fault, GpuFault::timeout);
  const FaultInjection slow = parse_fault_injection("slow:0.25");
  EXPECT_EQ(slow.fault, GpuFault::throttled);
  EXPECT_DOUBLE_EQ(slow.rate, 0.25);
  EXPECT_DOUBLE_EQ(parse_fault_injection("oom").rate, 1.0);
  for (const char* bad :
       {"", "segfault", "oom:", "oom:0", "oom:1.5", "oom:-1", "oom:abc", "oom:0.5x", "oom:nan"}) {
    EXPECT_THROW(parse_fault_injection(bad), UsageError) << bad;
  }
}

TEST(FaultInjection, SeededRates) {
  FaultInjector always({GpuFault::launch_failure, 1.0}, 1);
  try {
    always.before_case("sha256/cuda/native/e2e/4096");
    FAIL() << "no fault";
  } catch (const GpuError& e) {
    EXPECT_EQ(e.fault(), GpuFault::launch_failure);
    EXPECT_NE(std::string(e.what()).find("injected launch-failure fault in sha256/cuda"), std::string::npos);
  }
  auto count = [](std::uint64_t seed) {
    FaultInjector some({GpuFault::timeout, 0.3}, seed);
    std::string pattern;
    for (int i = 0; i < 1000; ++i) {
      try {
        some.before_case("c");
        pattern += '.';
      } catch (const GpuError&) {
        pattern += 'x';
      }
    }
    return pattern;
  };
  const std::string a = count(7);
  EXPECT_EQ(a, count(7)) << "the same seed, the same faults";
  EXPECT_NE(a, count(8));
  const auto faults = std::count(a.begin(), a.end(), 'x');
  EXPECT_GT(faults, 240);
  EXPECT_LT(faults, 360);
}

}  // namespace
}  // namespace hwbench::scheduler
