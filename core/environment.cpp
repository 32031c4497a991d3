#include "core/environment.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <fstream>
#include <optional>
#include <set>

namespace hwbench {
namespace {

std::optional<std::string> first_word(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::string word;
  if (!(in >> word)) return std::nullopt;
  return word;
}

}  // namespace

EnvironmentCheck check_environment(unsigned logical_cores, const std::filesystem::path& sys,
                                   const std::filesystem::path& proc) {
  EnvironmentCheck check;
  const auto cpu = sys / "devices" / "system" / "cpu";

  std::set<std::string> governors;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(cpu, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.size() < 4 || name.rfind("cpu", 0) != 0 ||
        name.find_first_not_of("0123456789", 3) != std::string::npos) {
      continue;
    }
    if (const auto g = first_word(entry.path() / "cpufreq" / "scaling_governor")) governors.insert(*g);
  }
  check.facts["scaling_governors"] = governors;
  std::set<std::string> not_performance;
  for (const auto& g : governors) {
    if (g != "performance") not_performance.insert(g);
  }
  if (!not_performance.empty()) {
    check.warnings.push_back(
        fmt::format("CPU frequency scaling governor '{}' (not 'performance'): CPU timings may be noisy and "
                    "ramp up slowly",
                    fmt::join(not_performance, "', '")));
  }

  // intel_pstate says no_turbo = 0 when turbo is on; acpi-cpufreq and amd-pstate say boost = 1.
  std::optional<bool> turbo;
  if (const auto v = first_word(cpu / "intel_pstate" / "no_turbo")) {
    turbo = *v == "0";
  } else if (const auto b = first_word(cpu / "cpufreq" / "boost")) {
    turbo = *b == "1";
  }
  check.facts["turbo"] = turbo ? nlohmann::json(*turbo) : nlohmann::json();
  if (turbo.value_or(false)) {
    check.warnings.push_back(
        "CPU turbo/boost is on: clocks follow load and temperature, so CPU timings vary");
  }

  std::ifstream loadavg(proc / "loadavg");
  double load = 0;
  if (loadavg >> load) {
    check.facts["load_average_1m"] = load;
    const double busy = 1 + 0.25 * logical_cores;
    if (load > busy) {
      check.warnings.push_back(fmt::format(
          "the machine is busy (1-minute load average {:.2f} on {} logical cores): timings may be disturbed",
          load, logical_cores));
    }
  } else {
    check.facts["load_average_1m"] = nullptr;
  }
  check.facts["warnings"] = check.warnings;
  return check;
}

}  // namespace hwbench
