#pragma once

// The search for the size where the GPU starts to beat a CPU backend: a coarse sweep over a size
// grid, then bisection inside the bracket where the outcome changes.
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace hwbench::calibration {

// Which side is faster at one size, decided by a rank test on both sides' repetitions.
enum class Outcome {
  gpu_faster,
  cpu_faster,
  tie,  // no difference at the significance level, even with more repetitions
};
std::string_view to_string(Outcome outcome);

// The outcome of two samples of per-iteration seconds: a side is faster when its median is lower and
// the two-sided Mann-Whitney U test rejects "same distribution" at `alpha`; otherwise a tie.
Outcome decide(std::span<const double> gpu, std::span<const double> cpu, double alpha);

// Sizes the calibration measures: the points 2^(k/2) (rounded) in [lo, hi] that `valid` accepts,
// plus lo and hi themselves, ascending. A workload that takes only powers of two gets an octave grid.
std::vector<std::uint64_t> size_grid(std::uint64_t lo, std::uint64_t hi,
                                     const std::function<bool(std::uint64_t)>& valid);

enum class CrossoverKind {
  crossover,       // the CPU wins below `size`, the GPU from `size` on
  gpu_everywhere,  // the GPU wins at the smallest size measured
  cpu_everywhere,  // the GPU does not win at the largest size measured
  incomplete,      // the time budget ran out; `size` is the best bound known, if any
};
std::string_view to_string(CrossoverKind kind);

struct Crossover {
  CrossoverKind kind = CrossoverKind::incomplete;
  std::optional<std::uint64_t> size;  // the smallest grid size from which the GPU wins
  std::uint64_t below = 0;            // the largest grid size under `size` where it does not (0: none)
  std::vector<std::uint64_t> probed;  // sizes decided, in the order they were
};

// Thrown by an outcome callback when the time budget is spent; find_crossover returns `incomplete`.
struct BudgetSpent {};

// Decides the coarse points (every `stride`-th grid point and the last), takes the smallest coarse point
// from which the GPU wins at every coarse point above as the upper end of the bracket, then bisects the
// grid points between it and the coarse point below. A tie counts as "the GPU does not win": moving work
// to the GPU needs a clear gain. The result is exact to one grid step where the outcome changes once
// between neighbouring coarse points.
Crossover find_crossover(std::span<const std::uint64_t> grid, std::size_t stride,
                         const std::function<Outcome(std::uint64_t)>& outcome_at);

}  // namespace hwbench::calibration
