#pragma once

// Pippenger on the device, one window size c for all windows:
//   digits_kernel      signed digit of every (point, window) -> (bucket key, point index | sign)
//   (CUB radix sort by key, run-length encode: the points of each non-empty bucket are contiguous)
//   segment kernels    each bucket cut into segments of at most S points, so that one huge bucket
//                      (the top window's, or equal scalars) still spreads over many threads
//   accumulate_kernel  one thread per segment: mixed additions of its points
//   tree_kernel        pairwise sums of each bucket's segments, log2(most segments) levels, one thread
//                      per addition (pair_counts_kernel and a scan place them)
//   store_kernel       each bucket's sum into its slot
//   chunk_kernel       bucket reduction, step 1: the low bit planes and totals of 4-bucket chunks
//   plane_sum_kernel   bucket reduction, step 2: each bit plane summed by block reductions
// The planes of all windows are combined on the host (Horner's rule over bit positions).
//
// With precomputed shifted bases (table[w n + i] = [2^(w c)] P_i, precompute.cu), every window
// shares one set of 2^(c-1) buckets: the reduction runs once and nothing is left to combine.
#include <cstdint>
#include <cub/block/block_reduce.cuh>

#include "workloads/bls12_381/field_device.cuh"
#include "workloads/bls12_381/xyzz.hpp"

namespace hwbench::msm::kernels {

using Fp = bls12_381::device::Fp;
using Affine = bls12_381::device::Affine;
using Point = bls12_381::Xyzz<Fp>;

constexpr unsigned kThreads = 128;  // field-heavy kernels: many registers per thread
constexpr unsigned kDigitThreads = 256;
constexpr unsigned kSignBit = 0x80000000u;

struct DigitOffsets {
  std::uint32_t limb[10];  // digit_offsets() as 32-bit limbs
};

// shared: all windows use one bucket set and the value indexes the shifted-bases table.
__global__ void digits_kernel(const std::uint32_t* __restrict__ scalars, std::uint32_t n, unsigned c,
                              unsigned windows, bool shared, DigitOffsets offsets,
                              std::uint32_t* __restrict__ keys, std::uint32_t* __restrict__ values) {
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
__global__ void segment_counts_kernel(const std::uint32_t* __restrict__ unique,
                                      const std::uint32_t* __restrict__ counts,
                                      const std::uint32_t* __restrict__ runs, std::uint32_t buckets,
                                      std::uint32_t segment, std::uint32_t* __restrict__ segment_counts) {
  const std::uint32_t r = blockIdx.x * blockDim.x + threadIdx.x;
  if (r >= *runs) return;
  segment_counts[r] = unique[r] >= buckets ? 0 : (counts[r] + segment - 1) / segment;
}

__global__ void segment_owner_kernel(const std::uint32_t* __restrict__ segment_counts,
                                     const std::uint32_t* __restrict__ segment_offsets,
                                     const std::uint32_t* __restrict__ runs,
                                     std::uint32_t* __restrict__ owner) {
  const std::uint32_t r = blockIdx.x * blockDim.x + threadIdx.x;
  if (r >= *runs) return;
  for (std::uint32_t k = 0; k < segment_counts[r]; ++k) owner[segment_offsets[r] + k] = r;
}

__global__ void __launch_bounds__(kThreads)
    accumulate_kernel(const Affine* __restrict__ bases, const std::uint32_t* __restrict__ values,
                      const std::uint32_t* __restrict__ offsets, const std::uint32_t* __restrict__ counts,
                      const std::uint32_t* __restrict__ segment_offsets,
                      const std::uint32_t* __restrict__ owner, std::uint32_t segments, std::uint32_t segment,
                      Point* __restrict__ partials) {
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

// Additions bucket r takes at one level of its segment tree: segment k takes in segment k + stride
// for k a multiple of 2 stride, while k + stride is one of its segments.
__global__ void pair_counts_kernel(const std::uint32_t* __restrict__ segment_counts,
                                   const std::uint32_t* __restrict__ runs, std::uint32_t stride,
                                   std::uint32_t* __restrict__ pairs) {
  const std::uint32_t r = blockIdx.x * blockDim.x + threadIdx.x;
  if (r >= *runs) return;
  const std::uint32_t n = segment_counts[r];
  pairs[r] = n > stride ? (n - stride + 2 * stride - 1) / (2 * stride) : 0;
}

// One level of the per-bucket trees, one thread per addition (a thread per segment left most lanes
// idle from the second level on, and every level cost as much as the first): pair_ends, the running
// sums of pair_counts_kernel's counts, says whose addition thread t is. After the levels, each bucket's
// sum is in its first segment.
__global__ void __launch_bounds__(kThreads)
    tree_kernel(Point* __restrict__ partials, const std::uint32_t* __restrict__ pair_ends,
                const std::uint32_t* __restrict__ segment_offsets, const std::uint32_t* __restrict__ runs,
                std::uint32_t stride) {
  const std::uint32_t t = blockIdx.x * blockDim.x + threadIdx.x;
  const std::uint32_t n = *runs;
  if (n == 0 || t >= pair_ends[n - 1]) return;
  std::uint32_t lo = 0, hi = n - 1;  // the first bucket whose pairs end past t
  while (lo < hi) {
    const std::uint32_t mid = (lo + hi) / 2;
    if (pair_ends[mid] > t) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  const std::uint32_t first = lo == 0 ? 0 : pair_ends[lo - 1];
  const std::uint32_t s = segment_offsets[lo] + (t - first) * 2 * stride;
  Point a = partials[s];
  a.add(partials[s + stride]);
  partials[s] = a;
}

__global__ void store_kernel(const Point* __restrict__ partials, const std::uint32_t* __restrict__ unique,
                             const std::uint32_t* __restrict__ segment_offsets,
                             const std::uint32_t* __restrict__ segment_counts,
                             const std::uint32_t* __restrict__ runs, Point* __restrict__ buckets) {
  const std::uint32_t r = blockIdx.x * blockDim.x + threadIdx.x;
  if (r >= *runs || segment_counts[r] == 0) return;
  buckets[unique[r]] = partials[segment_offsets[r]];
}

// Bucket reduction by bit planes: sum_b (b + 1) B_b = sum_k 2^k P_k + sum_b B_b, where P_k sums the
// buckets whose index has bit k set. Every plane is a wide, shallow reduction (no thread walks
// a long chain of additions), and the planes are combined on the host by Horner's rule.
//
// chunk_kernel: thread (w, g) reads the window's buckets 4g .. 4g + 3 and writes the low planes'
// shares (bits 0 and 1 of b: x1 + x3 and x2 + x3) and the chunk's total, which makes up the
// higher planes (bit k of b = bit k - 2 of g) and the plane of all buckets.
__global__ void __launch_bounds__(kThreads)
    chunk_kernel(const Point* __restrict__ buckets, unsigned windows, std::uint32_t per_window,
                 Point* __restrict__ low0, Point* __restrict__ low1, Point* __restrict__ totals) {
  const std::uint32_t chunks = per_window / 4;
  const std::uint32_t id = blockIdx.x * blockDim.x + threadIdx.x;
  if (id >= windows * chunks) return;
  const std::uint32_t w = id / chunks, g = id % chunks;
  const Point* b = buckets + static_cast<std::size_t>(w) * per_window + 4 * g;
  Point odd = b[1];
  odd.add(b[3]);
  Point high = b[2];
  high.add(b[3]);
  Point total = b[0];
  total.add(b[2]);
  total.add(odd);
  low0[id] = odd;
  low1[id] = high;
  totals[id] = total;
}

// Planes per window for c-bit windows: bits 0 .. c - 2 of the bucket index, then all buckets.
__host__ __device__ constexpr unsigned planes_for(unsigned c) { return c; }

struct PointSum {
  __device__ Point operator()(Point a, const Point& b) const {
    a.add(b);
    return a;
  }
};

// One pass of the plane sums: block (x, q, w) adds up to `per_thread` kThreads consecutive members of
// plane q of window w (each thread per_thread of them, strided by kThreads, then a block reduction)
// into out[(w planes + q) out_stride + x]. The first pass (kFromChunks) finds the members in
// chunk_kernel's arrays; later passes read the previous pass's contiguous partial sums.
template <bool kFromChunks>
__global__ void __launch_bounds__(kThreads)
    plane_sum_kernel(const Point* __restrict__ low0, const Point* __restrict__ low1,
                     const Point* __restrict__ totals, std::uint32_t chunks, unsigned planes,
                     std::uint32_t in_stride, std::uint32_t per_thread, Point* __restrict__ out,
                     std::uint32_t out_stride) {
  using BlockReduce = cub::BlockReduce<Point, kThreads>;
  __shared__ typename BlockReduce::TempStorage scratch;
  const unsigned q = blockIdx.y, w = blockIdx.z;
  // Members of this plane, and where member i lives.
  std::uint32_t members;
  if (kFromChunks) {
    members = (q < 2 || q + 1 == planes) ? chunks : chunks / 2;
  } else {
    members = in_stride;
  }
  auto member = [&](std::uint32_t i) -> const Point& {
    if (!kFromChunks) return totals[(static_cast<std::size_t>(w) * planes + q) * in_stride + i];
    const std::size_t base = static_cast<std::size_t>(w) * chunks;
    if (q == 0) return low0[base + i];
    if (q == 1) return low1[base + i];
    if (q + 1 == planes) return totals[base + i];
    const unsigned s = q - 2;  // bit s of the chunk index
    const std::uint32_t g = ((i >> s) << (s + 1)) | (1u << s) | (i & ((1u << s) - 1));
    return totals[base + g];
  };
  const std::size_t slot = (static_cast<std::size_t>(w) * planes + q) * out_stride + blockIdx.x;
  const std::uint32_t first = blockIdx.x * per_thread * kThreads;
  if (first >= members) {  // a plane shorter than the grid: an empty partial sum
    if (threadIdx.x == 0) out[slot] = Point::infinity();
    return;
  }
  const std::uint32_t last = min(members, first + per_thread * kThreads);
  Point sum = Point::infinity();
  for (std::uint32_t i = first + threadIdx.x; i < last; i += kThreads) sum.add(member(i));
  const Point block_sum = BlockReduce(scratch).Reduce(sum, PointSum());
  if (threadIdx.x == 0) out[slot] = block_sum;
}

}  // namespace hwbench::msm::kernels
