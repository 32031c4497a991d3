#include "scheduler/circuit_breaker.hpp"

namespace hwbench::scheduler {

bool CircuitBreaker::allow() {
  if (m_state == State::open && m_now() - m_opened_at >= m_open_for) m_state = State::half_open;
  return m_state != State::open;
}

void CircuitBreaker::success() {
  m_state = State::closed;
  m_failures = 0;
}

void CircuitBreaker::failure() {
  ++m_failures;
  if (m_state == State::half_open || m_failures >= m_failures_to_open) {
    if (m_state != State::open) ++m_times_opened;
    m_state = State::open;
    m_opened_at = m_now();
    m_failures = 0;
  }
}

std::string_view to_string(CircuitBreaker::State state) {
  switch (state) {
    case CircuitBreaker::State::closed:
      return "closed";
    case CircuitBreaker::State::open:
      return "open";
    case CircuitBreaker::State::half_open:
      return "half-open";
  }
  return "?";
}

}  // namespace hwbench::scheduler
