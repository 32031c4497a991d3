// The CPU NTT on one core: the scalar transform (mulx/adx products, one butterfly at a time) against the
// AVX-512 IFMA one (eight at a time), forward, at the sizes of the workload's bar and around it. Items
// are butterflies (n/2 log n), so the rates of the two compare directly; on a CPU without IFMA the
// vector benchmark reports why and skips.
#include <benchmark/benchmark.h>

#include "workloads/ntt/radix2.hpp"
#include "workloads/ntt/radix2_ifma.hpp"
#include "workloads/ntt/workload.hpp"

namespace {

using namespace hwbench::ntt;

void transform(benchmark::State& state, bool vector) {
  if (vector && !Radix2Ifma::available()) {
    state.SkipWithError("this CPU lacks AVX-512 IFMA");
    return;
  }
  const Domain domain(std::size_t{1} << state.range(0));
  const auto& executor = hwbench::serial_executor();
  const auto input = generate_values(1, domain.size);
  std::vector<Fr> output(domain.size);
  Radix2 radix2(domain, Direction::forward, executor, vector);
  for (auto _ : state) {
    radix2(input, output, executor);
    benchmark::DoNotOptimize(output.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(domain.size / 2 * domain.log_size));
}

void BM_NttScalar(benchmark::State& state) { transform(state, false); }
void BM_NttIfma(benchmark::State& state) { transform(state, true); }

BENCHMARK(BM_NttScalar)->Arg(10)->Arg(15)->Arg(20)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_NttIfma)->Arg(10)->Arg(15)->Arg(20)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
