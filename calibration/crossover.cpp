#include "calibration/crossover.hpp"

#include <algorithm>
#include <cmath>

#include "core/statistics.hpp"

namespace hwbench::calibration {

std::string_view to_string(Outcome outcome) {
  switch (outcome) {
    case Outcome::gpu_faster:
      return "gpu-faster";
    case Outcome::cpu_faster:
      return "cpu-faster";
    case Outcome::tie:
      return "tie";
  }
  return "?";
}

std::string_view to_string(CrossoverKind kind) {
  switch (kind) {
    case CrossoverKind::crossover:
      return "crossover";
    case CrossoverKind::gpu_everywhere:
      return "gpu-everywhere";
    case CrossoverKind::cpu_everywhere:
      return "cpu-everywhere";
    case CrossoverKind::incomplete:
      return "incomplete";
  }
  return "?";
}

Outcome decide(std::span<const double> gpu, std::span<const double> cpu, double alpha) {
  if (gpu.empty() || cpu.empty()) return Outcome::tie;
  const double gpu_median = quantile(gpu, 0.5);
  const double cpu_median = quantile(cpu, 0.5);
  if (gpu_median == cpu_median) return Outcome::tie;
  if (mann_whitney_u(gpu, cpu).p_value >= alpha) return Outcome::tie;
  return gpu_median < cpu_median ? Outcome::gpu_faster : Outcome::cpu_faster;
}

std::vector<std::uint64_t> size_grid(std::uint64_t lo, std::uint64_t hi,
                                     const std::function<bool(std::uint64_t)>& valid) {
  std::vector<std::uint64_t> grid;
  if (lo == 0 || hi < lo) return grid;
  if (valid(lo)) grid.push_back(lo);
  for (int k = 0; k < 128; ++k) {
    const double x = std::round(std::exp2(k / 2.0));
    if (x >= 1.8e19) break;
    const auto n = static_cast<std::uint64_t>(x);
    if (n > lo && n < hi && valid(n)) grid.push_back(n);
  }
  if (hi > lo && valid(hi)) grid.push_back(hi);
  std::sort(grid.begin(), grid.end());
  grid.erase(std::unique(grid.begin(), grid.end()), grid.end());
  return grid;
}

Crossover find_crossover(std::span<const std::uint64_t> grid, std::size_t stride,
                         const std::function<Outcome(std::uint64_t)>& outcome_at) {
  Crossover result;
  if (grid.empty()) return result;
  stride = std::max<std::size_t>(stride, 1);
  std::vector<std::size_t> coarse;
  for (std::size_t i = 0; i < grid.size(); i += stride) coarse.push_back(i);
  if (coarse.back() != grid.size() - 1) coarse.push_back(grid.size() - 1);

  auto gpu_wins = [&](std::size_t index) {
    const Outcome o = outcome_at(grid[index]);
    result.probed.push_back(grid[index]);
    return o == Outcome::gpu_faster;
  };
  try {
    std::vector<bool> wins;
    for (std::size_t index : coarse) wins.push_back(gpu_wins(index));
    // The first coarse point of the run of GPU wins that reaches the top.
    std::size_t first = coarse.size();
    while (first > 0 && wins[first - 1]) --first;
    if (first == coarse.size()) {
      result.kind = CrossoverKind::cpu_everywhere;
      result.below = grid.back();
      return result;
    }
    if (first == 0) {
      result.kind = CrossoverKind::gpu_everywhere;
      result.size = grid.front();
      return result;
    }
    std::size_t lose = coarse[first - 1];
    std::size_t win = coarse[first];
    result.size = grid[win];
    result.below = grid[lose];
    while (win - lose > 1) {
      const std::size_t mid = lose + (win - lose) / 2;
      if (gpu_wins(mid)) {
        win = mid;
      } else {
        lose = mid;
      }
      result.size = grid[win];
      result.below = grid[lose];
    }
    result.kind = CrossoverKind::crossover;
  } catch (const BudgetSpent&) {
    result.kind = CrossoverKind::incomplete;
  }
  return result;
}

}  // namespace hwbench::calibration
