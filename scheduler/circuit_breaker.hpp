#pragma once

// Stops sending work to a failing GPU: closed (cases go to the GPU) until `failures_to_open` failures in a
// row; then open (cases go to the CPU) for `open_for`; then half-open: one case probes the GPU, and its
// success closes the breaker, its failure opens it again.
#include <chrono>
#include <functional>
#include <string_view>

namespace hwbench::scheduler {

class CircuitBreaker {
 public:
  using Clock = std::chrono::steady_clock;
  enum class State { closed, open, half_open };

  CircuitBreaker(
      int failures_to_open, Clock::duration open_for,
      std::function<Clock::time_point()> now = [] { return Clock::now(); })
      : m_failures_to_open(failures_to_open), m_open_for(open_for), m_now(std::move(now)) {}

  // Whether the next attempt may go to the GPU (moves open -> half-open once `open_for` has passed).
  bool allow();
  void success();
  void failure();
  State state() const { return m_state; }
  int times_opened() const { return m_times_opened; }

 private:
  int m_failures_to_open;
  Clock::duration m_open_for;
  std::function<Clock::time_point()> m_now;
  State m_state = State::closed;
  int m_failures = 0;
  int m_times_opened = 0;
  Clock::time_point m_opened_at{};
};

std::string_view to_string(CircuitBreaker::State state);

}  // namespace hwbench::scheduler
