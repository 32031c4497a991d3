#pragma once

// --inject-fault KIND[:RATE]: GPU cases fail with a typed GpuError before they start, each with
// probability RATE (default 1), drawn from a generator seeded with the run's seed, so that tests and
// demonstrations exercise the scheduler's retries, circuit breaker and fallback on demand.
#include <cstdint>
#include <random>
#include <string>
#include <string_view>

#include "core/gpu_error.hpp"

namespace hwbench {

struct FaultInjection {
  GpuFault fault = GpuFault::launch_failure;
  double rate = 1.0;
};

// KIND is oom, launch, no-device, transfer, timeout or slow (the device reported throttled); RATE in
// (0, 1]. Anything else throws UsageError.
FaultInjection parse_fault_injection(std::string_view spec);

class FaultInjector {
 public:
  FaultInjector(FaultInjection injection, std::uint64_t seed) : m_injection(injection), m_rng(seed) {}
  // Throws GpuError for `case_name` with the configured probability.
  void before_case(const std::string& case_name);
  std::uint64_t injected() const { return m_injected; }

 private:
  FaultInjection m_injection;
  std::mt19937_64 m_rng;
  std::uint64_t m_injected = 0;
};

}  // namespace hwbench
