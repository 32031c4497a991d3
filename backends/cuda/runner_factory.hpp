#pragma once

#include <memory>
#include <string>

#include "backends/cuda/error.hpp"
#include "core/error.hpp"
#include "core/registry.hpp"

namespace hwbench::cuda {

// Free and total device memory as "N.N GiB free of M.M GiB".
std::string describe_device_memory();

// The factory every CUDA workload registers: the device-resident runner or the end-to-end one by
// mode, each constructed from the input and `args`. A case whose buffers do not fit on the device is
// skipped with the reason, not failed.
template <class DeviceRunner, class EndToEndRunner, class In, class... Args>
RunnerFactory resident_or_end_to_end(Args... args) {
  return typed_factory<In>([args...](const In& in, const ExecContext& ctx) -> std::unique_ptr<Runner> {
    try {
      if (ctx.mode == Mode::e2e) return std::make_unique<EndToEndRunner>(in, args...);
      return std::make_unique<DeviceRunner>(in, args...);
    } catch (const OutOfMemory&) {
      throw SkipCase("does not fit in device memory (" + describe_device_memory() + ")");
    }
  });
}

}  // namespace hwbench::cuda
