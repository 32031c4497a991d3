#pragma once

// GPU telemetry during a case, through NVML loaded at run time (libnvidia-ml.so.1, which the driver
// installs; no build dependency): a thread samples the case's GPU every period (utilization, memory
// used, temperature, power, SM clock, clock-event reasons) while the case is measured. As nvbench does,
// a sample whose SM clock is under 75% of the GPU's default is flagged (a throttled measurement), and
// a temperature above 85 C is warned about. Where NVML or the GPU cannot be had, start() says why and
// the case carries that instead of samples.
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace hwbench {

struct TelemetrySample {
  double seconds = 0;  // since sampling started
  std::optional<unsigned> gpu_utilization_percent, memory_utilization_percent;
  std::optional<std::uint64_t> memory_used_bytes;
  std::optional<unsigned> temperature_c;
  std::optional<double> power_watts;
  std::optional<unsigned> sm_clock_mhz;
  std::optional<std::uint64_t> clock_event_reasons;  // NVML's bit mask (throttle reasons)
  bool low_clock = false;                            // SM clock under kLowClockShare of the default
};

inline constexpr double kLowClockShare = 0.75;
inline constexpr unsigned kHotCelsius = 85;
inline constexpr std::size_t kMaxTelemetrySamples = 4096;  // then every other sample is dropped

// What a case's record carries: the samples and their summary, or why there are none.
nlohmann::json telemetry_json(const std::vector<TelemetrySample>& samples,
                              std::optional<unsigned> default_sm_clock_mhz, std::chrono::milliseconds period);

// The names of the reasons set in NVML's clock-event (throttle reason) mask: "idle", "sw_power_cap",
// "hw_thermal_slowdown"...; an unknown bit is named by its value ("0x400").
std::vector<std::string> clock_event_names(std::uint64_t mask);

// The GPU's clocks now, as nvbench and nvidia-smi -q -d CLOCK give them, in MHz: SM and memory clocks
// (current, maximum, application target and its default) and the clock events holding them down;
// {"unavailable": why} where NVML or the GPU cannot be had.
nlohmann::json gpu_clocks(const std::string& pci_bus_id);

// The warnings of a series (one line each): throttled samples and a hot GPU.
std::vector<std::string> telemetry_warnings(const std::vector<TelemetrySample>& samples);

class TelemetrySampler {
 public:
  // Starts sampling the GPU at this PCI bus id; nullptr with `why_not` set when NVML or the GPU is
  // not there.
  static std::unique_ptr<TelemetrySampler> start(const std::string& pci_bus_id,
                                                 std::chrono::milliseconds period, std::string& why_not);
  ~TelemetrySampler();
  TelemetrySampler(const TelemetrySampler&) = delete;
  TelemetrySampler& operator=(const TelemetrySampler&) = delete;

  // Stops the thread (one last sample first) and returns the series.
  std::vector<TelemetrySample> stop();
  std::optional<unsigned> default_sm_clock_mhz() const { return m_default_clock; }
  std::chrono::milliseconds period() const { return m_period; }

 private:
  TelemetrySampler(void* device, std::chrono::milliseconds period);
  TelemetrySample sample() const;
  void loop();

  void* m_device;
  std::chrono::milliseconds m_period;
  std::optional<unsigned> m_default_clock;
  std::chrono::steady_clock::time_point m_start;
  std::vector<TelemetrySample> m_samples;
  std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_stopping = false;
  std::thread m_thread;
};

}  // namespace hwbench
