// vecadd on the CPU backends: a loop the compiler vectorizes, split into 64K-element tasks.
#include "core/registry.hpp"
#include "workloads/vecadd/workload.hpp"

namespace hwbench::vecadd {
namespace {

constexpr std::size_t kGrain = 1 << 16;

void add(const float* __restrict a, const float* __restrict b, float* __restrict c, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) c[i] = a[i] + b[i];
}

class CpuRunner final : public Runner {
 public:
  CpuRunner(const Input& in, const Executor& executor) : m_in(in), m_executor(executor), m_c(in.count) {}
  std::optional<double> iterate() override {
    m_executor.for_range(m_in.count, kGrain, [&](std::size_t begin, std::size_t end) {
      add(m_in.a.data() + begin, m_in.b.data() + begin, m_c.data() + begin, end - begin);
    });
    return std::nullopt;
  }
  std::unique_ptr<CaseOutput> result() override {
    auto out = std::make_unique<Output>();
    out->c = m_c;
    return out;
  }
  nlohmann::json notes() const override { return {{"threads", m_executor.concurrency()}}; }

 private:
  const Input& m_in;
  const Executor& m_executor;
  std::vector<float> m_c;
};

const Registration registration{[] {
  for (const char* backend : {"cpu-serial", "cpu-tbb"}) {
    Registry::instance().add_implementation(
        {"vecadd", backend, "default", "vectorized loop",
         typed_factory<Input>([](const Input& in, const ExecContext& ctx) {
           return std::make_unique<CpuRunner>(in, ctx.executor);
         })});
  }
}};

}  // namespace
}  // namespace hwbench::vecadd
