#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
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

struct HostInfo {
  std::string cpu_model;
  int logical_cores = 0;
  int physical_cores = 0;
  std::vector<std::string> isa_flags;  // those of interest here, e.g. sha_ni, avx2, avx512f
  std::uint64_t memory_bytes = 0;
  std::string os;
  std::string hostname;
};

HostInfo host_info();
nlohmann::json to_json(const HostInfo& info);

// Peak resident set of this process since the last reset_peak_host_bytes(). Where the kernel does
// not allow the reset, the peak covers the whole process.
void reset_peak_host_bytes();
std::uint64_t peak_host_bytes();

}  // namespace hwbench
