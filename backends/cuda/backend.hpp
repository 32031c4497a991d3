#pragma once

#include <optional>

#include "backends/cuda/device.hpp"
#include "core/backend.hpp"

namespace hwbench::cuda {

// The CUDA backend: one device (--device), cases in `device` (resident) and `e2e` modes.
class CudaBackend final : public Backend {
 public:
  std::string_view name() const override { return "cuda"; }
  BackendKind kind() const override { return BackendKind::gpu; }
  std::string_view description() const override { return "one NVIDIA GPU through CUDA (--device)"; }
  std::string unavailable_reason() const override;
  std::vector<Mode> modes() const override { return {Mode::device, Mode::e2e}; }
  void configure(const BackendOptions& options) override;
  const Executor& executor() const override { return serial_executor(); }
  nlohmann::json describe() const override;
  void reset_peak_device_bytes() override;
  std::uint64_t peak_device_bytes() const override;
  double theoretical_bandwidth() const override;
  double host_to_device_bandwidth() override;
  void bind_thread() const override;
  std::string pci_bus_id() const override { return unavailable_reason().empty() ? device().pci_bus_id : ""; }

  const DeviceInfo& device() const;

 private:
  struct CopyRates {
    double h2d = 0;
    double d2h = 0;
  };
  int m_device = 0;
  std::optional<CopyRates> m_copy_rates;
};

// The registered CUDA backend, or nullptr when hwbench was built without CUDA.
CudaBackend* registered_backend();

}  // namespace hwbench::cuda
