// BLS12-381 arithmetic on the CPU: field multiplication and squaring, G1 mixed addition, addition
// and doubling. Each iteration runs a dependent chain so latency, not just throughput, shows.
#include <benchmark/benchmark.h>

#include "core/rng.hpp"
#include "workloads/bls12_381/g1.hpp"

namespace {

using namespace hwbench::bls12_381;

constexpr int kChain = 1000;

Fp random_fp(hwbench::Rng& rng) {
  Fp::Repr limbs;
  do {
    for (auto& l : limbs) l = rng.next();
    limbs.back() >>= 3;
  } while (!Fp::is_canonical(limbs));
  return Fp::from_canonical(limbs);
}

void BM_FpMul(benchmark::State& state) {
  hwbench::Rng rng(1);
  Fp a = random_fp(rng);
  const Fp b = random_fp(rng);
  for (auto _ : state) {
    for (int i = 0; i < kChain; ++i) a = a * b;
    benchmark::DoNotOptimize(a);
  }
  state.SetItemsProcessed(state.iterations() * kChain);
}

void BM_FpSqr(benchmark::State& state) {
  hwbench::Rng rng(2);
  Fp a = random_fp(rng);
  for (auto _ : state) {
    for (int i = 0; i < kChain; ++i) a = a.squared();
    benchmark::DoNotOptimize(a);
  }
  state.SetItemsProcessed(state.iterations() * kChain);
}

G1Affine random_point(hwbench::Rng& rng) {
  Scalar k{rng.next(), rng.next(), rng.next(), rng.next() >> 2};
  return scalar_multiply(g1_generator(), k).to_affine();
}

void BM_G1AddAffine(benchmark::State& state) {
  hwbench::Rng rng(3);
  const G1Affine q = random_point(rng);
  G1Xyzz acc = G1Xyzz::from_affine(random_point(rng));
  for (auto _ : state) {
    for (int i = 0; i < kChain; ++i) acc.add_affine(q);
    benchmark::DoNotOptimize(acc);
  }
  state.SetItemsProcessed(state.iterations() * kChain);
}

void BM_G1Add(benchmark::State& state) {
  hwbench::Rng rng(4);
  G1Xyzz q = G1Xyzz::from_affine(random_point(rng));
  q.double_in_place();
  G1Xyzz acc = G1Xyzz::from_affine(random_point(rng));
  for (auto _ : state) {
    for (int i = 0; i < kChain; ++i) acc.add(q);
    benchmark::DoNotOptimize(acc);
  }
  state.SetItemsProcessed(state.iterations() * kChain);
}

void BM_G1Double(benchmark::State& state) {
  hwbench::Rng rng(5);
  G1Xyzz acc = G1Xyzz::from_affine(random_point(rng));
  for (auto _ : state) {
    for (int i = 0; i < kChain; ++i) acc.double_in_place();
    benchmark::DoNotOptimize(acc);
  }
  state.SetItemsProcessed(state.iterations() * kChain);
}

BENCHMARK(BM_FpMul);
BENCHMARK(BM_FpSqr);
BENCHMARK(BM_G1AddAffine);
BENCHMARK(BM_G1Add);
BENCHMARK(BM_G1Double);

}  // namespace

BENCHMARK_MAIN();
