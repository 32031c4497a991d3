#pragma once

// Conditions of the machine that make timings noisy, checked before a run (as google/benchmark and
// pyperf do): CPU frequency scaling governors other than "performance", turbo/boost on, and a busy
// machine (1-minute load average). They are warnings, never errors; the run records them in its context.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace hwbench {

struct EnvironmentCheck {
  nlohmann::json facts = nlohmann::json::object();  // governors, turbo, load average, what was unreadable
  std::vector<std::string> warnings;                // one line each
};

// Reads <sys>/devices/system/cpu/... and <proc>/loadavg (parameters so that tests use a fake tree).
EnvironmentCheck check_environment(unsigned logical_cores, const std::filesystem::path& sys = "/sys",
                                   const std::filesystem::path& proc = "/proc");

}  // namespace hwbench
