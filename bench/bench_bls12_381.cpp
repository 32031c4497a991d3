// BLS12-381 arithmetic: field multiplication (Fp and Fr), squaring and inversion, G1 mixed addition,
// addition and doubling. On the CPU each iteration runs a dependent chain, so latency, not just
// throughput, shows; the AVX-512 IFMA forms (eight elements per operation) run two chains or one. On the
// GPU (bls12_381_device.cu) the same chains run in 2^17 threads (throughput) and in one thread
// (latency), timed with CUDA events; without a device those benchmarks report why and skip.
#include <benchmark/benchmark.h>

#include "core/rng.hpp"
#if defined(HWBENCH_WITH_CUDA)
#include "bench/bls12_381_device.hpp"
#endif
#include "workloads/bls12_381/g1.hpp"
#if defined(__x86_64__)
#include "workloads/bls12_381/g1_ifma.hpp"
#endif
#include "workloads/bls12_381/random_scalar.hpp"

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

void BM_FrMul(benchmark::State& state) {
  hwbench::Rng rng(3);
  Fr a = Fr::from_canonical(uniform_scalar(rng, false));
  const Fr b = Fr::from_canonical(uniform_scalar(rng, false));
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

// One inversion per iteration, each of the previous result plus one (a dependent chain).
void BM_FpInversion(benchmark::State& state, Fp (Fp::*invert)() const) {
  hwbench::Rng rng(4);
  Fp a = random_fp(rng);
  for (auto _ : state) {
    a = (a.*invert)() + Fp::one();
    benchmark::DoNotOptimize(a);
  }
  state.SetItemsProcessed(state.iterations());
}

#if defined(__x86_64__)
// Eight elements per AVX-512 IFMA operation: two independent chains of products, each of eight
// lanes (the batched bucket additions interleave independent products the same way).
__attribute__((target("avx512f,avx512ifma"))) void ifma_mul_chains(int chain, ifma::Fp8& a, ifma::Fp8& c,
                                                                   const ifma::Fp8& b) {
  for (int i = 0; i < chain; ++i) {
    a = ifma::mul(a, b);
    c = ifma::mul(c, b);
  }
}

// Complete projective additions, eight per operation: the vector bucket reduction's step.
__attribute__((target("avx512f,avx512ifma"))) void ifma_add_chain(int chain, ifma::Projective8& acc,
                                                                  const ifma::Projective8& q) {
  for (int i = 0; i < chain; ++i) acc = ifma::add(acc, q);
}

__attribute__((target("avx512f,avx512ifma"))) ifma::Fp8 ifma_lanes(hwbench::Rng& rng) {
  std::vector<Fp> values(8);
  for (auto& v : values) v = random_fp(rng);
  ifma::PackedFp packed[8];
  ifma::pack(values, packed);
  return ifma::load_lanes(packed);
}

void BM_FpMulIfma(benchmark::State& state) {
  if (!ifma::available()) return state.SkipWithError("this CPU lacks AVX-512 IFMA");
  hwbench::Rng rng(5);
  ifma::Fp8 a = ifma_lanes(rng), c = ifma_lanes(rng);
  const ifma::Fp8 b = ifma_lanes(rng);
  for (auto _ : state) {
    ifma_mul_chains(kChain, a, c, b);
    benchmark::DoNotOptimize(a);
    benchmark::DoNotOptimize(c);
  }
  state.SetItemsProcessed(state.iterations() * kChain * 2 * 8);
}

void BM_G1AddIfma(benchmark::State& state) {
  if (!ifma::available()) return state.SkipWithError("this CPU lacks AVX-512 IFMA");
  hwbench::Rng rng(6);
  ifma::Projective8 acc{ifma_lanes(rng), ifma_lanes(rng), ifma_lanes(rng)};
  const ifma::Projective8 q{ifma_lanes(rng), ifma_lanes(rng), ifma_lanes(rng)};
  for (auto _ : state) {
    ifma_add_chain(kChain, acc, q);
    benchmark::DoNotOptimize(acc);
  }
  state.SetItemsProcessed(state.iterations() * kChain * 8);
}
#endif

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

#if defined(HWBENCH_WITH_CUDA)
using hwbench::bench::DeviceOp;
constexpr std::uint32_t kDeviceChain = 64;

void BM_Device(benchmark::State& state, DeviceOp op, std::uint32_t threads) {
  if (const std::string why = hwbench::bench::device_unavailable_reason(); !why.empty()) {
    state.SkipWithError(("device benchmarks skipped: " + why).c_str());
    return;
  }
  for (auto _ : state) state.SetIterationTime(hwbench::bench::time_device_ops(op, threads, kDeviceChain));
  state.SetItemsProcessed(state.iterations() * std::int64_t{threads} * kDeviceChain);
}

constexpr std::uint32_t kMany = 1u << 17, kOne = 1;
BENCHMARK_CAPTURE(BM_Device, FpMul_throughput, DeviceOp::fp_mul, kMany)->UseManualTime();
BENCHMARK_CAPTURE(BM_Device, FpSqr_throughput, DeviceOp::fp_sqr, kMany)->UseManualTime();
BENCHMARK_CAPTURE(BM_Device, FrMul_throughput, DeviceOp::fr_mul, kMany)->UseManualTime();
BENCHMARK_CAPTURE(BM_Device, G1AddAffine_throughput, DeviceOp::g1_add_affine, kMany)->UseManualTime();
BENCHMARK_CAPTURE(BM_Device, G1Add_throughput, DeviceOp::g1_add, kMany)->UseManualTime();
BENCHMARK_CAPTURE(BM_Device, G1Double_throughput, DeviceOp::g1_double, kMany)->UseManualTime();
BENCHMARK_CAPTURE(BM_Device, FpMul_latency, DeviceOp::fp_mul, kOne)->UseManualTime();
BENCHMARK_CAPTURE(BM_Device, FrMul_latency, DeviceOp::fr_mul, kOne)->UseManualTime();
BENCHMARK_CAPTURE(BM_Device, G1AddAffine_latency, DeviceOp::g1_add_affine, kOne)->UseManualTime();
BENCHMARK_CAPTURE(BM_Device, G1Add_latency, DeviceOp::g1_add, kOne)->UseManualTime();
#endif

BENCHMARK(BM_FpMul);
BENCHMARK(BM_FrMul);
BENCHMARK(BM_FpSqr);
BENCHMARK_CAPTURE(BM_FpInversion, almost_inverse, &Fp::inverse);
BENCHMARK_CAPTURE(BM_FpInversion, fermat, &Fp::inverse_by_fermat);
#if defined(__x86_64__)
BENCHMARK(BM_FpMulIfma);
BENCHMARK(BM_G1AddIfma);
#endif
BENCHMARK(BM_G1AddAffine);
BENCHMARK(BM_G1Add);
BENCHMARK(BM_G1Double);

}  // namespace

BENCHMARK_MAIN();
