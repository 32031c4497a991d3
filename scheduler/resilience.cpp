#include "scheduler/resilience.hpp"

#include <fmt/format.h>

namespace hwbench::scheduler {
namespace {

bool gpu_failure(const CaseResult& r) { return r.status == CaseStatus::error && !r.fault.empty(); }

}  // namespace

ResilientExecutor::ResilientExecutor(RetryPolicy policy, CircuitBreaker breaker, Sleep sleep)
    : m_policy(policy), m_breaker(std::move(breaker)), m_sleep(std::move(sleep)) {}

CaseResult ResilientExecutor::run(const PlannedCase& c, const CaseRunner& runner) {
  if (!c.fallback) return runner(c);  // a CPU case: nothing to fall back to
  nlohmann::json attempts = nlohmann::json::array();
  std::string last_fault;
  std::chrono::duration<double> wait{0};
  for (int attempt = 0; attempt < m_policy.attempts; ++attempt) {
    if (!m_breaker.allow()) break;
    if (attempt > 0) {
      ++m_retries;
      wait = attempt == 1 ? m_policy.first_backoff : wait * m_policy.backoff_factor;
      m_sleep(wait);
    }
    CaseResult r = runner(c);
    if (!gpu_failure(r)) {
      m_breaker.success();
      if (!attempts.empty()) r.route["attempts"] = attempts;
      return r;
    }
    m_breaker.failure();
    last_fault = r.fault;
    attempts.push_back({{"fault", r.fault}, {"reason", r.reason}, {"waited_seconds", wait.count()}});
  }
  ++m_fallbacks;
  CaseResult r = runner(*c.fallback);
  nlohmann::json route = c.route;
  route["backend"] = r.backend;
  route["attempts"] = attempts;
  route["fallback"] = attempts.empty()
                          ? fmt::format("circuit breaker open after repeated GPU failures: {} ran on {}",
                                        case_name(c), r.backend)
                          : fmt::format("{} failed {} time{} ({}): ran on {}", case_name(c), attempts.size(),
                                        attempts.size() == 1 ? "" : "s", last_fault, r.backend);
  route["breaker"] = to_string(m_breaker.state());
  r.route = std::move(route);
  return r;
}

}  // namespace hwbench::scheduler
