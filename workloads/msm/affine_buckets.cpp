#include "workloads/msm/affine_buckets.hpp"

#include <utility>

namespace hwbench::msm {

using bls12_381::Fp;
using bls12_381::G1Affine;
using bls12_381::G1Xyzz;

AffineBuckets::AffineBuckets(std::size_t buckets, std::size_t batch)
    : m_capacity(batch),
      m_buckets(buckets),
      m_overflow(buckets, G1Xyzz::infinity()),
      m_busy(buckets, 0),
      m_prefix(batch) {
  m_batch.reserve(batch);
  m_queue.reserve(batch);
  m_retry.reserve(batch);
}

void AffineBuckets::add(std::size_t index, const G1Affine& p) {
  place(index, p);
  if (m_batch.size() == m_capacity) flush();
}

void AffineBuckets::place(std::size_t index, const G1Affine& p) {
  if (m_busy[index] != 0 || m_batch.size() == m_capacity) {
    if (m_queue.size() < m_capacity) {
      m_queue.push_back({static_cast<std::uint32_t>(index), p});
    } else {
      m_overflow[index].add_affine(p);
    }
    return;
  }
  G1Affine& bucket = m_buckets[index];
  if (bucket.infinity) {
    bucket = p;
    return;
  }
  if (bucket.x == p.x && !(bucket.y == p.y)) {  // p = -bucket
    bucket = G1Affine{};
    return;
  }
  m_busy[index] = 1;
  m_batch.push_back({static_cast<std::uint32_t>(index), p});
}

Fp AffineBuckets::denominator(const Pending& item) const {
  const G1Affine& b = m_buckets[item.index];
  return b.x == item.point.x ? b.y.doubled() : item.point.x - b.x;
}

void AffineBuckets::compute_batch() {
  // Two interleaved prefix products (even and odd entries), so that consecutive multiplications
  // are independent and overlap: prefix[i] = d_i d_(i-2) d_(i-4) ..., with d = x_p - x_bucket, or
  // 2 y for a doubling.
  const std::size_t n = m_batch.size();
  Fp chain[2] = {Fp::one(), Fp::one()};
  for (std::size_t i = 0; i < n; ++i) {
    chain[i & 1] = chain[i & 1] * denominator(m_batch[i]);
    m_prefix[i] = chain[i & 1];
  }
  // One inversion for both chains: 1/A = B / (A B).
  const Fp both = (chain[0] * chain[1]).inverse();
  Fp inverse[2] = {both * chain[1], both * chain[0]};
  for (std::size_t i = n; i-- > 0;) {
    G1Affine& b = m_buckets[m_batch[i].index];
    const G1Affine& p = m_batch[i].point;
    const bool doubling = b.x == p.x;
    Fp& chain_inverse = inverse[i & 1];
    const Fp inv_d = i > 1 ? chain_inverse * m_prefix[i - 2] : chain_inverse;
    chain_inverse = chain_inverse * (doubling ? b.y.doubled() : p.x - b.x);
    Fp lambda;
    if (doubling) {
      const Fp xx = b.x.squared();
      lambda = (xx.doubled() + xx) * inv_d;
    } else {
      lambda = (p.y - b.y) * inv_d;
    }
    const Fp x3 = lambda.squared() - b.x - p.x;
    b.y = lambda * (b.x - x3) - b.y;
    b.x = x3;
    m_busy[m_batch[i].index] = 0;
  }
  m_batch.clear();
}

void AffineBuckets::flush() {
  compute_batch();
  std::swap(m_queue, m_retry);
  for (const Pending& item : m_retry) place(item.index, item.point);
  m_retry.clear();
}

void AffineBuckets::finish() {
  // Two rounds drain the queue into batches; what still waits (points of few buckets) goes to the
  // overflow buckets.
  for (int round = 0; round < 2 && !(m_batch.empty() && m_queue.empty()); ++round) flush();
  if (!m_batch.empty()) compute_batch();
  for (const Pending& item : m_queue) m_overflow[item.index].add_affine(item.point);
  m_queue.clear();
}

G1Xyzz AffineBuckets::weighted_sum() const {
  G1Xyzz running = G1Xyzz::infinity(), acc = G1Xyzz::infinity();
  for (std::size_t b = m_buckets.size(); b-- > 0;) {
    running.add_affine(m_buckets[b]);
    running.add(m_overflow[b]);
    acc.add(running);
  }
  return acc;
}

}  // namespace hwbench::msm
