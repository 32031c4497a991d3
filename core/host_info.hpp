#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace hwbench {

struct CpuFeatures {
  bool sha_ni = false;
  bool avx2 = false;
  bool avx512f = false;
  bool avx512ifma = false;
  bool bmi2 = false;
  bool adx = false;
};

// The running CPU's features, read with cpuid (with the OS's register-state support checked).
const CpuFeatures& cpu_features();

// What the kernel says of the CPUs beyond cpuid (pyperf's `system show`): clocks, SMT, caches and the
// CPUs isolated from the scheduler. What a machine does not say stays 0, empty or unset.
struct CpuDetails {
  double mhz_current = 0;   // mean over the logical CPUs (/proc/cpuinfo), at the time of reading
  double mhz_max = 0;       // the largest cpufreq cpuinfo_max_freq
  std::optional<bool> smt;  // simultaneous multithreading active
  struct Cache {
    int level = 0;
    std::string type;  // Data, Instruction, Unified
    std::uint64_t bytes = 0;
    std::string shared_cpus;  // the logical CPUs sharing it, as the kernel lists them ("0-1")
  };
  std::vector<Cache> caches;  // of CPU 0
  std::string isolated_cpus;  // isolcpus=, as listed; empty when none
};

CpuDetails cpu_details(const std::filesystem::path& sys = "/sys",
                       const std::filesystem::path& proc = "/proc");
nlohmann::json to_json(const CpuDetails& details);

struct HostInfo {
  std::string cpu_model;
  int logical_cores = 0;
  int physical_cores = 0;
  std::vector<std::string> isa_flags;  // those of interest here, e.g. sha_ni, avx2, avx512f
  std::uint64_t memory_bytes = 0;
  std::string os;
  std::string hostname;
  CpuDetails cpu;
};

HostInfo host_info();
nlohmann::json to_json(const HostInfo& info);

// Peak resident set of this process since the last reset_peak_host_bytes(). Where the kernel does
// not allow the reset, the peak covers the whole process.
void reset_peak_host_bytes();
std::uint64_t peak_host_bytes();

}  // namespace hwbench
