#include "core/host_info.hpp"

#include <cpuid.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
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

std::string first_line(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

// "48K", "1024K", "32M" -> bytes; 0 when it is not such a size.
std::uint64_t cache_bytes(const std::string& text) {
  std::size_t used = 0;
  std::uint64_t n = 0;
  try {
    n = std::stoull(text, &used);
  } catch (const std::exception&) {
    return 0;
  }
  const std::string unit = text.substr(used);
  if (unit == "K") return n << 10;
  if (unit == "M") return n << 20;
  if (unit == "G") return n << 30;
  return unit.empty() ? n : 0;
}

}  // namespace

CpuDetails cpu_details(const std::filesystem::path& sys, const std::filesystem::path& proc) {
  CpuDetails d;
  std::ifstream cpuinfo(proc / "cpuinfo");
  double sum = 0;
  int count = 0;
  for (std::string line; std::getline(cpuinfo, line);) {
    if (line.rfind("cpu MHz", 0) != 0) continue;
    const auto colon = line.find(':');
    try {
      if (colon != std::string::npos) {
        sum += std::stod(line.substr(colon + 1));
        ++count;
      }
    } catch (const std::exception&) {
    }
  }
  if (count > 0) d.mhz_current = sum / count;
  const auto cpu = sys / "devices" / "system" / "cpu";
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(cpu, ec)) {
    const std::string max = first_line(entry.path() / "cpufreq" / "cpuinfo_max_freq");  // kHz
    try {
      if (!max.empty()) d.mhz_max = std::max(d.mhz_max, std::stod(max) / 1000);
    } catch (const std::exception&) {
    }
  }
  if (const std::string smt = first_line(cpu / "smt" / "active"); smt == "0" || smt == "1")
    d.smt = smt == "1";
  for (int i = 0; i < 16; ++i) {
    const auto index = cpu / "cpu0" / "cache" / ("index" + std::to_string(i));
    const std::string level = first_line(index / "level");
    if (level.empty()) break;
    CpuDetails::Cache c;
    c.level = std::atoi(level.c_str());
    c.type = first_line(index / "type");
    c.bytes = cache_bytes(first_line(index / "size"));
    c.shared_cpus = first_line(index / "shared_cpu_list");
    d.caches.push_back(std::move(c));
  }
  d.isolated_cpus = first_line(cpu / "isolated");
  return d;
}

nlohmann::json to_json(const CpuDetails& d) {
  nlohmann::json caches = nlohmann::json::array();
  for (const auto& c : d.caches) {
    caches.push_back(
        {{"level", c.level}, {"type", c.type}, {"bytes", c.bytes}, {"shared_cpus", c.shared_cpus}});
  }
  return {{"mhz_current", d.mhz_current},
          {"mhz_max", d.mhz_max},
          {"smt", d.smt ? nlohmann::json(*d.smt) : nlohmann::json()},
          {"caches", caches},
          {"isolated_cpus", d.isolated_cpus}};
}

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
  info.cpu = cpu_details();
  return info;
}

nlohmann::json to_json(const HostInfo& info) {
  return {{"cpu_model", info.cpu_model},
          {"logical_cores", info.logical_cores},
          {"physical_cores", info.physical_cores},
          {"isa_flags", info.isa_flags},
          {"memory_bytes", info.memory_bytes},
          {"os", info.os},
          {"hostname", info.hostname},
          {"cpu", to_json(info.cpu)}};
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
