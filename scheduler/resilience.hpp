#pragma once

// How `auto` runs a case it sent to the GPU: a case that fails with a typed GPU error is retried with
// exponential backoff while the circuit breaker allows, then the job runs on the CPU instead; every
// attempt and the fallback are recorded in the case's `route`. Verification failures are not retried:
// a wrong result is reported, never hidden behind a fallback.
#include <chrono>
#include <functional>

#include "core/session.hpp"
#include "scheduler/circuit_breaker.hpp"

namespace hwbench::scheduler {

struct RetryPolicy {
  int attempts = 3;  // on the GPU, the first included
  std::chrono::duration<double> first_backoff{0.01};
  double backoff_factor = 2;
};

class ResilientExecutor {
 public:
  using Sleep = std::function<void(std::chrono::duration<double>)>;
  ResilientExecutor(RetryPolicy policy, CircuitBreaker breaker, Sleep sleep);

  CaseResult run(const PlannedCase& c, const CaseRunner& runner);

  const CircuitBreaker& breaker() const { return m_breaker; }
  std::uint64_t retries() const { return m_retries; }
  std::uint64_t fallbacks() const { return m_fallbacks; }

 private:
  RetryPolicy m_policy;
  CircuitBreaker m_breaker;
  Sleep m_sleep;
  std::uint64_t m_retries = 0;
  std::uint64_t m_fallbacks = 0;
};

}  // namespace hwbench::scheduler
