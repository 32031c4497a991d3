#pragma once

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "core/workload.hpp"

namespace hwbench {

struct MeasureOptions {
  int repetitions = 5;
  double min_time = 0.1;          // seconds of iterations per repetition
  double min_warmup_time = 0.05;  // seconds of untimed iterations before the first repetition
};

struct Measurement {
  std::vector<double> samples;  // seconds per iteration, one per repetition
  std::vector<std::int64_t> iterations;
  std::vector<double> cpu_samples;  // CPU seconds of the measuring thread per iteration
  std::string error;                // non-empty when the runner threw
};

// Measures one prepared case as one registered Google Benchmark: warm-up, repetitions of at least
// min_time, manual (CUDA event) time for device-timed runners, min/max/p99 next to gbench's own
// mean/median/stddev/cv aggregates.
Measurement measure(const std::string& name, Runner& runner, const Work& work, const MeasureOptions& options);

}  // namespace hwbench
