// The single-thread CPU backend: every case runs on the calling thread.
#include "core/backend.hpp"
#include "core/registry.hpp"

namespace hwbench {
namespace {

class CpuSerialBackend final : public Backend {
 public:
  std::string_view name() const override { return "cpu-serial"; }
  BackendKind kind() const override { return BackendKind::cpu_serial; }
  std::string_view description() const override { return "one CPU thread"; }
  std::string unavailable_reason() const override { return {}; }
  std::vector<Mode> modes() const override { return {Mode::host}; }
  void configure(const BackendOptions&) override {}
  const Executor& executor() const override { return serial_executor(); }
  nlohmann::json describe() const override { return {{"threads", 1}}; }
};

const Registration registration{
    [] { Registry::instance().add_backend(std::make_unique<CpuSerialBackend>()); }};

}  // namespace
}  // namespace hwbench
