#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace hwbench {

// Seconds the cases still to run will take, from those that ran: each case's wall time (its input and
// reference included) fitted as a + b * size by least squares, a and b >= 0. A sweep of doubling sizes
// is dominated by its largest cases, which an average per case would miss; with one finished case or
// one size, the mean time per case.
double remaining_seconds(std::span<const double> done_sizes, std::span<const double> done_seconds,
                         std::span<const double> left_sizes);

// What a run shows while it runs, on stderr unless silenced: on a terminal one self-rewriting line (case
// done/total, current case, ETA); otherwise (piped, in CI) one line per finished case with its status
// and median, so that a log shows progress before the run ends.
class Progress {
 public:
  Progress(std::vector<std::uint64_t> sizes, bool enabled);
  ~Progress();
  // The plan changed (a late routing replaced cases): the sizes of every case, those done included.
  void replan(std::vector<std::uint64_t> sizes);
  void start(std::size_t index, const std::string& name);
  // `suffix` follows the case's name (the values an axis gave it).
  void finish(std::size_t index, const CaseResult& result, const std::string& suffix = {});

 private:
  std::string eta(std::size_t next) const;

  std::vector<std::uint64_t> m_sizes;
  std::vector<double> m_done_sizes, m_done_seconds;
  bool m_enabled;
  bool m_terminal;
  std::chrono::steady_clock::time_point m_last;
};

}  // namespace hwbench
