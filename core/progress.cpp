#include "core/progress.hpp"

#include <unistd.h>

#include <cstdio>

#include <fmt/format.h>

namespace hwbench {

Progress::Progress(std::size_t total, bool enabled)
    : m_total(total), m_enabled(enabled && ::isatty(STDERR_FILENO) != 0), m_begin(std::chrono::steady_clock::now()) {}

Progress::~Progress() {
  if (m_enabled) fmt::print(stderr, "\r\033[K");
}

void Progress::start(const std::string& name) {
  if (!m_enabled) return;
  std::string eta = "--";
  if (m_done > 0) {
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_begin).count();
    const double remaining = elapsed / static_cast<double>(m_done) * static_cast<double>(m_total - m_done);
    eta = fmt::format("{:.0f}s", remaining);
  }
  fmt::print(stderr, "\r\033[K[{}/{}] {}  ETA {}", m_done + 1, m_total, name, eta);
  std::fflush(stderr);
}

void Progress::finish_case() { ++m_done; }

}  // namespace hwbench
