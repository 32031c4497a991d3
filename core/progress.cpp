#include "core/progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <numeric>

namespace hwbench {

double remaining_seconds(std::span<const double> done_sizes, std::span<const double> done_seconds,
                         std::span<const double> left_sizes) {
  const std::size_t n = std::min(done_sizes.size(), done_seconds.size());
  if (n == 0 || left_sizes.empty()) return 0;
  double ms = 0, mt = 0;
  for (std::size_t i = 0; i < n; ++i) {
    ms += done_sizes[i];
    mt += done_seconds[i];
  }
  ms /= static_cast<double>(n);
  mt /= static_cast<double>(n);
  double sst = 0, sss = 0;
  for (std::size_t i = 0; i < n; ++i) {
    sst += (done_sizes[i] - ms) * (done_seconds[i] - mt);
    sss += (done_sizes[i] - ms) * (done_sizes[i] - ms);
  }
  double b = sss > 0 ? sst / sss : 0;
  double a = mt - b * ms;
  if (b < 0) {  // larger cases were faster: no size term
    b = 0;
    a = mt;
  } else if (a < 0) {  // through the origin
    double st = 0, ss = 0;
    for (std::size_t i = 0; i < n; ++i) {
      st += done_sizes[i] * done_seconds[i];
      ss += done_sizes[i] * done_sizes[i];
    }
    a = 0;
    b = ss > 0 ? st / ss : 0;
  }
  double left = 0;
  for (double s : left_sizes) left += a + b * s;
  return left;
}

Progress::Progress(std::vector<std::uint64_t> sizes, bool enabled)
    : m_sizes(std::move(sizes)),
      m_enabled(enabled),
      m_terminal(::isatty(STDERR_FILENO) != 0),
      m_last(std::chrono::steady_clock::now()) {}

Progress::~Progress() {
  if (m_enabled && m_terminal) fmt::print(stderr, "\r\033[K");
}

void Progress::replan(std::vector<std::uint64_t> sizes) { m_sizes = std::move(sizes); }

std::string Progress::eta(std::size_t next) const {
  if (m_done_seconds.empty()) return "--";
  std::vector<double> left;
  for (std::size_t i = next; i < m_sizes.size(); ++i) left.push_back(static_cast<double>(m_sizes[i]));
  return fmt::format("{:.0f}s", remaining_seconds(m_done_sizes, m_done_seconds, left));
}

void Progress::start(std::size_t index, const std::string& name) {
  if (!m_enabled || !m_terminal) return;
  fmt::print(stderr, "\r\033[K[{}/{}] {}  ETA {}", index + 1, m_sizes.size(), name, eta(index));
  std::fflush(stderr);
}

void Progress::finish(std::size_t index, const CaseResult& result, const std::string& suffix) {
  const auto now = std::chrono::steady_clock::now();
  m_done_seconds.push_back(std::chrono::duration<double>(now - m_last).count());
  m_done_sizes.push_back(static_cast<double>(index < m_sizes.size() ? m_sizes[index] : result.size));
  m_last = now;
  if (!m_enabled || m_terminal) return;
  const bool measured = result.status == CaseStatus::ok || result.status == CaseStatus::failed;
  const std::string median = measured ? fmt::format(", median {:.4g} s", result.time.median) : "";
  fmt::print(stderr, "[{}/{}] {}: {}{}  ETA {}\n", index + 1, m_sizes.size(), result.name + suffix,
             status_text(result), median, eta(index + 1));
  std::fflush(stderr);
}

}  // namespace hwbench
