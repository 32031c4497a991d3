#pragma once

// One pass of the GPU NTT: every block loads sub-transforms of m = 2^log_m elements into shared
// memory (bit-reversed), runs the radix-2 decimation-in-time stages there, optionally multiplies
// output t of sub-transform s by post[(s * t) mod n], and stores them. Where elements come from and
// go to is an affine index map, so the same kernel serves the column pass and the row pass of the
// four-step transform (see cuda.cu).
//
// Shared memory holds each element as two uint4 halves in separate arrays, so that eight threads
// touching consecutive elements cover all 32 banks once.
#include <cstddef>
#include <cstdint>

#include "workloads/bls12_381/field_device.cuh"

namespace hwbench::ntt::kernels {

using Fr = bls12_381::device::Fr;

// Threads per block: a quarter of the block's elements, from 256 to 1024, so that blocks of the
// largest sub-transforms (2^12 elements, 128 KiB of shared memory, one block per SM) still bring
// 32 warps. Each block holds at least kMinBlockElements elements (short sub-transforms share one).
constexpr unsigned kMinThreads = 256;
constexpr unsigned kMaxThreads = 1024;
constexpr unsigned kMinBlockElements = 2 * kMinThreads;
constexpr unsigned kMaxLogSub = 12;

struct PassShape {
  unsigned log_m = 0;                // sub-transform size 2^log_m
  unsigned per_block = 1;            // sub-transforms per block
  std::size_t count = 0;             // sub-transforms in all
  std::size_t in_s = 0, in_t = 0;    // element t of sub-transform s is in[s * in_s + t * in_t]
  std::size_t out_s = 0, out_t = 0;  // ... and goes to out[s * out_s + t * out_t]
  std::size_t post_mask = 0;         // n - 1: post-multiplier index mask
};

__device__ __forceinline__ Fr load(const Fr* p) {
  const uint4* q = reinterpret_cast<const uint4*>(p);
  const uint4 lo = __ldg(q), hi = __ldg(q + 1);
  return Fr{{lo.x, lo.y, lo.z, lo.w, hi.x, hi.y, hi.z, hi.w}};
}

__device__ __forceinline__ void store(Fr* p, const Fr& v) {
  uint4* q = reinterpret_cast<uint4*>(p);
  q[0] = make_uint4(v.v[0], v.v[1], v.v[2], v.v[3]);
  q[1] = make_uint4(v.v[4], v.v[5], v.v[6], v.v[7]);
}

struct SharedElements {
  uint4* lo;
  uint4* hi;
  __device__ Fr get(unsigned i) const {
    const uint4 a = lo[i], b = hi[i];
    return Fr{{a.x, a.y, a.z, a.w, b.x, b.y, b.z, b.w}};
  }
  __device__ void set(unsigned i, const Fr& v) const {
    lo[i] = make_uint4(v.v[0], v.v[1], v.v[2], v.v[3]);
    hi[i] = make_uint4(v.v[4], v.v[5], v.v[6], v.v[7]);
  }
};

// twiddles: stage table of the sub-transform size (entry h + j = w_2h^j); post: n-entry table or
// unused when !kPost. Dynamic shared memory: per_block << log_m elements of 32 bytes.
template <bool kPost>
__global__ void __launch_bounds__(kMaxThreads)
    pass_kernel(const Fr* __restrict__ in, Fr* __restrict__ out, PassShape shape,
                const Fr* __restrict__ twiddles, const Fr* __restrict__ post) {
  extern __shared__ uint4 shared[];
  const unsigned m = 1u << shape.log_m;
  const unsigned elements = shape.per_block * m;
  const SharedElements smem{shared, shared + elements};
  const std::size_t first = static_cast<std::size_t>(blockIdx.x) * shape.per_block;

  for (unsigned i = threadIdx.x; i < elements; i += blockDim.x) {
    const unsigned u = i >> shape.log_m;
    const unsigned t = i & (m - 1);
    const std::size_t s = first + u;
    if (s >= shape.count) break;
    const unsigned r = __brev(t) >> (32 - shape.log_m);
    smem.set(u * m + r, load(in + s * shape.in_s + t * shape.in_t));
  }
  __syncthreads();

  const unsigned half_m = m / 2;
  const unsigned butterflies = shape.per_block * half_m;
  // First stage: twiddles all 1.
  for (unsigned q = threadIdx.x; q < butterflies; q += blockDim.x) {
    const unsigned i0 = 2 * q;
    const Fr a = smem.get(i0), b = smem.get(i0 + 1);
    smem.set(i0, a + b);
    smem.set(i0 + 1, a - b);
  }
  for (unsigned h = 2; h < m; h *= 2) {
    __syncthreads();
    for (unsigned q = threadIdx.x; q < butterflies; q += blockDim.x) {
      const unsigned u = q / half_m;
      const unsigned r = q & (half_m - 1);
      const unsigned j = r & (h - 1);
      const unsigned i0 = u * m + (r - j) * 2 + j;
      const Fr t = smem.get(i0 + h) * load(twiddles + h + j);
      const Fr a = smem.get(i0);
      smem.set(i0, a + t);
      smem.set(i0 + h, a - t);
    }
  }
  __syncthreads();

  for (unsigned i = threadIdx.x; i < elements; i += blockDim.x) {
    const unsigned u = i >> shape.log_m;
    const unsigned t = i & (m - 1);
    const std::size_t s = first + u;
    if (s >= shape.count) break;
    Fr v = smem.get(i);
    if constexpr (kPost) v = v * load(post + ((s * t) & shape.post_mask));
    store(out + s * shape.out_s + t * shape.out_t, v);
  }
}

}  // namespace hwbench::ntt::kernels
