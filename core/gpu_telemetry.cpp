#include "core/gpu_telemetry.hpp"

#include <dlfcn.h>
#include <fmt/format.h>

#include <algorithm>

namespace hwbench {
namespace {

// The part of NVML's C API used here, declared from its documented signatures (nvml.h is not needed to
// build). Handles are opaque pointers; every call returns 0 (NVML_SUCCESS) on success.
using NvmlDevice = void*;
struct NvmlUtilization {
  unsigned gpu;
  unsigned memory;
};
struct NvmlMemory {
  unsigned long long total;
  unsigned long long free;
  unsigned long long used;
};
constexpr int kNvmlTemperatureGpu = 0;
constexpr int kNvmlClockSm = 1;
constexpr int kNvmlClockMemory = 2;
constexpr int kNvmlClockIdCurrent = 0;
constexpr int kNvmlClockIdAppTarget = 1;
constexpr int kNvmlClockIdAppDefault = 2;

struct Nvml {
  int (*init)() = nullptr;
  int (*by_pci_bus_id)(const char*, NvmlDevice*) = nullptr;
  int (*utilization)(NvmlDevice, NvmlUtilization*) = nullptr;
  int (*memory)(NvmlDevice, NvmlMemory*) = nullptr;
  int (*temperature)(NvmlDevice, int, unsigned*) = nullptr;
  int (*power)(NvmlDevice, unsigned*) = nullptr;
  int (*clock)(NvmlDevice, int, int, unsigned*) = nullptr;
  int (*max_clock)(NvmlDevice, int, unsigned*) = nullptr;
  int (*clock_events)(NvmlDevice, unsigned long long*) = nullptr;
  const char* (*error_string)(int) = nullptr;
  std::string error;  // why NVML cannot be used; empty when it can
};

template <class F>
void bind(void* library, const char* name, F& f) {
  f = reinterpret_cast<F>(dlsym(library, name));
}

// Loaded and initialized once per process; never unloaded (NVML keeps its own threads).
const Nvml& nvml() {
  static const Nvml n = [] {
    Nvml n;
    void* library = dlopen("libnvidia-ml.so.1", RTLD_NOW | RTLD_LOCAL);
    if (library == nullptr) {
      n.error = "NVML not found (libnvidia-ml.so.1, installed with the NVIDIA driver)";
      return n;
    }
    bind(library, "nvmlInit_v2", n.init);
    bind(library, "nvmlDeviceGetHandleByPciBusId_v2", n.by_pci_bus_id);
    bind(library, "nvmlDeviceGetUtilizationRates", n.utilization);
    bind(library, "nvmlDeviceGetMemoryInfo", n.memory);
    bind(library, "nvmlDeviceGetTemperature", n.temperature);
    bind(library, "nvmlDeviceGetPowerUsage", n.power);
    bind(library, "nvmlDeviceGetClock", n.clock);
    bind(library, "nvmlDeviceGetMaxClockInfo", n.max_clock);
    // Renamed in newer drivers; the old name stays exported in them.
    bind(library, "nvmlDeviceGetCurrentClocksEventReasons", n.clock_events);
    if (n.clock_events == nullptr) bind(library, "nvmlDeviceGetCurrentClocksThrottleReasons", n.clock_events);
    bind(library, "nvmlErrorString", n.error_string);
    if (n.init == nullptr || n.by_pci_bus_id == nullptr) {
      n.error = "NVML lacks nvmlInit_v2 or nvmlDeviceGetHandleByPciBusId_v2";
      return n;
    }
    if (const int status = n.init(); status != 0) {
      n.error = fmt::format("nvmlInit failed: {}",
                            n.error_string ? n.error_string(status) : std::to_string(status));
    }
    return n;
  }();
  return n;
}

template <class T, class Call>
std::optional<T> query(Call&& call) {
  T value{};
  if (call(&value) != 0) return std::nullopt;
  return value;
}

}  // namespace

std::unique_ptr<TelemetrySampler> TelemetrySampler::start(const std::string& pci_bus_id,
                                                          std::chrono::milliseconds period,
                                                          std::string& why_not) {
  const Nvml& n = nvml();
  if (!n.error.empty()) {
    why_not = n.error;
    return nullptr;
  }
  NvmlDevice device = nullptr;
  if (const int status = n.by_pci_bus_id(pci_bus_id.c_str(), &device); status != 0) {
    why_not = fmt::format("NVML has no GPU at {}: {}", pci_bus_id,
                          n.error_string ? n.error_string(status) : std::to_string(status));
    return nullptr;
  }
  return std::unique_ptr<TelemetrySampler>(new TelemetrySampler(device, period));
}

TelemetrySampler::TelemetrySampler(void* device, std::chrono::milliseconds period)
    : m_device(device), m_period(period), m_start(std::chrono::steady_clock::now()) {
  const Nvml& n = nvml();
  // The default application clock is the one the GPU runs unthrottled; some GPUs report only the maximum.
  if (n.clock != nullptr) {
    m_default_clock = query<unsigned>(
        [&](unsigned* v) { return n.clock(m_device, kNvmlClockSm, kNvmlClockIdAppDefault, v); });
  }
  if ((!m_default_clock || *m_default_clock == 0) && n.max_clock != nullptr) {
    m_default_clock = query<unsigned>([&](unsigned* v) { return n.max_clock(m_device, kNvmlClockSm, v); });
  }
  m_samples.push_back(sample());
  m_thread = std::thread([this] { loop(); });
}

TelemetrySampler::~TelemetrySampler() {
  if (m_thread.joinable()) stop();
}

TelemetrySample TelemetrySampler::sample() const {
  const Nvml& n = nvml();
  TelemetrySample s;
  s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
  if (n.utilization != nullptr) {
    if (auto u = query<NvmlUtilization>([&](NvmlUtilization* v) { return n.utilization(m_device, v); })) {
      s.gpu_utilization_percent = u->gpu;
      s.memory_utilization_percent = u->memory;
    }
  }
  if (n.memory != nullptr) {
    if (auto m = query<NvmlMemory>([&](NvmlMemory* v) { return n.memory(m_device, v); }))
      s.memory_used_bytes = m->used;
  }
  if (n.temperature != nullptr) {
    s.temperature_c =
        query<unsigned>([&](unsigned* v) { return n.temperature(m_device, kNvmlTemperatureGpu, v); });
  }
  if (n.power != nullptr) {
    if (auto mw = query<unsigned>([&](unsigned* v) { return n.power(m_device, v); }))
      s.power_watts = *mw / 1000.0;
  }
  if (n.clock != nullptr) {
    s.sm_clock_mhz =
        query<unsigned>([&](unsigned* v) { return n.clock(m_device, kNvmlClockSm, kNvmlClockIdCurrent, v); });
  }
  if (n.clock_events != nullptr) {
    s.clock_event_reasons =
        query<unsigned long long>([&](unsigned long long* v) { return n.clock_events(m_device, v); });
  }
  if (s.sm_clock_mhz && m_default_clock && *m_default_clock > 0) {
    s.low_clock = *s.sm_clock_mhz < kLowClockShare * *m_default_clock;
  }
  return s;
}

void TelemetrySampler::loop() {
  std::unique_lock lock(m_mutex);
  while (!m_wake.wait_for(lock, m_period, [this] { return m_stopping; })) {
    lock.unlock();
    TelemetrySample s = sample();
    lock.lock();
    m_samples.push_back(s);
    if (m_samples.size() >= kMaxTelemetrySamples) {
      // Keep every other sample and sample half as often: a long case keeps a bounded, even series.
      std::vector<TelemetrySample> kept;
      for (std::size_t i = 0; i < m_samples.size(); i += 2) kept.push_back(m_samples[i]);
      m_samples = std::move(kept);
      m_period *= 2;
    }
  }
}

std::vector<TelemetrySample> TelemetrySampler::stop() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_wake.notify_all();
  if (m_thread.joinable()) m_thread.join();
  m_samples.push_back(sample());
  return m_samples;
}

std::vector<std::string> clock_event_names(std::uint64_t mask) {
  // NVML's nvmlClocksEventReasons bits, in its order.
  static constexpr const char* kNames[] = {"idle",
                                           "applications_clocks_setting",
                                           "sw_power_cap",
                                           "hw_slowdown",
                                           "sync_boost",
                                           "sw_thermal_slowdown",
                                           "hw_thermal_slowdown",
                                           "hw_power_brake_slowdown",
                                           "display_clock_setting"};
  std::vector<std::string> out;
  for (unsigned bit = 0; bit < 64; ++bit) {
    const std::uint64_t flag = std::uint64_t{1} << bit;
    if ((mask & flag) == 0) continue;
    out.push_back(bit < std::size(kNames) ? std::string(kNames[bit]) : fmt::format("{:#x}", flag));
  }
  return out;
}

nlohmann::json gpu_clocks(const std::string& pci_bus_id) {
  const Nvml& n = nvml();
  if (!n.error.empty()) return {{"unavailable", n.error}};
  NvmlDevice device = nullptr;
  if (const int status = n.by_pci_bus_id(pci_bus_id.c_str(), &device); status != 0) {
    return {{"unavailable", fmt::format("NVML has no GPU at {}: {}", pci_bus_id,
                                        n.error_string ? n.error_string(status) : std::to_string(status))}};
  }
  auto mhz = [](const std::optional<unsigned>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); };
  nlohmann::json out = {{"source", "nvml"}};
  const std::pair<const char*, int> domains[] = {{"sm", kNvmlClockSm}, {"memory", kNvmlClockMemory}};
  for (const auto& [name, type] : domains) {
    nlohmann::json d;
    if (n.clock != nullptr) {
      const std::pair<const char*, int> ids[] = {{"current_mhz", kNvmlClockIdCurrent},
                                                 {"application_mhz", kNvmlClockIdAppTarget},
                                                 {"default_application_mhz", kNvmlClockIdAppDefault}};
      for (const auto& [key, id] : ids)
        d[key] = mhz(query<unsigned>([&](unsigned* v) { return n.clock(device, type, id, v); }));
    }
    if (n.max_clock != nullptr)
      d["max_mhz"] = mhz(query<unsigned>([&](unsigned* v) { return n.max_clock(device, type, v); }));
    out[name] = d;
  }
  if (n.clock_events != nullptr) {
    if (const auto mask =
            query<unsigned long long>([&](unsigned long long* v) { return n.clock_events(device, v); })) {
      out["clock_event_reasons"] = *mask;
      out["clock_events"] = clock_event_names(*mask);
    }
  }
  return out;
}

nlohmann::json telemetry_json(const std::vector<TelemetrySample>& samples,
                              std::optional<unsigned> default_sm_clock_mhz,
                              std::chrono::milliseconds period) {
  auto optional = [](const auto& v) { return v ? nlohmann::json(*v) : nlohmann::json(); };
  nlohmann::json series = nlohmann::json::array();
  std::size_t low = 0;
  std::optional<unsigned> hottest;
  for (const auto& s : samples) {
    series.push_back({{"seconds", s.seconds},
                      {"gpu_utilization_percent", optional(s.gpu_utilization_percent)},
                      {"memory_utilization_percent", optional(s.memory_utilization_percent)},
                      {"memory_used_bytes", optional(s.memory_used_bytes)},
                      {"temperature_c", optional(s.temperature_c)},
                      {"power_watts", optional(s.power_watts)},
                      {"sm_clock_mhz", optional(s.sm_clock_mhz)},
                      {"clock_event_reasons", optional(s.clock_event_reasons)},
                      {"low_clock", s.low_clock}});
    low += s.low_clock ? 1 : 0;
    if (s.temperature_c) hottest = std::max(hottest.value_or(0), *s.temperature_c);
  }
  return {{"source", "nvml"},
          {"period_ms", period.count()},
          {"default_sm_clock_mhz", optional(default_sm_clock_mhz)},
          {"low_clock_share", kLowClockShare},
          {"low_clock_samples", low},
          {"max_temperature_c", optional(hottest)},
          {"warnings", telemetry_warnings(samples)},
          {"samples", series}};
}

std::vector<std::string> telemetry_warnings(const std::vector<TelemetrySample>& samples) {
  std::vector<std::string> out;
  std::size_t low = 0;
  unsigned hottest = 0;
  for (const auto& s : samples) {
    low += s.low_clock ? 1 : 0;
    hottest = std::max(hottest, s.temperature_c.value_or(0));
  }
  if (low > 0) {
    out.push_back(
        fmt::format("{} of {} telemetry samples with the SM clock under {:.0f}% of its default: the GPU "
                    "was throttled during the case",
                    low, samples.size(), 100 * kLowClockShare));
  }
  if (hottest > kHotCelsius)
    out.push_back(fmt::format("the GPU reached {} C (above {} C)", hottest, kHotCelsius));
  return out;
}

}  // namespace hwbench
