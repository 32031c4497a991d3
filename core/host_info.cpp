#include "core/host_info.hpp"

#include <cpuid.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <fstream>
#include <set>
#include <sstream>
#include <thread>
#include <utility>

namespace hwbench {
namespace {

std::uint64_t xgetbv0() {
  std::uint32_t eax = 0, edx = 0;
  __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
  return (std::uint64_t{edx} << 32) | eax;
}

CpuFeatures detect() {
  CpuFeatures f;
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (__get_cpuid(1, &eax, &ebx, &ecx, &edx) == 0) return f;
  const bool osxsave = (ecx & (1u << 27)) != 0;
  const std::uint64_t xcr0 = osxsave ? xgetbv0() : 0;
  const bool ymm_state = (xcr0 & 0x6) == 0x6;
  const bool zmm_state = (xcr0 & 0xe6) == 0xe6;
  if (__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx) == 0) return f;
  f.sha_ni = (ebx & (1u << 29)) != 0;
  f.avx2 = ymm_state && (ebx & (1u << 5)) != 0;
  f.avx512f = zmm_state && (ebx & (1u << 16)) != 0;
  f.avx512ifma = f.avx512f && (ebx & (1u << 21)) != 0;
  f.bmi2 = (ebx & (1u << 8)) != 0;
  f.adx = (ebx & (1u << 19)) != 0;
  return f;
}

}  // namespace

const CpuFeatures& cpu_features() {
  static const CpuFeatures features = detect();
  return features;
}

HostInfo host_info() {
  HostInfo info;
  info.logical_cores = static_cast<int>(std::thread::hardware_concurrency());
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::set<std::pair<std::string, std::string>> cores;  // (physical id, core id)
  std::string line, physical_id;
  while (std::getline(cpuinfo, line)) {
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string key = line.substr(0, colon);
    while (!key.empty() && (key.back() == ' ' || key.back() == '\t')) key.pop_back();
    const std::string value = colon + 2 <= line.size() ? line.substr(colon + 2) : "";
    if (key == "model name" && info.cpu_model.empty()) info.cpu_model = value;
    if (key == "physical id") physical_id = value;
    if (key == "core id") cores.emplace(physical_id, value);
  }
  info.physical_cores = cores.empty() ? info.logical_cores : static_cast<int>(cores.size());
  const auto& f = cpu_features();
  for (auto [flag, name] : {std::pair{f.sha_ni, "sha_ni"},
                            {f.avx2, "avx2"},
                            {f.avx512f, "avx512f"},
                            {f.avx512ifma, "avx512ifma"},
                            {f.bmi2, "bmi2"},
                            {f.adx, "adx"}}) {
    if (flag) info.isa_flags.emplace_back(name);
  }
  info.memory_bytes = static_cast<std::uint64_t>(::sysconf(_SC_PHYS_PAGES)) *
                      static_cast<std::uint64_t>(::sysconf(_SC_PAGE_SIZE));
  struct utsname uts {};
  if (::uname(&uts) == 0) {
    info.os = std::string(uts.sysname) + " " + uts.release;
    info.hostname = uts.nodename;
  }
  return info;
}

nlohmann::json to_json(const HostInfo& info) {
  return {{"cpu_model", info.cpu_model},
          {"logical_cores", info.logical_cores},
          {"physical_cores", info.physical_cores},
          {"isa_flags", info.isa_flags},
          {"memory_bytes", info.memory_bytes},
          {"os", info.os},
          {"hostname", info.hostname}};
}

void reset_peak_host_bytes() {
  // "5" resets the peak resident set size (VmHWM) to the current one.
  std::ofstream clear("/proc/self/clear_refs");
  if (clear) clear << "5";
}

std::uint64_t peak_host_bytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) {
      std::istringstream fields(line.substr(6));
      std::uint64_t kib = 0;
      fields >> kib;
      return kib * 1024;
    }
  }
  return 0;
}

}  // namespace hwbench
