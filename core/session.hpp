#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "core/harness.hpp"
#include "core/result.hpp"
#include "core/workload.hpp"

namespace hwbench {

// What `hwbench run` was asked to do, after the command line was checked.
struct RunPlan {
  std::vector<const Workload*> workloads;
  std::optional<std::vector<std::uint64_t>> sizes;  // overrides each workload's default sizes
  bool quick = false;                                // the quick default suite's sizes
  std::vector<std::string> backends;                 // empty: all registered
  std::vector<std::string> variants;                 // empty: all
  std::uint64_t seed = 1;
  MeasureOptions measure;
  std::optional<std::filesystem::path> dump_folder;
  bool progress = true;
};

struct SessionOutput {
  std::vector<CaseResult> cases;
  std::vector<benchmark::BenchmarkReporter::Run> gbench_runs;
};

// Runs every case of the plan: inputs generated once per workload and size (never timed), a CPU
// reference computed from them, then each implementation prepared, measured and verified.
SessionOutput run_session(const RunPlan& plan);

}  // namespace hwbench
