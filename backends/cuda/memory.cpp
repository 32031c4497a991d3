#include "backends/cuda/memory.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>

#include "backends/cuda/runner_factory.hpp"

namespace hwbench::cuda {
namespace {
std::atomic<std::int64_t> g_current{0};
std::atomic<std::int64_t> g_peak{0};
}  // namespace

void track_device_allocation(std::int64_t bytes) {
  const std::int64_t now = g_current.fetch_add(bytes) + bytes;
  std::int64_t peak = g_peak.load();
  while (now > peak && !g_peak.compare_exchange_weak(peak, now)) {
  }
}

void reset_peak_device_bytes() { g_peak.store(g_current.load()); }

std::string describe_device_memory() {
  std::size_t free_bytes = 0, total_bytes = 0;
  if (cudaMemGetInfo(&free_bytes, &total_bytes) != cudaSuccess) return "device memory unknown";
  return fmt::format("{:.1f} GiB free of {:.1f} GiB", free_bytes / 1073741824.0, total_bytes / 1073741824.0);
}

std::uint64_t peak_device_bytes() {
  return static_cast<std::uint64_t>(std::max<std::int64_t>(0, g_peak.load()));
}

}  // namespace hwbench::cuda
