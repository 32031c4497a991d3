#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace hwbench::cuda {

struct DeviceInfo {
  int index = 0;
  std::string name;
  std::string pci_bus_id;
  int sm_count = 0;
  int cc_major = 0;
  int cc_minor = 0;
  std::uint64_t memory_bytes = 0;
  std::uint64_t l2_bytes = 0;
  std::uint64_t shared_memory_per_block_optin = 0;
  int memory_clock_khz = 0;
  int memory_bus_bits = 0;
  double theoretical_bandwidth = 0;  // bytes/s: 2 (double data rate) x clock x bus width
  int sm_clock_khz = 0;
};

struct Discovery {
  std::string error;       // empty when the runtime answered; else why CUDA cannot be used here
  int driver_version = 0;  // e.g. 13000
  int runtime_version = 0;
  std::vector<DeviceInfo> devices;
};

// Asks the CUDA runtime once per process; never throws.
const Discovery& discover();

std::string format_cuda_version(int version);
nlohmann::json to_json(const DeviceInfo& info);

}  // namespace hwbench::cuda
