#pragma once

// Pippenger buckets kept in affine coordinates and filled by batches of additions that share one
// field inversion (Montgomery's trick). An affine addition P + Q needs 1 / (x_Q - x_P); for a
// batch of k additions into k different buckets the k inverses cost one inversion and 3 (k - 1)
// multiplications, so an addition costs about 6 multiplications (5 + 1 squaring) plus the
// inversion's share, against 10 for a mixed XYZZ addition.
//
// A point whose bucket already has an addition waiting in the batch is queued for a later batch.
// When the queue is full (many points in a few buckets: skewed digits, equal scalars) the point is
// added at once to a second, XYZZ bucket of the same index, so skew costs no more than the XYZZ
// method. Equal x coordinates are resolved exactly: P + P doubles (denominator 2y), P + (-P) empties
// the bucket.
#include <cstdint>
#include <vector>

#include "workloads/bls12_381/g1.hpp"

namespace hwbench::msm {

class AffineBuckets {
 public:
  // `batch`: additions per shared inversion (also the queue's capacity).
  AffineBuckets(std::size_t buckets, std::size_t batch);

  // bucket[index] += p (p finite).
  void add(std::size_t index, const bls12_381::G1Affine& p);

  // Completes every pending addition; call before weighted_sum().
  void finish();

  // sum_b (b + 1) * bucket[b], by running sums from the top bucket down.
  bls12_381::G1Xyzz weighted_sum() const;

 private:
  struct Pending {
    std::uint32_t index;
    bls12_381::G1Affine point;
  };

  // Puts p into the batch, the queue, the bucket itself or the overflow bucket; never computes a batch.
  void place(std::size_t index, const bls12_381::G1Affine& p);
  // Runs the batch's additions with one inversion, then moves the queue into the next batch.
  void flush();
  void compute_batch();
  // x_p - x_bucket, or 2 y_bucket when p equals the bucket (a doubling).
  bls12_381::Fp denominator(const Pending& item) const;

  std::size_t m_capacity;
  std::vector<bls12_381::G1Affine> m_buckets;
  std::vector<bls12_381::G1Xyzz> m_overflow;
  std::vector<std::uint8_t> m_busy;
  std::vector<Pending> m_batch;
  std::vector<Pending> m_queue;
  std::vector<Pending> m_retry;
  std::vector<bls12_381::Fp> m_prefix;
};

}  // namespace hwbench::msm
