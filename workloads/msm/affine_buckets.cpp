#include "workloads/msm/affine_buckets.hpp"

#include <bit>
#include <type_traits>
#include <utility>

namespace hwbench::msm {

using bls12_381::Fp;
using bls12_381::G1Affine;
using bls12_381::G1Xyzz;
using bls12_381::ifma::PackedAffine;

namespace {

// Host points for the XYZZ side (the overflow buckets and the final reduction).
void to_host(std::span<const G1Affine> in, std::span<G1Affine> out) {
  std::copy(in.begin(), in.end(), out.begin());
}
void to_host(std::span<const PackedAffine> in, std::span<G1Affine> out) { bls12_381::ifma::unpack(in, out); }

// A word of x that tells most unequal x coordinates apart.
std::uint64_t x_tag(const G1Affine& p) { return p.x.montgomery()[0]; }
std::uint64_t x_tag(const PackedAffine& p) { return p.x.limb[0]; }

}  // namespace

void add_batch(std::span<G1Affine> buckets, std::span<const G1Affine> points,
               std::span<const PendingAdd> batch) {
  thread_local std::vector<Fp> prefix;
  prefix.resize(batch.size());
  // Two interleaved prefix products (even and odd entries), so that consecutive multiplications
  // are independent and overlap: prefix[i] = d_i d_(i-2) d_(i-4) ..., with d = x_p - x_bucket.
  const std::size_t n = batch.size();
  Fp chain[2] = {Fp::one(), Fp::one()};
  for (std::size_t i = 0; i < n; ++i) {
    chain[i & 1] = chain[i & 1] * (points[batch[i].point].x - buckets[batch[i].bucket].x);
    prefix[i] = chain[i & 1];
  }
  // One inversion for both chains: 1/A = B / (A B).
  const Fp both = (chain[0] * chain[1]).inverse();
  Fp inverse[2] = {both * chain[1], both * chain[0]};
  for (std::size_t i = n; i-- > 0;) {
    G1Affine& b = buckets[batch[i].bucket];
    const G1Affine& p = points[batch[i].point];
    const Fp py = batch[i].negate ? -p.y : p.y;
    Fp& chain_inverse = inverse[i & 1];
    const Fp inv_d = i > 1 ? chain_inverse * prefix[i - 2] : chain_inverse;
    chain_inverse = chain_inverse * (p.x - b.x);
    const Fp lambda = (py - b.y) * inv_d;
    const Fp x3 = lambda.squared() - b.x - p.x;
    b.y = lambda * (b.x - x3) - b.y;
    b.x = x3;
  }
}

template <class Point>
AffineBuckets<Point>::AffineBuckets(std::size_t buckets, std::size_t batch, std::span<const Point> points)
    : m_capacity(batch),
      m_points(points),
      m_buckets(buckets),
      m_busy(buckets, 0),
      m_empty(buckets, 1),
      m_x_tag(buckets, 0) {
  m_batch.reserve(batch);
  m_queue.reserve(batch);
  m_retry.reserve(batch);
  m_overflow_list.reserve(batch);
}

template <class Point>
void AffineBuckets<Point>::add(std::size_t index, std::size_t point, bool negate) {
  place({static_cast<std::uint32_t>(index), static_cast<std::uint32_t>(point), negate});
  // A full batch, or a full queue while the batch is big enough to be worth its inversion (few
  // distinct buckets, as in the top window): run it.
  if (m_batch.size() == m_capacity || (m_queue.size() == m_capacity && m_batch.size() >= m_capacity / 16))
    flush();
}

template <class Point>
void AffineBuckets<Point>::to_overflow(const Pending& item) {
  m_overflow_list.push_back(item);
  if (m_overflow_list.size() == m_capacity) drain_overflow();
}

template <class Point>
void AffineBuckets<Point>::place(const Pending& item) {
  if (m_busy[item.bucket] != 0 || m_batch.size() == m_capacity) {
    if (m_queue.size() < m_capacity) {
      m_queue.push_back(item);
    } else {
      to_overflow(item);
    }
    return;
  }
  // The bucket itself is read only when it is empty or its x may equal p's: the flags and tags are
  // small enough to stay in the L1 cache, the buckets are not.
  const Point& p = m_points[item.point];
  if (m_empty[item.bucket] != 0) {
    m_buckets[item.bucket] = item.negate ? p.negated() : p;
    m_empty[item.bucket] = 0;
    m_x_tag[item.bucket] = x_tag(p);
    return;
  }
  Point& bucket = m_buckets[item.bucket];
  if (m_x_tag[item.bucket] == x_tag(p) && bucket.x == p.x) {
    if (bucket.y == (item.negate ? p.negated() : p).y) {
      to_overflow(item);  // a doubling: the XYZZ formulas handle it
    } else {
      bucket = Point{};  // p = -bucket
      m_empty[item.bucket] = 1;
    }
    return;
  }
  m_busy[item.bucket] = 1;
  m_batch.push_back(item);
}

template <class Point>
void AffineBuckets<Point>::compute_batch() {
  add_batch(std::span<Point>(m_buckets), m_points, std::span<const Pending>(m_batch));
  for (const Pending& item : m_batch) {
    m_busy[item.bucket] = 0;
    m_x_tag[item.bucket] = x_tag(m_buckets[item.bucket]);
  }
  m_batch.clear();
}

template <class Point>
void AffineBuckets<Point>::drain_overflow() {
  std::vector<Point> points(m_overflow_list.size());
  for (std::size_t i = 0; i < points.size(); ++i) {
    const Pending& item = m_overflow_list[i];
    points[i] = item.negate ? m_points[item.point].negated() : m_points[item.point];
  }
  std::vector<G1Affine> host(points.size());
  to_host(std::span<const Point>(points), host);
  if (m_overflow.empty() && !host.empty()) m_overflow.assign(m_buckets.size(), G1Xyzz::infinity());
  for (std::size_t i = 0; i < host.size(); ++i) m_overflow[m_overflow_list[i].bucket].add_affine(host[i]);
  m_overflow_list.clear();
}

template <class Point>
void AffineBuckets<Point>::flush() {
  compute_batch();
  std::swap(m_queue, m_retry);
  for (const Pending& item : m_retry) place(item);
  m_retry.clear();
}

template <class Point>
void AffineBuckets<Point>::finish() {
  // Two rounds drain the queue into batches; what still waits (points of few buckets) goes to the
  // overflow buckets.
  for (int round = 0; round < 2 && !(m_batch.empty() && m_queue.empty()); ++round) flush();
  if (!m_batch.empty()) compute_batch();
  for (const Pending& item : m_queue) m_overflow_list.push_back(item);
  m_queue.clear();
  drain_overflow();
}

template <class Point>
G1Xyzz AffineBuckets<Point>::overflow_weighted_sum(std::size_t first, std::size_t count) const {
  if (m_overflow.empty()) return G1Xyzz::infinity();
  const std::span<const G1Xyzz> overflow = std::span<const G1Xyzz>(m_overflow).subspan(first, count);
  std::vector<std::size_t> used;
  for (std::size_t b = 0; b < overflow.size(); ++b) {
    if (!overflow[b].is_infinity()) used.push_back(b);
  }
  G1Xyzz acc = G1Xyzz::infinity();
  if (used.empty()) return acc;
  // A few used buckets (skewed digits fill one or two): one scalar multiplication each, about
  // 2 log2(b) additions; otherwise running sums from the top used bucket down, 2 per bucket.
  const std::size_t top = used.back() + 1;
  if (used.size() * 2 * static_cast<std::size_t>(std::bit_width(top)) < 2 * top) {
    for (std::size_t b : used) acc.add(times(overflow[b], b + 1));
    return acc;
  }
  G1Xyzz running = G1Xyzz::infinity();
  for (std::size_t b = top; b-- > 0;) {
    running.add(overflow[b]);
    acc.add(running);
  }
  return acc;
}

template <class Point>
G1Xyzz AffineBuckets<Point>::weighted_sum(std::size_t first, std::size_t count) const {
  const std::span<const Point> buckets = std::span<const Point>(m_buckets).subspan(first, count);
  if constexpr (std::is_same_v<Point, PackedAffine>) {
    if (count % 8 == 0 && count >= 64) {
      G1Xyzz sum = weighted_sum_ifma(buckets);
      sum.add(overflow_weighted_sum(first, count));
      return sum;
    }
  }
  std::vector<G1Affine> host(count);
  to_host(buckets, host);
  G1Xyzz running = G1Xyzz::infinity(), acc = G1Xyzz::infinity();
  for (std::size_t b = count; b-- > 0;) {
    running.add_affine(host[b]);
    if (!m_overflow.empty()) running.add(m_overflow[first + b]);
    acc.add(running);
  }
  return acc;
}

template class AffineBuckets<G1Affine>;
template class AffineBuckets<PackedAffine>;

}  // namespace hwbench::msm
