#include "workloads/msm/affine_buckets.hpp"

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

}  // namespace

void add_batch(std::span<G1Affine> buckets, std::span<const PendingAdd<G1Affine>> batch) {
  thread_local std::vector<Fp> prefix;
  prefix.resize(batch.size());
  // Two interleaved prefix products (even and odd entries), so that consecutive multiplications
  // are independent and overlap: prefix[i] = d_i d_(i-2) d_(i-4) ..., with d = x_p - x_bucket.
  const std::size_t n = batch.size();
  Fp chain[2] = {Fp::one(), Fp::one()};
  for (std::size_t i = 0; i < n; ++i) {
    chain[i & 1] = chain[i & 1] * (batch[i].point.x - buckets[batch[i].index].x);
    prefix[i] = chain[i & 1];
  }
  // One inversion for both chains: 1/A = B / (A B).
  const Fp both = (chain[0] * chain[1]).inverse();
  Fp inverse[2] = {both * chain[1], both * chain[0]};
  for (std::size_t i = n; i-- > 0;) {
    G1Affine& b = buckets[batch[i].index];
    const G1Affine& p = batch[i].point;
    Fp& chain_inverse = inverse[i & 1];
    const Fp inv_d = i > 1 ? chain_inverse * prefix[i - 2] : chain_inverse;
    chain_inverse = chain_inverse * (p.x - b.x);
    const Fp lambda = (p.y - b.y) * inv_d;
    const Fp x3 = lambda.squared() - b.x - p.x;
    b.y = lambda * (b.x - x3) - b.y;
    b.x = x3;
  }
}

template <class Point>
AffineBuckets<Point>::AffineBuckets(std::size_t buckets, std::size_t batch)
    : m_capacity(batch), m_buckets(buckets), m_overflow(buckets, G1Xyzz::infinity()), m_busy(buckets, 0) {
  m_batch.reserve(batch);
  m_queue.reserve(batch);
  m_retry.reserve(batch);
  m_overflow_list.reserve(batch);
}

template <class Point>
void AffineBuckets<Point>::add(std::size_t index, const Point& p) {
  place(index, p);
  // A full batch, or a full queue while the batch is big enough to be worth its inversion (few
  // distinct buckets, as in the top window): run it.
  if (m_batch.size() == m_capacity || (m_queue.size() == m_capacity && m_batch.size() >= m_capacity / 16))
    flush();
}

template <class Point>
void AffineBuckets<Point>::place(std::size_t index, const Point& p) {
  const auto slot = static_cast<std::uint32_t>(index);
  if (m_busy[index] != 0 || m_batch.size() == m_capacity) {
    if (m_queue.size() < m_capacity) {
      m_queue.push_back({slot, p});
    } else {
      m_overflow_list.push_back({slot, p});
      if (m_overflow_list.size() == m_capacity) drain_overflow();
    }
    return;
  }
  Point& bucket = m_buckets[index];
  if (bucket.infinity) {
    bucket = p;
    return;
  }
  if (bucket.x == p.x) {
    if (bucket.y == p.y) {
      m_overflow_list.push_back({slot, p});  // a doubling: the XYZZ formulas handle it
      if (m_overflow_list.size() == m_capacity) drain_overflow();
    } else {
      bucket = Point{};  // p = -bucket
    }
    return;
  }
  m_busy[index] = 1;
  m_batch.push_back({slot, p});
}

template <class Point>
void AffineBuckets<Point>::compute_batch() {
  add_batch(std::span<Point>(m_buckets), std::span<const Pending>(m_batch));
  for (const Pending& item : m_batch) m_busy[item.index] = 0;
  m_batch.clear();
}

template <class Point>
void AffineBuckets<Point>::drain_overflow() {
  std::vector<Point> points(m_overflow_list.size());
  for (std::size_t i = 0; i < points.size(); ++i) points[i] = m_overflow_list[i].point;
  std::vector<G1Affine> host(points.size());
  to_host(std::span<const Point>(points), host);
  for (std::size_t i = 0; i < host.size(); ++i) m_overflow[m_overflow_list[i].index].add_affine(host[i]);
  m_overflow_list.clear();
}

template <class Point>
void AffineBuckets<Point>::flush() {
  compute_batch();
  std::swap(m_queue, m_retry);
  for (const Pending& item : m_retry) place(item.index, item.point);
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
G1Xyzz AffineBuckets<Point>::weighted_sum() const {
  std::vector<G1Affine> host(m_buckets.size());
  to_host(std::span<const Point>(m_buckets), host);
  G1Xyzz running = G1Xyzz::infinity(), acc = G1Xyzz::infinity();
  for (std::size_t b = host.size(); b-- > 0;) {
    running.add_affine(host[b]);
    running.add(m_overflow[b]);
    acc.add(running);
  }
  return acc;
}

template class AffineBuckets<G1Affine>;
template class AffineBuckets<PackedAffine>;

}  // namespace hwbench::msm
