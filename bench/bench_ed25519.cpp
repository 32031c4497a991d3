// CPU Ed25519 verification paths on one core, per signature: OpenSSL's EVP path, the native verifier one
// signature at a time (radix 2^51), and eight at a time in AVX-512 IFMA lanes where the CPU has them.
// The batch is the workload's own (32-byte messages, 1/16 spoiled; its first run signs and caches it).
#include <benchmark/benchmark.h>

#include <vector>

#include "workloads/ed25519/native_verifier.hpp"
#include "workloads/ed25519/openssl_verifier.hpp"
#include "workloads/ed25519/workload.hpp"

namespace {

using hwbench::ed25519::Input;

constexpr std::size_t kSignatures = 1024;

const Input& batch() {
  static const Input in = [] {
    hwbench::signatures::InvalidRatio ratio;
    ratio.set("1/16");
    return hwbench::ed25519::generate_batch(1, kSignatures, 32, ratio);
  }();
  return in;
}

template <class Verify>
void per_item(benchmark::State& state, const Verify& verify) {
  const Input& in = batch();
  std::size_t accepted = 0;
  for (auto _ : state) {
    for (std::size_t i = 0; i < in.count; ++i)
      accepted += verify(in.key(i), in.message(i), in.msg_bytes, in.signature(i)) ? 1 : 0;
  }
  benchmark::DoNotOptimize(accepted);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * in.count));
}

void BM_Ed25519Openssl(benchmark::State& state) { per_item(state, hwbench::ed25519::openssl_verify); }
void BM_Ed25519NativeOneAtATime(benchmark::State& state) { per_item(state, hwbench::ed25519::native_verify); }

void BM_Ed25519NativeLanes(benchmark::State& state) {
  if (!hwbench::ed25519::native_lanes_available()) {
    state.SkipWithError("no AVX-512 IFMA on this CPU");
    return;
  }
  const Input& in = batch();
  std::vector<std::uint8_t> verdicts(in.count);
  for (auto _ : state) {
    hwbench::ed25519::native_verify_items(in, 0, in.count, verdicts.data());
    benchmark::DoNotOptimize(verdicts.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * in.count));
}

BENCHMARK(BM_Ed25519Openssl)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Ed25519NativeOneAtATime)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Ed25519NativeLanes)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
