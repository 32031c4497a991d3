#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace hwbench {

// One self-rewriting line on stderr (cases done/total, current case, ETA), shown only when stderr
// is a terminal and not silenced.
class Progress {
 public:
  Progress(std::size_t total, bool enabled);
  ~Progress();
  void start(const std::string& name);
  void finish_case();

 private:
  std::size_t m_total;
  std::size_t m_done = 0;
  bool m_enabled;
  std::chrono::steady_clock::time_point m_begin;
};

}  // namespace hwbench
