#include "workloads/msm/pippenger.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <vector>

#include "workloads/bls12_381/fp_ifma.hpp"
#include "workloads/msm/affine_buckets.hpp"

namespace hwbench::msm {

using bls12_381::G1Affine;
using bls12_381::G1Xyzz;
using bls12_381::Scalar;

namespace {

constexpr unsigned kScalarBits = 256;
constexpr unsigned kMaxWindowBits = 20;
constexpr std::size_t kMaxBatch = 1024;

// Costs in mixed XYZZ additions (10 host multiplications), measured on the development VM.
struct CostModel {
  double affine_add;  // one batched affine addition: 6 multiplications
  double inversion;   // the batch's one inversion (almost inverse, about 2 us for 381 bits)
  double reduction;   // a bucket's share of the running-sum reduction: two additions
};
// Host multiplications: batched affine additions 6/10 of an XYZZ one; the reduction two full
// additions of about 1.4 mixed ones each.
constexpr CostModel kScalarCosts{0.62, 17.0, 2.8};
// AVX-512 IFMA: 8 additions per vector operation, a vector multiplication about 3x the scalar one's
// time (115 ns per affine addition against 580 for an XYZZ one), and the reduction eight segments
// at once with complete formulas (about 300 ns per bucket).
constexpr CostModel kVectorCosts{0.2, 17.0, 0.52};

// Additions per inversion for a task of `points` points into `buckets` buckets: a quarter of the
// buckets (so few points wait for a busy bucket), and few enough that the task fills many batches.
// 0 when that leaves fewer than two vectors' worth; the planner weighs the rest against XYZZ buckets.
std::size_t batch_for(std::size_t points, std::size_t buckets) {
  const std::size_t batch = std::min({kMaxBatch, buckets / 4, points / 8});
  return batch >= 16 ? batch : 0;
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

// s + the digit offsets for every scalar, formed once for all windows.
std::vector<Offset> offset_scalars(std::span<const Scalar> scalars, unsigned c, const Executor& executor) {
  const Offset h = window_offsets(c, windows_for(c));
  std::vector<Offset> out(scalars.size());
  executor.for_range(scalars.size(), 8192, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) out[i] = add_offsets(scalars[i], h);
  });
  return out;
}

// The digits of windows [w0, w0 + group) of each point, fed to `add(bucket, point, negate)` (negate
// for a negative digit), window g's buckets after those of the windows before it. Point by point, so
// that a group of windows reads each point once.
template <class Add>
void fill_buckets(std::span<const Offset> shifted, unsigned w0, unsigned group, unsigned c, Add&& add) {
  const std::size_t per_window = std::size_t{1} << (c - 1);
  for (std::size_t i = 0; i < shifted.size(); ++i) {
    for (unsigned g = 0; g < group; ++g) {
      const int d = digit_of(shifted[i], w0 + g, c);
      if (d > 0) {
        add(g * per_window + static_cast<std::size_t>(d - 1), i, false);
      } else if (d < 0) {
        add(g * per_window + static_cast<std::size_t>(-d - 1), i, true);
      }
    }
  }
}

// Windows [w0, w0 + out.size()) over one range of (finite) points in one set of batched affine
// buckets: out[g] = sum_b (b + 1) bucket_(w0 + g)[b].
template <class Point>
void affine_window_sums(std::span<const Point> bases, std::span<const Offset> shifted, unsigned w0,
                        unsigned c, std::size_t batch, std::span<G1Xyzz> out) {
  const std::size_t per_window = std::size_t{1} << (c - 1);
  const auto group = static_cast<unsigned>(out.size());
  AffineBuckets<Point> buckets(group * per_window, batch, bases);
  fill_buckets(shifted, w0, group, c,
               [&](std::size_t b, std::size_t i, bool negate) { buckets.add(b, i, negate); });
  buckets.finish();
  for (unsigned g = 0; g < group; ++g) out[g] = buckets.weighted_sum(g * per_window, per_window);
}

// The same with XYZZ buckets.
G1Xyzz xyzz_window_sum(std::span<const G1Affine> bases, std::span<const Offset> shifted, unsigned w,
                       unsigned c) {
  std::vector<G1Xyzz> buckets(std::size_t{1} << (c - 1), G1Xyzz::infinity());
  fill_buckets(shifted, w, 1, c, [&](std::size_t b, std::size_t i, bool negate) {
    buckets[b].add_affine(negate ? bases[i].negated() : bases[i]);
  });
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
  const bool vector = bls12_381::ifma::available();
  PippengerPlan best;
  double best_cost = std::numeric_limits<double>::max();
  const std::size_t w = static_cast<std::size_t>(std::max(1, workers));
  for (unsigned c = 2; c <= kMaxWindowBits; ++c) {
    const unsigned windows = windows_for(c);
    // Enough tasks for every worker to get a few: split each window's points into chunks.
    const std::size_t chunks = w <= 1 ? 1 : std::max<std::size_t>(1, (4 * w + windows - 1) / windows);
    const double points = static_cast<double>(n) / static_cast<double>(chunks);
    const std::size_t buckets = std::size_t{1} << (c - 1);
    for (const std::size_t batch : {std::size_t{0}, batch_for((n + chunks - 1) / chunks, buckets)}) {
      const CostModel& add_costs = vector && batch > 0 ? kVectorCosts : kScalarCosts;
      // The vector reduction takes whole groups of 8 segments (weighted_sum_ifma), of batched buckets.
      const CostModel& reduce_costs =
          vector && batch > 0 && buckets % 8 == 0 && buckets >= 64 ? kVectorCosts : kScalarCosts;
      const double add_cost =
          batch > 0 ? add_costs.affine_add + add_costs.inversion / static_cast<double>(batch) : 1.0;
      const double per_task = points * add_cost + reduce_costs.reduction * static_cast<double>(buckets);
      const double tasks = static_cast<double>(windows * chunks);
      const double rounds = std::ceil(tasks / static_cast<double>(w));  // makespan with equal tasks
      const double cost = rounds * per_task;
      if (cost < best_cost) {
        best_cost = cost;
        best = {c, windows, chunks, batch};
      }
    }
  }
  if (w <= 1 && best.batch > 0 && best.windows > 1) {
    best.windows_per_task = 2;
    best.batch = batch_for(n, 2 * (std::size_t{1} << (best.window_bits - 1)));
  }
  return best;
}

G1Xyzz pippenger(std::span<const G1Affine> bases, std::span<const Scalar> scalars, const PippengerPlan& plan,
                 const Executor& executor) {
  // Points at infinity add nothing: dropped once here, so that no window tests each point.
  if (std::any_of(bases.begin(), bases.end(), [](const G1Affine& p) { return p.infinity; })) {
    std::vector<G1Affine> finite_bases;
    std::vector<Scalar> finite_scalars;
    for (std::size_t i = 0; i < bases.size(); ++i) {
      if (bases[i].infinity) continue;
      finite_bases.push_back(bases[i]);
      finite_scalars.push_back(scalars[i]);
    }
    return pippenger(finite_bases, finite_scalars, plan, executor);
  }
  const std::size_t n = bases.size();
  const unsigned group = plan.batch > 0 ? std::max(1u, plan.windows_per_task) : 1;
  const std::size_t groups = (plan.windows + group - 1) / group;
  const std::size_t tasks = groups * plan.chunks;
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
  const std::vector<Offset> shifted = offset_scalars(scalars, plan.window_bits, executor);
  // partial[k windows + w]: window w over chunk k of the points.
  std::vector<G1Xyzz> partial(plan.chunks * plan.windows, G1Xyzz::infinity());
  executor.for_range(tasks, 1, [&](std::size_t begin, std::size_t end) {
    for (std::size_t t = begin; t < end; ++t) {
      const auto w0 = static_cast<unsigned>((t / plan.chunks) * group);
      const unsigned count_w = std::min(group, plan.windows - w0);
      const std::size_t k = t % plan.chunks;
      const std::size_t first = k * chunk;
      const std::size_t count = first < n ? std::min(chunk, n - first) : 0;
      const auto s = std::span<const Offset>(shifted).subspan(first, count);
      const auto out = std::span(partial).subspan(k * plan.windows + w0, count_w);
      if (packed) {
        affine_window_sums<bls12_381::ifma::PackedAffine>(
            std::span<const bls12_381::ifma::PackedAffine>(packed_bases).subspan(first, count), s, w0,
            plan.window_bits, plan.batch, out);
      } else if (plan.batch > 0) {
        affine_window_sums<G1Affine>(bases.subspan(first, count), s, w0, plan.window_bits, plan.batch, out);
      } else {
        out[0] = xyzz_window_sum(bases.subspan(first, count), s, w0, plan.window_bits);
      }
    }
  });
  std::vector<G1Xyzz> windows(plan.windows, G1Xyzz::infinity());
  for (unsigned w = 0; w < plan.windows; ++w) {
    for (std::size_t k = 0; k < plan.chunks; ++k) windows[w].add(partial[k * plan.windows + w]);
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
