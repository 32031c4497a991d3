#pragma once

// GPU failures by kind, so that a scheduler can retry, fall back or give up on each as it should. The
// CUDA backend's errors are of this type; fault injection throws it too.
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace hwbench {

enum class GpuFault {
  no_device,         // no device, or the driver cannot serve this build
  out_of_memory,     // an allocation failed
  launch_failure,    // a kernel could not start or failed while running
  transfer_failure,  // a copy between host and device failed
  timeout,           // a kernel ran past the watchdog or a deadline
  throttled,         // the device is slowed (clocks, power, temperature) past what the case tolerates
  other,             // any other runtime error
};
std::string_view to_string(GpuFault fault);
std::optional<GpuFault> parse_gpu_fault(std::string_view name);

class GpuError : public std::runtime_error {
 public:
  GpuError(GpuFault fault, const std::string& what) : std::runtime_error(what), m_fault(fault) {}
  GpuFault fault() const { return m_fault; }

 private:
  GpuFault m_fault;
};

}  // namespace hwbench
