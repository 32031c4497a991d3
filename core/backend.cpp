#include "core/backend.hpp"

namespace hwbench {
namespace {

class SerialExecutor final : public Executor {
 public:
  void for_range(std::size_t n, std::size_t /*grain*/, const Body& body) const override {
    if (n > 0) body(0, n);
  }
  int concurrency() const override { return 1; }
};

}  // namespace

const Executor& serial_executor() {
  static const SerialExecutor executor;
  return executor;
}

}  // namespace hwbench
