#pragma once

// A calibrated crossover profile: which backend is faster at which size on one machine, read by the
// hybrid scheduler. The schema is documented in profiles/README.md.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "calibration/crossover.hpp"
#include "core/atomic_file.hpp"
#include "core/backend.hpp"

namespace hwbench::calibration {

inline constexpr int kProfileVersion = 1;

// What identifies a machine for calibration, and what it ran with.
struct Machine {
  std::string fingerprint;  // <cpu>-<gpu>-<hash>: from the CPU model, cores, memory and GPU only
  std::string cpu_model;
  int logical_cores = 0;
  std::uint64_t memory_bytes = 0;
  std::string gpu_name;  // empty: no usable GPU
  std::uint64_t gpu_memory_bytes = 0;
  std::string compute_capability;
  std::string driver_version;
  std::string runtime_version;
  std::string hwbench_version;
};

// The machine this process runs on (the CUDA backend's device as configured).
Machine this_machine();
// <cpu>-<gpu>-<hash of CPU model, cores, memory, GPU name and memory>, e.g. for a profile's file name.
std::string fingerprint_of(const Machine& machine);
// Facts that differ between `profile` and `now` and make its thresholds doubtful; empty when none.
std::vector<std::string> machine_differences(const Machine& profile, const Machine& now);

// The GPU against one CPU backend in one GPU mode.
struct Threshold {
  std::string cpu_backend;   // cpu-tbb or cpu-serial
  Mode mode = Mode::device;  // device (inputs resident) or e2e (copies included)
  CrossoverKind kind = CrossoverKind::incomplete;
  std::optional<std::uint64_t> size;  // the smallest size where the GPU is faster
  std::uint64_t below = 0;            // the largest size measured under it where it is not
};

// One measured point of a throughput curve.
struct CurvePoint {
  std::string backend;
  std::string variant;
  Mode mode = Mode::host;
  std::uint64_t size = 0;
  double median_seconds = 0;
  double relative_spread = 0;  // median absolute deviation over the median
  double items_per_second = 0;
  std::uint64_t peak_device_bytes = 0;
  int repetitions = 0;
};

// How to divide one batch between cpu-tbb and the GPU (end to end) so both finish together.
struct Split {
  std::uint64_t size = 0;   // the batch size the throughputs were measured at
  double gpu_fraction = 0;  // of the items, to the GPU
  double gpu_items_per_second = 0;
  double cpu_items_per_second = 0;
  std::string cpu_variant;
};

// One GPU variant of a workload: its thresholds against each CPU backend and mode.
struct VariantProfile {
  std::string variant;                    // the cuda implementation's variant
  std::string skipped;                    // non-empty: the GPU cannot run it here, and why
  std::vector<std::string> cpu_variants;  // the CPU variants that compute the same job
  std::vector<Threshold> thresholds;
  std::optional<Split> split;
  std::optional<std::uint64_t> max_gpu_size;  // the largest size that fits the GPU memory limit
  const Threshold* find(std::string_view cpu_backend, Mode mode) const;
};

struct WorkloadProfile {
  std::string workload;
  nlohmann::json parameters = nlohmann::json::object();  // option values calibrated with
  std::uint64_t min_size = 0;                            // the range calibrated
  std::uint64_t max_size = 0;
  std::string skipped;  // non-empty: not calibrated, and why
  std::vector<VariantProfile> variants;
  std::vector<CurvePoint> curve;
  const VariantProfile* find(std::string_view variant) const;
};

struct Profile {
  Machine machine;
  std::string created;  // UTC, ISO 8601
  double budget_seconds = 0;
  double elapsed_seconds = 0;
  double alpha = 0.05;
  int repetitions = 0;  // per side and size, before more are taken for unclear decisions
  std::uint64_t gpu_memory_limit_bytes = 0;
  std::vector<WorkloadProfile> workloads;
  const WorkloadProfile* find(std::string_view workload) const;
};

nlohmann::json to_json(const Machine& machine);
nlohmann::json to_json(const Profile& profile);
// Checks every field (types, ranges, names, size limits); anything else throws UsageError that names
// `source` and the field.
Profile profile_from_json(const nlohmann::json& doc, const std::string& source);
Profile read_profile(const std::filesystem::path& path);
void write_profile(const std::filesystem::path& path, const Profile& profile);
// The file taken (its folder created) before calibrating, so that an unwritable --out fails first; then
// written and renamed into place.
std::unique_ptr<AtomicFile> open_profile_file(const std::filesystem::path& path);
void write_profile(AtomicFile& file, const Profile& profile);

// profiles/<fingerprint>.json.
std::filesystem::path default_profile_path(const Machine& machine);

}  // namespace hwbench::calibration
