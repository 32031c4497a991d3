#include "backends/cuda/backend.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "backends/cuda/error.hpp"
#include "backends/cuda/memory.hpp"
#include "backends/cuda/stream.hpp"
#include "core/gpu_telemetry.hpp"
#include "core/registry.hpp"
#include "core/statistics.hpp"

namespace hwbench::cuda {
namespace {

// Large enough that the per-copy latency is lost in the transfer time.
constexpr std::size_t kCopyProbeBytes = std::size_t{256} << 20;
constexpr int kCopyProbeRepetitions = 10;
// Freshly pinned pages copy slowly the first times (seen on a Firecracker-hosted H100: 31 GB/s
// instead of 55 GB/s with a single warm-up copy).
constexpr int kCopyProbeWarmups = 3;

double best_copy_rate(void* dst, const void* src, std::size_t bytes, cudaMemcpyKind kind,
                      const Stream& stream) {
  std::vector<double> rates;
  for (int i = 0; i < kCopyProbeWarmups; ++i)
    HWBENCH_CUDA_CHECK(cudaMemcpyAsync(dst, src, bytes, kind, stream));
  for (int i = 0; i < kCopyProbeRepetitions; ++i) {
    EventTimer timer(stream);
    timer.start();
    HWBENCH_CUDA_CHECK(cudaMemcpyAsync(dst, src, bytes, kind, stream));
    rates.push_back(static_cast<double>(bytes) / timer.stop());
  }
  return summarize(rates).max;
}

}  // namespace

std::string CudaBackend::unavailable_reason() const {
  const Discovery& d = discover();
  if (!d.error.empty()) return d.error;
  if (m_device < 0 || m_device >= static_cast<int>(d.devices.size())) {
    return fmt::format("device {} not present ({} CUDA device{})", m_device, d.devices.size(),
                       d.devices.size() == 1 ? "" : "s");
  }
  return {};
}

void CudaBackend::configure(const BackendOptions& options) {
  m_device = options.device;
  m_copy_rates.reset();
  if (unavailable_reason().empty()) HWBENCH_CUDA_CHECK(cudaSetDevice(m_device));
}

void CudaBackend::bind_thread() const {
  if (unavailable_reason().empty()) HWBENCH_CUDA_CHECK(cudaSetDevice(m_device));
}

const DeviceInfo& CudaBackend::device() const {
  return discover().devices.at(static_cast<std::size_t>(m_device));
}

nlohmann::json CudaBackend::describe() const {
  const Discovery& d = discover();
  nlohmann::json j = {{"driver_version", format_cuda_version(d.driver_version)},
                      {"runtime_version", format_cuda_version(d.runtime_version)}};
  const std::string reason = unavailable_reason();
  if (!reason.empty()) {
    j["unavailable"] = reason;
    return j;
  }
  j["device"] = to_json(device());
  j["device"]["clocks"] = gpu_clocks(device().pci_bus_id);
  j["devices"] = nlohmann::json::array();
  for (const auto& info : d.devices) {
    j["devices"].push_back(to_json(info));
    j["devices"].back()["clocks"] = gpu_clocks(info.pci_bus_id);
  }
  if (m_copy_rates) {
    j["pinned_h2d_bytes_per_second"] = m_copy_rates->h2d;
    j["pinned_d2h_bytes_per_second"] = m_copy_rates->d2h;
  }
  return j;
}

void CudaBackend::reset_peak_device_bytes() { cuda::reset_peak_device_bytes(); }
std::uint64_t CudaBackend::peak_device_bytes() const { return cuda::peak_device_bytes(); }
double CudaBackend::theoretical_bandwidth() const {
  return unavailable_reason().empty() ? device().theoretical_bandwidth : 0;
}

double CudaBackend::host_to_device_bandwidth() {
  if (!unavailable_reason().empty()) return 0;
  if (!m_copy_rates) {
    const std::size_t bytes = std::min<std::size_t>(kCopyProbeBytes, device().memory_bytes / 8);
    PinnedBuffer<std::byte> host(bytes);
    DeviceBuffer<std::byte> dev(bytes);
    std::fill_n(host.data(), bytes, std::byte{0x5a});
    Stream stream;
    CopyRates rates;
    rates.h2d = best_copy_rate(dev.data(), host.data(), bytes, cudaMemcpyHostToDevice, stream);
    rates.d2h = best_copy_rate(host.data(), dev.data(), bytes, cudaMemcpyDeviceToHost, stream);
    m_copy_rates = rates;
  }
  return m_copy_rates->h2d;
}

CudaBackend* registered_backend() {
  return dynamic_cast<CudaBackend*>(Registry::instance().find_backend("cuda"));
}

namespace {
const Registration registration{[] { Registry::instance().add_backend(std::make_unique<CudaBackend>()); }};
}  // namespace

}  // namespace hwbench::cuda
