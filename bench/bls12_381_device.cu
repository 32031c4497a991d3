#include <cuda_runtime.h>

#include "backends/cuda/error.hpp"
#include "backends/cuda/memory.hpp"
#include "backends/cuda/stream.hpp"
#include "bench/bls12_381_device.hpp"
#include "workloads/bls12_381/field_device.cuh"
#include "workloads/bls12_381/g1.hpp"
#include "workloads/bls12_381/xyzz.hpp"

namespace hwbench::bench {
namespace {

using Fp = bls12_381::device::Fp;
using Fr = bls12_381::device::Fr;
using Affine = bls12_381::device::Affine;
using Point = bls12_381::Xyzz<Fp>;

constexpr unsigned kThreads = 128;

// Each thread starts from the generator (or its coordinates), varied by the thread index so that no
// two threads compute the same values, and writes its last value so nothing is optimized away.
template <DeviceOp kOp>
__global__ void __launch_bounds__(kThreads)
    chain_kernel(Affine g, std::uint32_t threads, std::uint32_t chain, Point* __restrict__ sink) {
  const std::uint32_t id = blockIdx.x * blockDim.x + threadIdx.x;
  if (id >= threads) return;
  Fp seed = g.x;
  seed.v[0] ^= id;  // still below p: only low bits change
  if constexpr (kOp == DeviceOp::fp_mul || kOp == DeviceOp::fp_sqr) {
    Fp a = seed;
    const Fp b = g.y;
#pragma unroll 1
    for (std::uint32_t i = 0; i < chain; ++i) a = kOp == DeviceOp::fp_mul ? a * b : a.squared();
    sink[id].x = a;
  } else if constexpr (kOp == DeviceOp::fr_mul) {
    Fr a, b;
#pragma unroll
    for (int i = 0; i < Fr::kLimbs; ++i) {
      a.v[i] = seed.v[i];
      b.v[i] = g.y.v[i];
    }
    a.v[Fr::kLimbs - 1] &= 0x3fffffff;  // below 2^254 < r
    b.v[Fr::kLimbs - 1] &= 0x3fffffff;
#pragma unroll 1
    for (std::uint32_t i = 0; i < chain; ++i) a = a * b;
#pragma unroll
    for (int i = 0; i < Fr::kLimbs; ++i) sink[id].x.v[i] = a.v[i];
  } else {
    // acc = 2G, then G added (3G, 4G, ...) or acc doubled: never the doubling or infinity branch of add.
    Point acc = Point::doubled_affine(g);
    const Point q = Point::from_affine(g);
    // Scaled per thread: no longer a curve point, which timing does not need; the branches of the
    // formulas (equal x, infinity) stay untaken.
    acc.x = acc.x * seed;
    acc.zz = acc.zz * seed;
#pragma unroll 1
    for (std::uint32_t i = 0; i < chain; ++i) {
      if constexpr (kOp == DeviceOp::g1_add_affine) acc.add_affine(g);
      if constexpr (kOp == DeviceOp::g1_add) acc.add(q);
      if constexpr (kOp == DeviceOp::g1_double) acc.double_in_place();
    }
    sink[id] = acc;
  }
}

template <DeviceOp kOp>
void launch(Affine g, std::uint32_t threads, std::uint32_t chain, Point* sink, cudaStream_t stream) {
  chain_kernel<kOp><<<(threads + kThreads - 1) / kThreads, kThreads, 0, stream>>>(g, threads, chain, sink);
  HWBENCH_CUDA_CHECK_LAUNCH();
}

Affine device_generator() {
  const auto& g = bls12_381::g1_generator();
  Affine out;
  for (int i = 0; i < 6; ++i) {
    for (int half = 0; half < 2; ++half) {
      out.x.v[2 * i + half] = static_cast<std::uint32_t>(g.x.montgomery()[i] >> (32 * half));
      out.y.v[2 * i + half] = static_cast<std::uint32_t>(g.y.montgomery()[i] >> (32 * half));
    }
  }
  return out;
}

}  // namespace

std::string device_unavailable_reason() {
  int count = 0;
  const cudaError_t status = cudaGetDeviceCount(&count);
  if (status != cudaSuccess) return std::string("no usable CUDA device: ") + cudaGetErrorString(status);
  if (count == 0) return "no CUDA device";
  return {};
}

double time_device_ops(DeviceOp op, std::uint32_t threads, std::uint32_t chain) {
  static const Affine g = device_generator();
  cuda::Stream stream;
  cuda::DeviceBuffer<Point> sink(threads);
  auto run = [&] {
    switch (op) {
      case DeviceOp::fp_mul:
        launch<DeviceOp::fp_mul>(g, threads, chain, sink.data(), stream);
        break;
      case DeviceOp::fp_sqr:
        launch<DeviceOp::fp_sqr>(g, threads, chain, sink.data(), stream);
        break;
      case DeviceOp::fr_mul:
        launch<DeviceOp::fr_mul>(g, threads, chain, sink.data(), stream);
        break;
      case DeviceOp::g1_add_affine:
        launch<DeviceOp::g1_add_affine>(g, threads, chain, sink.data(), stream);
        break;
      case DeviceOp::g1_add:
        launch<DeviceOp::g1_add>(g, threads, chain, sink.data(), stream);
        break;
      case DeviceOp::g1_double:
        launch<DeviceOp::g1_double>(g, threads, chain, sink.data(), stream);
        break;
    }
  };
  run();  // warm-up: module load, clocks
  cuda::EventTimer timer(stream);
  timer.start();
  run();
  return timer.stop();
}

}  // namespace hwbench::bench
