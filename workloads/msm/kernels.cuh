#pragma once

// Pippenger on the device, one window size c for all windows:
//   digits_kernel      signed digit of every (point, window) -> (bucket key, point index | sign)
//   (CUB radix sort by key, run-length encode: the points of each non-empty bucket are contiguous)
//   segment kernels    each bucket cut into segments of at most S points, so that one huge bucket
//                      (the top window's, or equal scalars) still spreads over many threads
//   accumulate_kernel  one thread per segment: mixed additions of its points
//   tree_kernel        pairwise sums of each bucket's segments, log2(most segments) launches
//   store_kernel       each bucket's sum into its slot
//   ranges_kernel      one thread per (window, range of buckets): sum_b (b + 1) bucket_b over its range
//   halve_kernel       pairwise sums of the range results, log2(ranges) launches per MSM
// The windows' sums are combined on the host (c doublings each).
//
// With precomputed shifted bases (table[w n + i] = [2^(w c)] P_i, precompute.cu), every window
// shares one set of 2^(c-1) buckets: the reduction runs once and nothing is left to combine.
#include <cstdint>

#include "workloads/bls12_381/fp_device.cuh"
#include "workloads/bls12_381/xyzz.hpp"

namespace hwbench::msm::kernels {

using Fp = bls12_381::device::Fp;
using Affine = bls12_381::device::Affine;
using Point = bls12_381::Xyzz<Fp>;

constexpr unsigned kThreads = 128;        // field-heavy kernels: many registers per thread
constexpr unsigned kDigitThreads = 256;
constexpr unsigned kSignBit = 0x80000000u;

struct DigitOffsets {
  std::uint32_t limb[10];  // digit_offsets() as 32-bit limbs
};

// shared: all windows use one bucket set and the value indexes the shifted-bases table.
__global__ void digits_kernel(const std::uint32_t* __restrict__ scalars, std::uint32_t n, unsigned c,
                              unsigned windows, bool shared, DigitOffsets offsets, std::uint32_t* __restrict__ keys,
                              std::uint32_t* __restrict__ values) {
  const std::uint32_t i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  std::uint32_t t[10];
  std::uint64_t carry = 0;
#pragma unroll
  for (int k = 0; k < 10; ++k) {
    const std::uint64_t s = (k < 8 ? scalars[8 * static_cast<std::size_t>(i) + k] : 0u) +
                            static_cast<std::uint64_t>(offsets.limb[k]) + carry;
    t[k] = static_cast<std::uint32_t>(s);
    carry = s >> 32;
  }
  const std::uint32_t half = 1u << (c - 1);
  const std::uint32_t none = shared ? half : windows * half;  // sorts after every bucket; ignored later
  for (unsigned w = 0; w < windows; ++w) {
    const unsigned bit = w * c, limb = bit / 32, shift = bit % 32;
    std::uint64_t pair = t[limb];
    if (limb + 1 < 10) pair |= static_cast<std::uint64_t>(t[limb + 1]) << 32;
    const int digit = static_cast<int>((pair >> shift) & ((1u << c) - 1)) - static_cast<int>(half);
    const std::size_t slot = static_cast<std::size_t>(w) * n + i;
    const std::uint32_t point = shared ? static_cast<std::uint32_t>(slot) : i;
    if (digit == 0) {
      keys[slot] = none;
      values[slot] = point;
    } else {
      const std::uint32_t magnitude = static_cast<std::uint32_t>(digit < 0 ? -digit : digit);
      keys[slot] = (shared ? 0u : w * half) + magnitude - 1;
      values[slot] = point | (digit < 0 ? kSignBit : 0u);
    }
  }
}

// segment_counts[r] = ceil(count / S) for real buckets, 0 for the "no bucket" run.
__global__ void segment_counts_kernel(const std::uint32_t* __restrict__ unique, const std::uint32_t* __restrict__ counts,
                                      const std::uint32_t* __restrict__ runs, std::uint32_t buckets,
                                      std::uint32_t segment, std::uint32_t* __restrict__ segment_counts) {
  const std::uint32_t r = blockIdx.x * blockDim.x + threadIdx.x;
  if (r >= *runs) return;
  segment_counts[r] = unique[r] >= buckets ? 0 : (counts[r] + segment - 1) / segment;
}

__global__ void segment_owner_kernel(const std::uint32_t* __restrict__ segment_counts,
                                     const std::uint32_t* __restrict__ segment_offsets,
                                     const std::uint32_t* __restrict__ runs, std::uint32_t* __restrict__ owner) {
  const std::uint32_t r = blockIdx.x * blockDim.x + threadIdx.x;
  if (r >= *runs) return;
  for (std::uint32_t k = 0; k < segment_counts[r]; ++k) owner[segment_offsets[r] + k] = r;
}

__global__ void __launch_bounds__(kThreads) accumulate_kernel(
    const Affine* __restrict__ bases, const std::uint32_t* __restrict__ values,
    const std::uint32_t* __restrict__ offsets, const std::uint32_t* __restrict__ counts,
    const std::uint32_t* __restrict__ segment_offsets, const std::uint32_t* __restrict__ owner,
    std::uint32_t segments, std::uint32_t segment, Point* __restrict__ partials) {
  const std::uint32_t s = blockIdx.x * blockDim.x + threadIdx.x;
  if (s >= segments) return;
  const std::uint32_t r = owner[s];
  const std::uint32_t first = offsets[r] + (s - segment_offsets[r]) * segment;
  const std::uint32_t last = min(first + segment, offsets[r] + counts[r]);
  Point acc = Point::infinity();
  for (std::uint32_t k = first; k < last; ++k) {
    const std::uint32_t v = values[k];
    Affine p = bases[v & ~kSignBit];
    if ((v & kSignBit) != 0) p.y = -p.y;
    acc.add_affine(p);
  }
  partials[s] = acc;
}

// One level of the per-bucket tree: segment k of a bucket takes in segment k + stride when k is a
// multiple of 2 stride. After the levels, each bucket's sum is in its first segment.
__global__ void __launch_bounds__(kThreads) tree_kernel(Point* __restrict__ partials,
                                                        const std::uint32_t* __restrict__ owner,
                                                        const std::uint32_t* __restrict__ segment_offsets,
                                                        const std::uint32_t* __restrict__ segment_counts,
                                                        std::uint32_t segments, std::uint32_t stride) {
  const std::uint32_t s = blockIdx.x * blockDim.x + threadIdx.x;
  if (s >= segments) return;
  const std::uint32_t r = owner[s];
  const std::uint32_t k = s - segment_offsets[r];
  if (k % (2 * stride) != 0 || k + stride >= segment_counts[r]) return;
  Point a = partials[s];
  a.add(partials[s + stride]);
  partials[s] = a;
}

__global__ void store_kernel(const Point* __restrict__ partials, const std::uint32_t* __restrict__ unique,
                             const std::uint32_t* __restrict__ segment_offsets,
                             const std::uint32_t* __restrict__ segment_counts, const std::uint32_t* __restrict__ runs,
                             Point* __restrict__ buckets) {
  const std::uint32_t r = blockIdx.x * blockDim.x + threadIdx.x;
  if (r >= *runs || segment_counts[r] == 0) return;
  buckets[unique[r]] = partials[segment_offsets[r]];
}

// Thread (w, t) covers buckets [lo, lo + per_range) of window w: with running = their sum and
// acc = sum (b - lo + 1) bucket_b, its share of the window is acc + lo * running.
__global__ void __launch_bounds__(kThreads) ranges_kernel(const Point* __restrict__ buckets, unsigned windows,
                                                          std::uint32_t per_window, std::uint32_t ranges,
                                                          Point* __restrict__ out) {
  const std::uint32_t id = blockIdx.x * blockDim.x + threadIdx.x;
  if (id >= windows * ranges) return;
  const std::uint32_t w = id / ranges, t = id % ranges;
  const std::uint32_t per_range = per_window / ranges;
  const std::uint32_t lo = t * per_range;
  const Point* bucket = buckets + static_cast<std::size_t>(w) * per_window;
  Point running = Point::infinity(), acc = Point::infinity();
  for (std::uint32_t b = lo + per_range; b-- > lo;) {
    running.add(bucket[b]);
    acc.add(running);
  }
  Point scaled = Point::infinity();
  for (int bit = lo == 0 ? -1 : 31 - __clz(lo); bit >= 0; --bit) {
    scaled.double_in_place();
    if ((lo >> bit) & 1u) scaled.add(running);
  }
  acc.add(scaled);
  out[id] = acc;
}

// out[w * ranges + i] += out[w * ranges + i + stride] for i < stride.
__global__ void __launch_bounds__(kThreads) halve_kernel(Point* __restrict__ sums, unsigned windows,
                                                         std::uint32_t ranges, std::uint32_t stride) {
  const std::uint32_t id = blockIdx.x * blockDim.x + threadIdx.x;
  if (id >= windows * stride) return;
  const std::uint32_t w = id / stride, i = id % stride;
  Point a = sums[static_cast<std::size_t>(w) * ranges + i];
  a.add(sums[static_cast<std::size_t>(w) * ranges + i + stride]);
  sums[static_cast<std::size_t>(w) * ranges + i] = a;
}

}  // namespace hwbench::msm::kernels
