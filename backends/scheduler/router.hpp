#pragma once

// The `auto` strategy: each case goes to the backend the machine's calibrated profile says is faster at
// its size, end to end (inputs start in host memory), and the decision is recorded with the case.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "calibration/profile.hpp"
#include "core/session.hpp"

namespace hwbench::scheduler {

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

 private:
  struct GpuVerdict {
    bool gpu = false;
    std::string reason;
    nlohmann::json facts = nlohmann::json::object();
  };
  static std::uint64_t threshold_of(const GpuVerdict& v);
  GpuVerdict judge(const Workload& workload, const std::string& gpu_variant, std::uint64_t n) const;
  // The profile's time of a variant near size n, scaled linearly to n; nullopt without a measured point.
  std::optional<double> expected_seconds(std::string_view workload, std::string_view backend,
                                         const std::string& variant, Mode mode, std::uint64_t n) const;

  calibration::Profile m_profile;
};

// The profile `auto` routes by: `path` when given, else profiles/<fingerprint>.json for this machine.
// A profile of another machine is refused (UsageError); one of another driver, runtime or hwbench
// version is used, with each difference in `warnings`.
calibration::Profile load_profile(const std::optional<std::filesystem::path>& path,
                                  std::vector<std::string>& warnings);

}  // namespace hwbench::scheduler
