// Compiled instead of backends/cuda/ when hwbench is built without CUDA, so that cuda cases are
// reported as skipped with the reason rather than silently missing.
#include "core/backend.hpp"
#include "core/registry.hpp"

namespace hwbench {
namespace {

class UnbuiltCudaBackend final : public Backend {
 public:
  std::string_view name() const override { return "cuda"; }
  BackendKind kind() const override { return BackendKind::gpu; }
  std::string_view description() const override { return "one NVIDIA GPU through CUDA (not built)"; }
  std::string unavailable_reason() const override {
    return "hwbench was built without CUDA (HWBENCH_CUDA=OFF or no toolkit found)";
  }
  std::vector<Mode> modes() const override { return {Mode::device, Mode::e2e}; }
  void configure(const BackendOptions&) override {}
  const Executor& executor() const override { return serial_executor(); }
  nlohmann::json describe() const override { return {{"unavailable", unavailable_reason()}}; }
};

const Registration registration{
    [] { Registry::instance().add_backend(std::make_unique<UnbuiltCudaBackend>()); }};

}  // namespace
}  // namespace hwbench
