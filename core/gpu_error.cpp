#include "core/gpu_error.hpp"

namespace hwbench {

std::string_view to_string(GpuFault fault) {
  switch (fault) {
    case GpuFault::no_device:
      return "no-device";
    case GpuFault::out_of_memory:
      return "out-of-memory";
    case GpuFault::launch_failure:
      return "launch-failure";
    case GpuFault::transfer_failure:
      return "transfer-failure";
    case GpuFault::timeout:
      return "timeout";
    case GpuFault::throttled:
      return "throttled";
    case GpuFault::other:
      return "other";
  }
  return "?";
}

std::optional<GpuFault> parse_gpu_fault(std::string_view name) {
  for (GpuFault f : {GpuFault::no_device, GpuFault::out_of_memory, GpuFault::launch_failure,
                     GpuFault::transfer_failure, GpuFault::timeout, GpuFault::throttled, GpuFault::other}) {
    if (to_string(f) == name) return f;
  }
  return std::nullopt;
}

}  // namespace hwbench
