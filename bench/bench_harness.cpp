// What hwbench's harness itself costs per sample: an empty case measured through the same
// measure() that `hwbench run` uses, host-timed and (where a GPU is present) CUDA-event-timed.
#include <fmt/format.h>

#include <cstdio>

#include "core/harness.hpp"
#include "core/registry.hpp"
#if defined(HWBENCH_WITH_CUDA)
#include "backends/cuda/stream.hpp"
#endif

namespace {

class EmptyRunner final : public hwbench::Runner {
 public:
  std::optional<double> iterate() override { return std::nullopt; }
  std::unique_ptr<hwbench::CaseOutput> result() override { return nullptr; }
};

#if defined(HWBENCH_WITH_CUDA)
// An empty event pair: the floor under every device-timed sample.
class EmptyDeviceRunner final : public hwbench::Runner {
 public:
  bool device_timed() const override { return true; }
  std::optional<double> iterate() override {
    m_timer.start();
    return m_timer.stop();
  }
  std::unique_ptr<hwbench::CaseOutput> result() override { return nullptr; }

 private:
  hwbench::cuda::Stream m_stream;
  hwbench::cuda::EventTimer m_timer{m_stream};
};
#endif

void report(const char* label, hwbench::Runner& runner) {
  const hwbench::MeasureOptions options{5, 0.05, 0.01};
  const auto m = hwbench::measure(label, runner, {1, 0, 0, 0, 0, false, {}}, options);
  double worst = 0;
  for (double s : m.samples) worst = std::max(worst, s);
  fmt::print("{:<28} {:>10.3f} us per sample (worst repetition)\n", label, worst * 1e6);
}

}  // namespace

int main() {
  EmptyRunner host;
  report("empty host-timed case", host);
#if defined(HWBENCH_WITH_CUDA)
  if (auto* cuda = hwbench::Registry::instance().find_backend(hwbench::BackendKind::gpu);
      cuda && cuda->unavailable_reason().empty()) {
    EmptyDeviceRunner device;
    report("empty event-timed case", device);
  } else {
    fmt::print("empty event-timed case: skipped (no CUDA device)\n");
  }
#endif
  return 0;
}
