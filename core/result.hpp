#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
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
std::optional<CaseStatus> parse_case_status(std::string_view name);

// A case's parameters as "msg_bytes=64, invalid_ratio=0.25" (strings unquoted); empty without any.
// With `only`, just those of these names.
std::string parameters_text(const nlohmann::json& parameters);
std::string parameters_text(const nlohmann::json& parameters, const std::set<std::string>& only);

// A case's identity across files and runs: its name, then its parameters when it has any,
// "sha256/cpu-serial/native/host/1024 [msg_bytes=64]". compare pairs cases by it, so that runs with
// other settings (repetitions, --min-time) still pair.
std::string case_key(const std::string& name, const nlohmann::json& parameters);

// A case's Google Benchmark name: its name, then a name:value segment per parameter, as the library
// names its arguments: "sha256/cpu-serial/native/host/1024/msg_bytes:64". A value's '/', ':', '%',
// spaces and control characters are percent-encoded ("invalid_ratio:1%2F16").
std::string benchmark_name(const std::string& name, const nlohmann::json& parameters);

// The inverse: the segments of the form name:value (decoded) as parameters, the others as the name.
std::pair<std::string, nlohmann::json> split_benchmark_name(const std::string& benchmark);

struct CaseResult;
// The parameters whose values differ between cases of one workload (what --axis swept), by name.
std::set<std::string> varying_parameters(const std::vector<CaseResult>& cases);

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
  std::vector<double> cpu_samples;                  // CPU seconds per iteration, one per repetition
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

  // In a merged document (hwbench merge): the index of the run it came from and that run's machine.
  std::optional<std::size_t> source;
  std::string machine;
};

// "ok", "failed", or the status with its reason: "skipped: no CUDA device", "error: out of memory".
std::string status_text(const CaseResult& result);

// The identity compare pairs cases by: case_key(), with " @machine" in merged results, so that each
// machine's case is paired with the same machine's.
std::string comparison_key(const CaseResult& result);

}  // namespace hwbench
