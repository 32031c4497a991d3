// CPU SHA-256 paths on 64-byte messages (a Merkle node's input), per message.
#include <benchmark/benchmark.h>

#include <vector>

#include "core/rng.hpp"
#include "workloads/sha256/openssl_sha256.hpp"
#include "workloads/sha256/sha256_native.hpp"

namespace {

constexpr std::size_t kMessages = 4096;

std::vector<std::byte> messages(std::size_t length) {
  std::vector<std::byte> m(kMessages * length);
  hwbench::Rng(1).fill(m);
  return m;
}

void native(benchmark::State& state, hwbench::sha256::NativePath path) {
  const auto length = static_cast<std::size_t>(state.range(0));
  const auto in = messages(length);
  std::vector<std::byte> out(kMessages * 32);
  for (auto _ : state) {
    hwbench::sha256::hash_batch(in.data(), length, kMessages, out.data(), path);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * kMessages);
  state.SetBytesProcessed(state.iterations() * kMessages * length);
}

void BM_Sha256Native(benchmark::State& state) { native(state, hwbench::sha256::native_path()); }
void BM_Sha256Portable(benchmark::State& state) { native(state, hwbench::sha256::NativePath::portable); }

void BM_Sha256Openssl(benchmark::State& state) {
  const auto length = static_cast<std::size_t>(state.range(0));
  const auto in = messages(length);
  std::vector<std::byte> out(kMessages * 32);
  hwbench::sha256::OpensslHasher hasher;
  for (auto _ : state) {
    for (std::size_t i = 0; i < kMessages; ++i)
      hasher.hash(in.data() + i * length, length, out.data() + 32 * i);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * kMessages);
  state.SetBytesProcessed(state.iterations() * kMessages * length);
}

BENCHMARK(BM_Sha256Native)->Arg(64)->Arg(1024);
BENCHMARK(BM_Sha256Portable)->Arg(64)->Arg(1024);
BENCHMARK(BM_Sha256Openssl)->Arg(64)->Arg(1024);

}  // namespace

BENCHMARK_MAIN();
