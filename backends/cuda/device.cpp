#include "backends/cuda/device.hpp"

#include <cuda_runtime_api.h>
#include <fmt/format.h>

namespace hwbench::cuda {
namespace {

int attribute(cudaDeviceAttr attr, int device) {
  int value = 0;
  return cudaDeviceGetAttribute(&value, attr, device) == cudaSuccess ? value : 0;
}

Discovery probe() {
  Discovery d;
  cudaDriverGetVersion(&d.driver_version);
  cudaRuntimeGetVersion(&d.runtime_version);
  int count = 0;
  const cudaError_t status = cudaGetDeviceCount(&count);
  if (status != cudaSuccess) {
    switch (status) {
      case cudaErrorNoDevice:
        d.error = "no CUDA device";
        break;
      case cudaErrorInsufficientDriver:
        d.error = d.driver_version == 0 ? "no CUDA driver"
                                        : fmt::format("CUDA driver {} is older than the runtime {}",
                                                      format_cuda_version(d.driver_version),
                                                      format_cuda_version(d.runtime_version));
        break;
      default:
        d.error = fmt::format("CUDA unavailable: {}", cudaGetErrorString(status));
        break;
    }
    cudaGetLastError();
    return d;
  }
  if (count == 0) d.error = "no CUDA device";
  for (int i = 0; i < count; ++i) {
    cudaDeviceProp prop{};
    if (cudaGetDeviceProperties(&prop, i) != cudaSuccess) continue;
    DeviceInfo info;
    info.index = i;
    info.name = prop.name;
    char bus[32] = {};
    if (cudaDeviceGetPCIBusId(bus, sizeof bus, i) == cudaSuccess) info.pci_bus_id = bus;
    info.sm_count = prop.multiProcessorCount;
    info.cc_major = prop.major;
    info.cc_minor = prop.minor;
    info.memory_bytes = prop.totalGlobalMem;
    info.l2_bytes = static_cast<std::uint64_t>(prop.l2CacheSize);
    info.shared_memory_per_block_optin = prop.sharedMemPerBlockOptin;
    info.memory_clock_khz = attribute(cudaDevAttrMemoryClockRate, i);
    info.memory_bus_bits = prop.memoryBusWidth;
    info.sm_clock_khz = attribute(cudaDevAttrClockRate, i);
    info.theoretical_bandwidth = 2.0 * info.memory_clock_khz * 1e3 * info.memory_bus_bits / 8.0;
    d.devices.push_back(std::move(info));
  }
  return d;
}

}  // namespace

const Discovery& discover() {
  static const Discovery discovery = probe();
  return discovery;
}

std::string format_cuda_version(int version) {
  return fmt::format("{}.{}", version / 1000, (version % 1000) / 10);
}

nlohmann::json to_json(const DeviceInfo& info) {
  return {{"index", info.index},
          {"name", info.name},
          {"pci_bus_id", info.pci_bus_id},
          {"sm_count", info.sm_count},
          {"compute_capability", fmt::format("{}.{}", info.cc_major, info.cc_minor)},
          {"memory_bytes", info.memory_bytes},
          {"l2_bytes", info.l2_bytes},
          {"shared_memory_per_block_optin", info.shared_memory_per_block_optin},
          {"memory_clock_khz", info.memory_clock_khz},
          {"memory_bus_bits", info.memory_bus_bits},
          {"theoretical_bandwidth_bytes_per_second", info.theoretical_bandwidth},
          {"sm_clock_khz", info.sm_clock_khz}};
}

}  // namespace hwbench::cuda
