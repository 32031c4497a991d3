// The multi-thread CPU backend: oneTBB parallel_for inside a task arena of --threads threads.
#include "backends/cpu_tbb.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>
#include <tbb/task_group.h>

#include <memory>
#include <thread>

#include "core/backend.hpp"
#include "core/registry.hpp"

namespace hwbench {
namespace {

// Tasks go to the executor's arena, whose worker threads run them while the caller does other work.
class TbbTaskGroup final : public TaskGroup {
 public:
  explicit TbbTaskGroup(tbb::task_arena& arena) : m_arena(arena) {}
  ~TbbTaskGroup() noexcept override {
    try {
      wait();
    } catch (...) {  // already reported to whoever waited; a destructor must not throw
    }
  }
  void run(std::function<void()> task) override {
    m_arena.execute([&] { m_group.run(std::move(task)); });
  }
  void wait() override {
    m_arena.execute([&] { m_group.wait(); });
  }

 private:
  tbb::task_arena& m_arena;
  tbb::task_group m_group;
};

class TbbExecutor final : public Executor {
 public:
  explicit TbbExecutor(int threads) : m_arena(threads) {}
  void for_range(std::size_t n, std::size_t grain, const Body& body) const override {
    if (n == 0) return;
    m_arena.execute([&] {
      tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, grain > 0 ? grain : 1),
                        [&](const tbb::blocked_range<std::size_t>& r) { body(r.begin(), r.end()); });
    });
  }
  int concurrency() const override { return m_arena.max_concurrency(); }
  std::unique_ptr<TaskGroup> task_group() const override { return std::make_unique<TbbTaskGroup>(m_arena); }

 private:
  // execute() is logically const: the arena only schedules work.
  mutable tbb::task_arena m_arena;
};

}  // namespace

std::unique_ptr<Executor> make_tbb_executor(int threads) { return std::make_unique<TbbExecutor>(threads); }

namespace {

class CpuTbbBackend final : public Backend {
 public:
  std::string_view name() const override { return "cpu-tbb"; }
  BackendKind kind() const override { return BackendKind::cpu_parallel; }
  std::string_view description() const override { return "all CPU threads through oneTBB (--threads)"; }
  std::string unavailable_reason() const override { return {}; }
  std::vector<Mode> modes() const override { return {Mode::host}; }
  void configure(const BackendOptions& options) override {
    const int threads =
        options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency());
    m_executor = std::make_unique<TbbExecutor>(threads);
  }
  const Executor& executor() const override {
    if (!m_executor)
      m_executor = std::make_unique<TbbExecutor>(static_cast<int>(std::thread::hardware_concurrency()));
    return *m_executor;
  }
  nlohmann::json describe() const override { return {{"threads", executor().concurrency()}}; }

 private:
  mutable std::unique_ptr<TbbExecutor> m_executor;
};

const Registration registration{[] { Registry::instance().add_backend(std::make_unique<CpuTbbBackend>()); }};

}  // namespace
}  // namespace hwbench
