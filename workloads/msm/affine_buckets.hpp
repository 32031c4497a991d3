#pragma once

// Pippenger buckets kept in affine coordinates and filled by batches of additions that share one
// field inversion (Montgomery's trick). An affine addition P + Q needs 1 / (x_Q - x_P); for a
// batch of k additions into k different buckets the k inverses cost one inversion and 3 (k - 1)
// multiplications, so an addition costs about 6 multiplications (5 + 1 squaring) plus the
// inversion's share, against 10 for a mixed XYZZ addition.
//
// A point whose bucket already has an addition waiting in the batch is queued for a later batch.
// When the queue is full (many points in a few buckets: skewed digits, equal scalars) the point goes
// to a second, XYZZ bucket of the same index, so skew costs no more than the XYZZ method. Equal x
// coordinates are resolved exactly: P + (-P) empties the bucket, P + P goes to the XYZZ bucket.
//
// Point is the host's G1Affine, or PackedAffine for the AVX-512 IFMA batches (eight additions per
// vector operation; the caller checks bls12_381::ifma::available()).
#include <cstdint>
#include <span>
#include <vector>

#include "workloads/bls12_381/fp_ifma.hpp"
#include "workloads/bls12_381/g1.hpp"

namespace hwbench::msm {

template <class Point>
struct PendingAdd {
  std::uint32_t index;
  Point point;
};

// The batch's additions bucket[index] += point, one inversion for all (no equal x coordinates).
void add_batch(std::span<bls12_381::G1Affine> buckets,
               std::span<const PendingAdd<bls12_381::G1Affine>> batch);
void add_batch(std::span<bls12_381::ifma::PackedAffine> buckets,
               std::span<const PendingAdd<bls12_381::ifma::PackedAffine>> batch);

template <class Point>
class AffineBuckets {
 public:
  // `batch`: additions per shared inversion (also the queue's capacity).
  AffineBuckets(std::size_t buckets, std::size_t batch);

  // bucket[index] += p (p finite).
  void add(std::size_t index, const Point& p);

  // Completes every pending addition; call before weighted_sum().
  void finish();

  // sum_b (b + 1) * bucket[b], by running sums from the top bucket down.
  bls12_381::G1Xyzz weighted_sum() const;

 private:
  using Pending = PendingAdd<Point>;

  // Puts p into the batch, the queue, the bucket itself or the overflow list; never computes a batch.
  void place(std::size_t index, const Point& p);
  // Runs the batch's additions, then moves the queue into the next batch.
  void flush();
  void compute_batch();
  // Adds the overflow list into the XYZZ buckets.
  void drain_overflow();

  std::size_t m_capacity;
  std::vector<Point> m_buckets;
  std::vector<bls12_381::G1Xyzz> m_overflow;
  std::vector<std::uint8_t> m_busy;
  std::vector<Pending> m_batch;
  std::vector<Pending> m_queue;
  std::vector<Pending> m_retry;
  std::vector<Pending> m_overflow_list;
};

extern template class AffineBuckets<bls12_381::G1Affine>;
extern template class AffineBuckets<bls12_381::ifma::PackedAffine>;

}  // namespace hwbench::msm
