#include "core/backend.hpp"

namespace hwbench {

std::string_view to_string(BackendKind kind) {
  switch (kind) {
    case BackendKind::cpu_serial:
      return "serial";
    case BackendKind::cpu_parallel:
      return "parallel";
    case BackendKind::gpu:
      return "gpu";
  }
  return "?";
}

namespace {

class InlineTaskGroup final : public TaskGroup {
 public:
  void run(std::function<void()> task) override { task(); }
  void wait() override {}
};

class SerialExecutor final : public Executor {
 public:
  void for_range(std::size_t n, std::size_t /*grain*/, const Body& body) const override {
    if (n > 0) body(0, n);
  }
  int concurrency() const override { return 1; }
};

}  // namespace

std::unique_ptr<TaskGroup> Executor::task_group() const { return std::make_unique<InlineTaskGroup>(); }

const Executor& serial_executor() {
  static const SerialExecutor executor;
  return executor;
}

}  // namespace hwbench
