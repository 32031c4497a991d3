#pragma once

// Pippenger's bucket method on the CPU with signed digits: each c-bit window digit lies in
// [-2^(c-1), 2^(c-1) - 1], so a window needs 2^(c-1) buckets and a negative digit adds the negated base.
#include <array>
#include <cstdint>
#include <span>

#include "core/backend.hpp"
#include "workloads/bls12_381/g1.hpp"

namespace hwbench::msm {

struct PippengerPlan {
  unsigned window_bits = 1;  // c
  unsigned windows = 256;    // windows_for(c)
  std::size_t chunks = 1;    // point ranges per window, each with its own buckets (one task each)
  std::size_t batch = 0;     // affine buckets with this many additions per inversion; 0: XYZZ buckets
  bool vector = true;        // batches through AVX-512 IFMA where the CPU has it
  // Windows that share one set of batched buckets (one task): each point is read once per group.
  unsigned windows_per_task = 1;
};

// Chooses c, the split for n points over `workers` threads and the bucket kind by counting
// additions: per task, its points (at the cost of a mixed XYZZ addition, or of a batched affine one
// where a task has enough points and buckets to fill batches) plus about two additions per bucket
// for the running-sum reduction.
PippengerPlan plan_pippenger(std::size_t n, int workers);

// Windows of c bits needed for the signed digits of any scalar below r: ceil(256 / c), or one more
// when the digit offsets of the largest scalar would overflow the top window (c = 2).
unsigned windows_for(unsigned c);

// sum_{w < windows} 2^(c-1) 2^(w c) as 5 little-endian limbs: the plain c-bit windows of s + this,
// minus 2^(c-1), are the signed digits (the GPU kernel cuts them the same way).
std::array<std::uint64_t, 5> digit_offsets(unsigned c, unsigned windows);

// The signed digit of window `w` of scalar s: s = sum_w digit_w 2^(w c).
int signed_digit(const bls12_381::Scalar& s, unsigned w, unsigned c);

bls12_381::G1Xyzz pippenger(std::span<const bls12_381::G1Affine> bases,
                            std::span<const bls12_381::Scalar> scalars, const PippengerPlan& plan,
                            const Executor& executor);

// sum_w 2^(w c) window_sums[w] by Horner's rule (c doublings per window).
bls12_381::G1Xyzz combine_windows(std::span<const bls12_381::G1Xyzz> window_sums, unsigned c);

// The windows' bucket sums from bit planes (the CUDA reduction's output): for each window w,
// plane w c + k (k < c - 1) sums the buckets whose index b has bit k set, and plane w c + c - 1
// sums all of them, so the window's sum_b (b + 1) B_b = sum_k 2^k P_(w c + k) + P_(w c + c - 1).
// Each plane arrives as `per_plane` consecutive partial sums. Returns sum_w 2^(w c) of the windows'
// sums, by one Horner chain over the bit positions.
bls12_381::G1Xyzz combine_planes(std::span<const bls12_381::G1Xyzz> partials, std::size_t per_plane,
                                 unsigned c);

// Sum of [s_i] P_i one point at a time by double-and-add: the independent reference for small N.
bls12_381::G1Xyzz naive_msm(std::span<const bls12_381::G1Affine> bases,
                            std::span<const bls12_381::Scalar> scalars);

}  // namespace hwbench::msm
