#pragma once

// The `auto` strategy: each case goes to the backend the machine's calibrated profile says is faster at
// its size, end to end (inputs start in host memory), and the decision is recorded with the case.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calibration/profile.hpp"
#include "core/session.hpp"

namespace hwbench::scheduler {

// The name of the backend of a kind the scheduler places work on: the GPU, and the CPUs it weighs the
// GPU against.
std::string backend_of(BackendKind kind);

// Whether a backend is built and can run on this machine.
bool usable(const Backend* backend);

// The implementations of workload w on `backend` whose variants compute `job` and are among `variants`
// (all when it is empty), in registration order.
std::vector<const Implementation*> implementations_of(const Workload& w, std::string_view job,
                                                      std::string_view backend,
                                                      const std::vector<std::string>& variants);

class Router {
 public:
  explicit Router(calibration::Profile profile) : m_profile(std::move(profile)) {}

  // One case per job of the workload (variants that compute the same thing are one job) at size n, on
  // the GPU where the profile puts n in its range for one of the job's GPU variants, else on the CPU;
  // among several candidates the one the profile's curves say is fastest near n. Each case's `route`
  // says why. Only variants in `variants` take part when it is not empty.
  std::vector<PlannedCase> plan(const Workload& workload, std::uint64_t n,
                                const std::vector<std::string>& variants) const;

  const calibration::Profile& profile() const { return m_profile; }

  // The profile's time of a variant at size n: interpolated on log-log axes between the measured points
  // around n, the end point scaled linearly beyond them; nullopt without a measured point.
  std::optional<double> expected_seconds(std::string_view workload, std::string_view backend,
                                         const std::string& variant, Mode mode, std::uint64_t n) const;
  // Sets the crossover of a GPU variant against `cpu_backend`, end to end (nullopt: the CPU at every
  // size), as an adaptive scheduler learns; false when the profile has no such threshold.
  bool move_threshold(std::string_view workload, std::string_view gpu_variant, std::string_view cpu_backend,
                      std::optional<std::uint64_t> size);
  // The CPU backend auto weighs the GPU against: the parallel one where it can run, else the serial one.
  static std::string cpu_backend();

  // Of `candidates`, the one the profile's curves say is fastest at n in `mode` (the first without curves).
  const Implementation* fastest(const Workload& workload,
                                const std::vector<const Implementation*>& candidates, Mode mode,
                                std::uint64_t n) const;

 private:
  struct GpuVerdict {
    bool gpu = false;
    std::string reason;
    nlohmann::json facts = nlohmann::json::object();
  };
  static std::uint64_t threshold_of(const GpuVerdict& v);
  GpuVerdict judge(const Workload& workload, const std::string& gpu_variant, std::uint64_t n) const;

  calibration::Profile m_profile;
};

// The profile `auto` routes by: `path` when given, else profiles/<fingerprint>.json for this machine.
// A profile of another machine is refused (UsageError); one of another driver, runtime or hwbench
// version is used, with each difference in `warnings`.
calibration::Profile load_profile(const std::optional<std::filesystem::path>& path,
                                  std::vector<std::string>& warnings);

}  // namespace hwbench::scheduler
