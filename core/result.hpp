#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/backend.hpp"
#include "core/statistics.hpp"
#include "core/workload.hpp"

namespace hwbench {

enum class CaseStatus {
  ok,       // measured and verified
  skipped,  // could not run here; `reason` says why
  failed,   // measured, but the output did not match the reference
  error,    // the backend failed while running (e.g. a CUDA error)
};
std::string_view to_string(CaseStatus status);

// A case's identity across files and runs: its name, then its parameters when it has any,
// "sha256/cpu-serial/native/host/1024 [msg_bytes=64]". compare pairs cases by it, and gbench.json names
// each benchmark by it, so that runs with other settings (repetitions, --min-time) still pair.
std::string case_key(const std::string& name, const nlohmann::json& parameters);

// One measured case: the record every reporter reads.
struct CaseResult {
  std::string workload;
  std::string backend;
  std::string variant;
  Mode mode = Mode::host;
  std::uint64_t size = 0;
  std::string unit;
  nlohmann::json parameters = nlohmann::json::object();
  std::string name;  // the Google Benchmark name: workload/backend/variant/mode/size

  CaseStatus status = CaseStatus::skipped;
  std::string reason;
  std::string fault;  // status error from a GpuError: its kind (out-of-memory, launch-failure...)

  Work work;
  bool device_timed = false;
  std::vector<double> samples;                      // seconds per iteration, one per repetition
  std::vector<std::int64_t> iterations;             // iterations in each repetition
  Summary time;                                     // over samples
  double items_per_second = 0;                      // at the median
  double bytes_per_second = 0;                      // input bytes at the median
  std::map<std::string, double> rates;              // work.counts per second at the median
  std::optional<double> percent_of_peak_bandwidth;  // bytes_moved over the device's theoretical bandwidth
  std::optional<double> percent_of_h2d_bandwidth;   // e2e: input bytes over the measured host-to-device rate

  Verification verification;
  std::vector<Phase> phases;
  nlohmann::json notes = nlohmann::json::object();
  std::uint64_t peak_host_bytes = 0;
  std::uint64_t peak_device_bytes = 0;
  double wall_seconds = 0;  // the whole case: set-up, runs and verification
  // Why a scheduler (--backend auto) chose this backend and variant; null when the case was asked for.
  nlohmann::json route;
  // GPU cases: NVML samples taken while the case was measured (telemetry_json), or why there are none.
  nlohmann::json telemetry;
};

}  // namespace hwbench
