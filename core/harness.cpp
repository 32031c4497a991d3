#include "core/harness.hpp"

#include <algorithm>
#include <exception>

#include "core/statistics.hpp"

namespace hwbench {
namespace {

// Collects the runs of the one benchmark registered at a time; prints nothing.
class CollectingReporter : public benchmark::BenchmarkReporter {
 public:
  explicit CollectingReporter(Measurement& out) : m_out(out) {}
  bool ReportContext(const Context&) override { return true; }
  void ReportRuns(const std::vector<Run>& runs) override {
    for (Run run : runs) {
      // These point into the benchmark's registration, which is cleared after each case.
      run.statistics = nullptr;
      run.memory_result = nullptr;
      if (run.run_type == Run::RT_Iteration && !run.error_occurred && run.iterations > 0) {
        m_out.samples.push_back(run.real_accumulated_time / static_cast<double>(run.iterations));
        m_out.iterations.push_back(run.iterations);
        m_out.cpu_samples.push_back(run.cpu_accumulated_time / static_cast<double>(run.iterations));
      }
    }
  }

 private:
  Measurement& m_out;
};

double stat_min(const std::vector<double>& v) {
  return v.empty() ? 0 : *std::min_element(v.begin(), v.end());
}
double stat_max(const std::vector<double>& v) {
  return v.empty() ? 0 : *std::max_element(v.begin(), v.end());
}
double stat_p99(const std::vector<double>& v) { return quantile(v, 0.99); }

}  // namespace

Measurement measure(const std::string& name, Runner& runner, const Work& work,
                    const MeasureOptions& options) {
  Measurement out;
  auto* bench = benchmark::RegisterBenchmark(name.c_str(), [&](benchmark::State& state) {
    for (auto _ : state) {
      try {
        const auto seconds = runner.iterate();
        if (runner.device_timed()) state.SetIterationTime(seconds.value_or(0.0));
      } catch (const std::exception& e) {
        out.error = e.what();
        state.SkipWithError(out.error.c_str());
        break;
      }
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(work.items));
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(work.bytes));
  });
  bench->Repetitions(std::max(1, options.repetitions))
      ->MinTime(options.min_time)
      ->MinWarmUpTime(options.min_warmup_time)
      ->Unit(benchmark::kMicrosecond)
      ->ComputeStatistics("min", stat_min)
      ->ComputeStatistics("max", stat_max)
      ->ComputeStatistics("p99", stat_p99);
  if (runner.device_timed()) {
    bench->UseManualTime();
  } else {
    bench->UseRealTime();
  }
  CollectingReporter reporter(out);
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::ClearRegisteredBenchmarks();
  if (!out.error.empty()) {
    out.samples.clear();
    out.iterations.clear();
    out.cpu_samples.clear();
  }
  return out;
}

}  // namespace hwbench
