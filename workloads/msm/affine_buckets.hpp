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

// bucket[bucket] += points[point], or -= when `negate` (a negative digit).
struct PendingAdd {
  std::uint32_t bucket;
  std::uint32_t point;
  bool negate;
};

// The batch's additions, one inversion for all (no two in one bucket, no equal x coordinates).
void add_batch(std::span<bls12_381::G1Affine> buckets, std::span<const bls12_381::G1Affine> points,
               std::span<const PendingAdd> batch);
void add_batch(std::span<bls12_381::ifma::PackedAffine> buckets,
               std::span<const bls12_381::ifma::PackedAffine> points, std::span<const PendingAdd> batch);

// sum_b (b + 1) buckets[b] with AVX-512 IFMA, eight segments of the buckets reduced at once
// (bucket_sum_ifma.cpp). Requires ifma::available() and a bucket count that is a multiple of 8.
bls12_381::G1Xyzz weighted_sum_ifma(std::span<const bls12_381::ifma::PackedAffine> buckets);

// [k] p by double-and-add.
bls12_381::G1Xyzz times(bls12_381::G1Xyzz p, std::uint64_t k);

template <class Point>
class AffineBuckets {
 public:
  // `batch`: additions per shared inversion (also the queue's capacity). `points` are the window's
  // bases, which the buckets refer to by position until their additions run.
  AffineBuckets(std::size_t buckets, std::size_t batch, std::span<const Point> points);

  // bucket[index] += points[point], negated when `negate` (points[point] finite).
  void add(std::size_t index, std::size_t point, bool negate);

  // Completes every pending addition; call before weighted_sum().
  void finish();

  // sum_b (b + 1) * bucket[first + b] over b < count, by running sums from the top bucket down (the
  // buckets of one window, where several windows share this object).
  bls12_381::G1Xyzz weighted_sum(std::size_t first, std::size_t count) const;

 private:
  using Pending = PendingAdd;

  // Puts the addition into the batch, the queue, the bucket itself or the overflow list; never
  // computes a batch.
  void place(const Pending& item);
  void to_overflow(const Pending& item);
  // Runs the batch's additions, then moves the queue into the next batch.
  void flush();
  void compute_batch();
  // Adds the overflow list into the XYZZ buckets.
  void drain_overflow();
  // sum_b (b + 1) overflow[first + b] over b < count.
  bls12_381::G1Xyzz overflow_weighted_sum(std::size_t first, std::size_t count) const;

  std::size_t m_capacity;
  std::span<const Point> m_points;
  std::vector<Point> m_buckets;
  std::vector<bls12_381::G1Xyzz> m_overflow;  // XYZZ buckets, allocated when the first point overflows
  std::vector<std::uint8_t> m_busy;           // an addition into the bucket waits in the batch
  std::vector<std::uint8_t> m_empty;          // the bucket is the point at infinity
  std::vector<std::uint64_t> m_x_tag;         // x_tag() of the bucket's x
  std::vector<Pending> m_batch;
  std::vector<Pending> m_queue;
  std::vector<Pending> m_retry;
  std::vector<Pending> m_overflow_list;
};

extern template class AffineBuckets<bls12_381::G1Affine>;
extern template class AffineBuckets<bls12_381::ifma::PackedAffine>;

}  // namespace hwbench::msm
