#include "workloads/msm/pippenger.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <vector>

#include "workloads/msm/affine_buckets.hpp"

namespace hwbench::msm {

using bls12_381::G1Affine;
using bls12_381::G1Xyzz;
using bls12_381::Scalar;

namespace {

constexpr unsigned kScalarBits = 256;
constexpr unsigned kMaxWindowBits = 20;
// A bucket's share of the running-sum reduction: two full additions, each about 1.4 mixed ones.
constexpr double kReductionCostPerBucket = 2.8;
// Batched affine additions, in mixed XYZZ additions (10 multiplications): 6 multiplications each,
// plus a share of the batch's inversion (about 570 multiplications by Fermat).
constexpr double kAffineAddCost = 0.62;
constexpr double kInversionCost = 57.0;
constexpr std::size_t kMaxBatch = 1024;

// Additions per inversion for a task of `points` points into `buckets` buckets: a quarter of the
// buckets (so few points wait for a busy bucket), and few enough that the task fills many batches.
// 0 when batches would be too small to beat XYZZ buckets.
std::size_t batch_for(std::size_t points, std::size_t buckets) {
  const std::size_t batch = std::min({kMaxBatch, buckets / 4, points / 8});
  return batch >= 256 ? batch : 0;
}

// t = s + sum_{w < W} 2^(c-1) 2^(w c), as 5 limbs: the plain c-bit windows of t, minus 2^(c-1), are
// the signed digits of s, with no carries between windows, as long as t < 2^(W c) (windows_for).
using Offset = std::array<std::uint64_t, 5>;

Offset window_offsets(unsigned c, unsigned windows) {
  Offset h{};
  for (unsigned w = 0; w < windows; ++w) {
    const unsigned bit = w * c + c - 1;
    h[bit / 64] |= std::uint64_t{1} << (bit % 64);
  }
  return h;
}

Offset add_offsets(const Scalar& s, const Offset& h) {
  Offset t{};
  std::uint64_t carry = 0;
  for (std::size_t i = 0; i < 5; ++i) {
    const bls12_381::u128 sum = static_cast<bls12_381::u128>(i < 4 ? s[i] : 0) + h[i] + carry;
    t[i] = static_cast<std::uint64_t>(sum);
    carry = static_cast<std::uint64_t>(sum >> 64);
  }
  return t;
}

// Bits [bit, bit + c) of t, c <= 32.
std::uint32_t bits_at(const Offset& t, unsigned bit, unsigned c) {
  const unsigned limb = bit / 64, offset = bit % 64;
  std::uint64_t v = t[limb] >> offset;
  if (offset + c > 64 && limb + 1 < t.size()) v |= t[limb + 1] << (64 - offset);
  return static_cast<std::uint32_t>(v & ((std::uint64_t{1} << c) - 1));
}

int digit_of(const Offset& t, unsigned w, unsigned c) {
  return static_cast<int>(bits_at(t, w * c, c)) - (1 << (c - 1));
}

// The window's digit of each point, fed to `add(bucket, point)` with the point negated for a negative digit.
template <class Point, class Add>
void fill_buckets(std::span<const Point> bases, std::span<const Scalar> scalars, unsigned w, unsigned c,
                  Add&& add) {
  const Offset h = window_offsets(c, windows_for(c));
  for (std::size_t i = 0; i < bases.size(); ++i) {
    const int d = digit_of(add_offsets(scalars[i], h), w, c);
    if (d > 0) {
      add(static_cast<std::size_t>(d - 1), bases[i]);
    } else if (d < 0) {
      add(static_cast<std::size_t>(-d - 1), bases[i].negated());
    }
  }
}

// One window over one range of points in batched affine buckets: sum_b (b + 1) bucket[b].
template <class Point>
G1Xyzz affine_window_sum(std::span<const Point> bases, std::span<const Scalar> scalars, unsigned w,
                         unsigned c, std::size_t batch) {
  AffineBuckets<Point> buckets(std::size_t{1} << (c - 1), batch);
  fill_buckets(bases, scalars, w, c, [&](std::size_t b, const Point& p) {
    if (!p.infinity) buckets.add(b, p);
  });
  buckets.finish();
  return buckets.weighted_sum();
}

// The same with XYZZ buckets.
G1Xyzz xyzz_window_sum(std::span<const G1Affine> bases, std::span<const Scalar> scalars, unsigned w,
                       unsigned c) {
  std::vector<G1Xyzz> buckets(std::size_t{1} << (c - 1), G1Xyzz::infinity());
  fill_buckets(bases, scalars, w, c, [&](std::size_t b, const G1Affine& p) { buckets[b].add_affine(p); });
  // Running sum from the top bucket down: acc = sum_b (b + 1) * bucket[b].
  G1Xyzz running = G1Xyzz::infinity(), acc = G1Xyzz::infinity();
  for (std::size_t b = buckets.size(); b-- > 0;) {
    running.add(buckets[b]);
    acc.add(running);
  }
  return acc;
}

}  // namespace

std::array<std::uint64_t, 5> digit_offsets(unsigned c, unsigned windows) {
  return window_offsets(c, windows);
}

unsigned windows_for(unsigned c) {
  // The largest t comes from s = r - 1; one more window when it does not fit in W c bits.
  const unsigned windows = (kScalarBits + c - 1) / c;
  const Offset t = add_offsets(bls12_381::sub_small(bls12_381::kGroupOrder, 1), window_offsets(c, windows));
  const unsigned bits = windows * c;
  bool fits = true;
  for (unsigned bit = bits; bit < 5 * 64; ++bit) fits &= ((t[bit / 64] >> (bit % 64)) & 1) == 0;
  return fits ? windows : windows + 1;
}

int signed_digit(const Scalar& s, unsigned w, unsigned c) {
  return digit_of(add_offsets(s, window_offsets(c, windows_for(c))), w, c);
}

PippengerPlan plan_pippenger(std::size_t n, int workers) {
  PippengerPlan best;
  double best_cost = std::numeric_limits<double>::max();
  const std::size_t w = static_cast<std::size_t>(std::max(1, workers));
  for (unsigned c = 2; c <= kMaxWindowBits; ++c) {
    const unsigned windows = windows_for(c);
    // Enough tasks for every worker to get a few: split each window's points into chunks.
    const std::size_t chunks = w <= 1 ? 1 : std::max<std::size_t>(1, (4 * w + windows - 1) / windows);
    const double points = static_cast<double>(n) / static_cast<double>(chunks);
    const std::size_t buckets = std::size_t{1} << (c - 1);
    const std::size_t batch = batch_for((n + chunks - 1) / chunks, buckets);
    const double add_cost = batch > 0 ? kAffineAddCost + kInversionCost / static_cast<double>(batch) : 1.0;
    const double per_task = points * add_cost + kReductionCostPerBucket * static_cast<double>(buckets);
    const double tasks = static_cast<double>(windows * chunks);
    const double rounds = std::ceil(tasks / static_cast<double>(w));  // makespan with equal tasks
    const double cost = rounds * per_task;
    if (cost < best_cost) {
      best_cost = cost;
      best = {c, windows, chunks, batch};
    }
  }
  return best;
}

G1Xyzz pippenger(std::span<const G1Affine> bases, std::span<const Scalar> scalars, const PippengerPlan& plan,
                 const Executor& executor) {
  const std::size_t n = bases.size();
  const std::size_t tasks = static_cast<std::size_t>(plan.windows) * plan.chunks;
  const std::size_t chunk = (n + plan.chunks - 1) / plan.chunks;
  // With AVX-512 IFMA, batched buckets work on the bases in packed form (converted once here).
  const bool packed = plan.batch > 0 && plan.vector && bls12_381::ifma::available();
  std::vector<bls12_381::ifma::PackedAffine> packed_bases(packed ? n : 0);
  if (packed) {
    executor.for_range(n, 4096, [&](std::size_t begin, std::size_t end) {
      bls12_381::ifma::pack(bases.subspan(begin, end - begin),
                            std::span(packed_bases).subspan(begin, end - begin));
    });
  }
  std::vector<G1Xyzz> partial(tasks, G1Xyzz::infinity());
  executor.for_range(tasks, 1, [&](std::size_t begin, std::size_t end) {
    for (std::size_t t = begin; t < end; ++t) {
      const auto w = static_cast<unsigned>(t / plan.chunks);
      const std::size_t first = (t % plan.chunks) * chunk;
      const std::size_t count = first < n ? std::min(chunk, n - first) : 0;
      const auto s = scalars.subspan(first, count);
      if (packed) {
        partial[t] = affine_window_sum<bls12_381::ifma::PackedAffine>(
            std::span<const bls12_381::ifma::PackedAffine>(packed_bases).subspan(first, count), s, w,
            plan.window_bits, plan.batch);
      } else if (plan.batch > 0) {
        partial[t] =
            affine_window_sum<G1Affine>(bases.subspan(first, count), s, w, plan.window_bits, plan.batch);
      } else {
        partial[t] = xyzz_window_sum(bases.subspan(first, count), s, w, plan.window_bits);
      }
    }
  });
  std::vector<G1Xyzz> windows(plan.windows, G1Xyzz::infinity());
  for (unsigned w = 0; w < plan.windows; ++w) {
    for (std::size_t k = 0; k < plan.chunks; ++k) windows[w].add(partial[w * plan.chunks + k]);
  }
  return combine_windows(windows, plan.window_bits);
}

G1Xyzz combine_windows(std::span<const G1Xyzz> window_sums, unsigned c) {
  G1Xyzz result = G1Xyzz::infinity();
  for (std::size_t w = window_sums.size(); w-- > 0;) {
    for (unsigned b = 0; b < c; ++b) result.double_in_place();
    result.add(window_sums[w]);
  }
  return result;
}

G1Xyzz combine_planes(std::span<const G1Xyzz> partials, std::size_t per_plane, unsigned c) {
  std::vector<G1Xyzz> planes(partials.size() / per_plane, G1Xyzz::infinity());
  for (std::size_t k = 0; k < partials.size(); ++k) planes[k / per_plane].add(partials[k]);
  const std::size_t windows = planes.size() / c;
  G1Xyzz result = G1Xyzz::infinity();
  for (std::size_t w = windows; w-- > 0;) {
    for (unsigned k = c - 1; k-- > 0;) {
      result.double_in_place();
      result.add(planes[w * c + k]);
    }
    result.add(planes[w * c + c - 1]);
    if (w > 0) result.double_in_place();  // position w c to (w - 1) c + c - 2: two doublings in all
  }
  return result;
}

G1Xyzz naive_msm(std::span<const G1Affine> bases, std::span<const Scalar> scalars) {
  G1Xyzz sum = G1Xyzz::infinity();
  for (std::size_t i = 0; i < bases.size(); ++i) sum.add(bls12_381::scalar_multiply(bases[i], scalars[i]));
  return sum;
}

}  // namespace hwbench::msm
