#pragma once

// --adapt: `auto` whose thresholds follow the run. Every case auto routed tells how long its backend
// took against what the profile's curves predicted at its size; per job and side (GPU, CPU) the median
// of that ratio over the last `window` cases scales the side's curve, and the job's crossover is found
// again on the scaled curves. A threshold moves only where the scaled curves put it elsewhere than the
// unscaled ones (so the calibration's own statistical decision stands until the run disagrees), and
// every move is recorded. Only cases within 8x of the job's crossover count, and a drift of one side
// against the other under 25% (the spread of small cases run to run) moves nothing. A side that gets no
// cases keeps its last ratio: nothing probes it.

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "scheduler/router.hpp"

namespace hwbench::scheduler {

inline constexpr std::size_t kDefaultAdaptWindow = 8;

class AdaptiveRouter {
 public:
  AdaptiveRouter(Router router, std::size_t window);

  // auto's cases with the thresholds as moved so far; each route also records the ratios behind them.
  std::vector<PlannedCase> plan(const Workload& workload, std::uint64_t n,
                                const std::vector<std::string>& variants) const;
  // Learns from a finished case that auto routed (others are ignored).
  void observe(const CaseResult& result);

  const Router& router() const { return m_router; }
  // Every move: after which case, workload, GPU variant, from, to (null: never the GPU), the ratios.
  const nlohmann::json& moves() const { return m_moves; }

 private:
  enum class Side { gpu, cpu };
  using JobKey = std::pair<std::string, std::string>;  // workload, job
  double ratio(const JobKey& job, Side side) const;
  // The smallest calibrated size from which the GPU variant's curve, scaled by gpu_ratio, stays under
  // the job's CPU curve scaled by cpu_ratio.
  std::optional<std::uint64_t> crossover(const Workload& workload, const std::string& gpu_variant,
                                         double gpu_ratio, double cpu_ratio) const;
  void rethink(const Workload& workload, const std::string& job, const std::string& after);
  // The job's crossover now: the lowest of its GPU variants' (the largest calibrated size when none).
  std::uint64_t crossover_now(const Workload& workload, const std::string& job) const;

  Router m_router;
  Router m_calibrated;  // the profile as read, for the unscaled thresholds and the curves
  std::size_t m_window;
  std::map<std::pair<JobKey, Side>, std::deque<double>> m_ratios;
  nlohmann::json m_moves = nlohmann::json::array();
};

}  // namespace hwbench::scheduler
