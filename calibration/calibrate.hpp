#pragma once

// Calibration of one workload: the GPU's crossover sizes against cpu-tbb and cpu-serial, device-resident
// and end to end, the measured throughput curves, the CPU/GPU split ratio and the GPU memory limit.
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "calibration/prober.hpp"
#include "calibration/profile.hpp"

namespace hwbench {
class Workload;
}

namespace hwbench::calibration {

// What calibration needs to know of a workload; tests describe fake ones.
struct Subject {
  std::string workload;
  nlohmann::json parameters = nlohmann::json::object();
  std::vector<std::uint64_t> grid;  // sizes it may measure, ascending
  std::vector<std::string> gpu_variants;
  // For each GPU variant, the variants of each CPU backend that do the same job.
  std::map<std::string, std::map<std::string, std::vector<std::string>>> cpu_variants;
  std::string skipped;  // non-empty: nothing to calibrate, and why
};

// The registered workload's sizes (a half-octave grid from 1/64 of its smallest default or quick size to
// the largest) and variants.
Subject subject_of(const Workload& workload);

struct Settings {
  double alpha = 0.05;
  int repetitions = 5;            // per side and size; 5 against 5 can reach p = 0.008
  int max_repetitions = 20;       // more are taken, in doublings, while a decision is a tie
  std::size_t coarse_stride = 4;  // grid points between coarse sweep points (4 half-octaves: x4)
  // A CPU case whose iteration would take longer than this, projected linearly from a smaller size, is
  // not measured where the GPU's measured time is under half the projection: the GPU wins there.
  double max_cpu_iteration_seconds = 0.05;
  std::uint64_t gpu_memory_limit_bytes = 0;  // 0: no limit known
};

using Clock = std::chrono::steady_clock;

struct Calibrated {
  WorkloadProfile profile;
  // Cases whose output did not match the reference or that failed with an error other than running out of
  // GPU memory: a machine that computes wrong results gets no profile.
  std::vector<std::string> failures;
};

// Calibrates one workload within `deadline`; what the deadline cuts short is marked incomplete.
// `log` receives one line per decision made (may be empty).
Calibrated calibrate_workload(const Subject& subject, Prober& prober, const Settings& settings,
                              Clock::time_point deadline, const std::function<void(const std::string&)>& log);

}  // namespace hwbench::calibration
