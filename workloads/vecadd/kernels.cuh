#pragma once

#include <cstddef>

namespace hwbench::vecadd::kernels {

// Enough blocks to fill the GPU several times over; each thread moves 16-byte vectors over a grid stride.
constexpr unsigned kThreadsPerBlock = 256;
constexpr unsigned kBlocksPerSm = 8;

__global__ void add_kernel(const float* __restrict__ a, const float* __restrict__ b, float* __restrict__ c,
                           std::size_t n) {
  const std::size_t stride = static_cast<std::size_t>(gridDim.x) * blockDim.x;
  const std::size_t first = static_cast<std::size_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  const std::size_t vectors = n / 4;
  const auto* a4 = reinterpret_cast<const float4*>(a);
  const auto* b4 = reinterpret_cast<const float4*>(b);
  auto* c4 = reinterpret_cast<float4*>(c);
  for (std::size_t i = first; i < vectors; i += stride) {
    const float4 x = __ldcs(a4 + i);
    const float4 y = __ldcs(b4 + i);
    __stcs(c4 + i, make_float4(x.x + y.x, x.y + y.y, x.z + y.z, x.w + y.w));
  }
  for (std::size_t i = vectors * 4 + first; i < n; i += stride) c[i] = a[i] + b[i];
}

}  // namespace hwbench::vecadd::kernels
