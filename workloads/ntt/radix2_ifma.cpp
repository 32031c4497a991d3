#include "workloads/ntt/radix2_ifma.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <stdexcept>

#include "core/host_info.hpp"
#include "workloads/ntt/radix2.hpp"

#if defined(__x86_64__)
#include "workloads/bls12_381/ifma_lanes.hpp"
#endif

namespace hwbench::ntt {

#if defined(__x86_64__)

namespace {

namespace ifma = bls12_381::ifma;
constexpr int kLimbs = Radix2Ifma::kLimbs;
using Block = Radix2Ifma::Block;
using Limbs52 = ifma::Limbs52<kLimbs>;

// Bounds are counted in multiples of r. 35 r < 2^260 (2^260 / r = 35.3), so a value below 33 r fits the
// five limbs with room, and its product by a canonical twiddle comes back below 2 r.
constexpr unsigned kMaxBound = 33;
static_assert(((bls12_381::FrParams::kModulus[3] >> 32) + 1) * 35 < std::uint64_t{1} << 36,
              "35 r must stay below 2^260");

constexpr bls12_381::Limbs<4> twice(bls12_381::Limbs<4> v) {
  for (std::size_t i = 4; i-- > 0;) v[i] = (v[i] << 1) | (i > 0 ? v[i - 1] >> 63 : 0);
  return v;
}

// x 2^260 mod r as limbs: the vector Montgomery form of x, whose product with a value in the host's
// form keeps that form.
Limbs52 vector_form(const Fr& x) { return ifma::to_52<kLimbs>((x * Fr::from_u64(16)).montgomery()); }

struct Constants {
  Limbs52 r = ifma::to_52<kLimbs>(bls12_381::FrParams::kModulus);
  std::uint64_t inv = bls12_381::FrParams::kInv & ifma::kMask;  // -r^-1 mod 2^52
  Limbs52 raised_2r = ifma::raised(ifma::to_52<kLimbs>(twice(bls12_381::FrParams::kModulus)));
  Limbs52 one = vector_form(Fr::one());  // 2^260 mod r: a product by it only reduces
};

void set_lane(Block& block, int lane, const Limbs52& limbs) {
  for (int j = 0; j < kLimbs; ++j) block.limb[j][lane] = limbs[j];
}

// Lane k of the first operand a cross-lane stage of half-width h forms from Blocks x (positions 0..7)
// and y (8..15): the k-th position whose bit h is clear; the second operand takes those with it set.
constexpr std::array<int, 8> pair_positions(int h, bool upper) {
  std::array<int, 8> out{};
  int k = 0;
  for (int pos = 0; pos < 16; ++pos) {
    if (((pos & h) != 0) == upper) out[k++] = pos;
  }
  return out;
}

// The inverse regrouping: position first + i of the pair (x, y) is lane k of the first operand
// (index k) or of the second (index 8 + k).
constexpr std::array<int, 8> regrouped_back(int h, int first) {
  const auto lower = pair_positions(h, false), upper = pair_positions(h, true);
  std::array<int, 8> out{};
  for (int pos = first; pos < first + 8; ++pos) {
    const bool set = (pos & h) != 0;
    const auto& from = set ? upper : lower;
    out[pos - first] =
        static_cast<int>(std::find(from.begin(), from.end(), pos) - from.begin()) + (set ? 8 : 0);
  }
  return out;
}

using V = ifma::Lanes<kLimbs>;

const Constants& constants() {
  static const Constants c;
  return c;
}

HWBENCH_IFMA V load(const Block& b) {
  V v;
  for (int j = 0; j < kLimbs; ++j) v.l[j] = _mm512_load_si512(b.limb[j]);
  return v;
}

HWBENCH_IFMA void store(Block& b, const V& v) {
  for (int j = 0; j < kLimbs; ++j) _mm512_store_si512(b.limb[j], v.l[j]);
}

HWBENCH_IFMA V mul(const V& a, const V& b) {
  const Constants& k = constants();
  return ifma::montgomery_mul(a, b, k.r, k.inv);
}

// (a, b) -> (a + b w, a - b w + 2 r); t = b w is below 2 r. Reduce: a first goes through a product.
template <bool kReduce>
HWBENCH_IFMA void butterfly(V& a, V& b, const V& w) {
  const V t = mul(b, w);
  if constexpr (kReduce) a = mul(a, ifma::broadcast(constants().one));
  b = ifma::sub_plus(a, t, constants().raised_2r);
  a = ifma::add(a, t);
}

// The first stage: every twiddle is 1 and the inputs are canonical.
HWBENCH_IFMA void butterfly_unit(V& a, V& b) {
  const V t = b;
  b = ifma::sub_plus(a, t, constants().raised_2r);
  a = ifma::add(a, t);
}

HWBENCH_IFMA __m512i indices(const std::array<int, 8>& lanes) {
  return _mm512_set_epi64(lanes[7], lanes[6], lanes[5], lanes[4], lanes[3], lanes[2], lanes[1], lanes[0]);
}

// A stage of half-width h < 8 on Blocks x and y: the pairs regrouped into two vectors, the butterflies,
// and the regrouping back.
template <int H>
HWBENCH_IFMA void lane_stage(Block& x_block, Block& y_block, const Block* twiddle) {
  constexpr auto kToALanes = pair_positions(H, false), kToBLanes = pair_positions(H, true);
  constexpr auto kToXLanes = regrouped_back(H, 0), kToYLanes = regrouped_back(H, 8);
  const __m512i to_a = indices(kToALanes), to_b = indices(kToBLanes);
  const __m512i to_x = indices(kToXLanes), to_y = indices(kToYLanes);
  const V x = load(x_block), y = load(y_block);
  V a, b;
  for (int j = 0; j < kLimbs; ++j) {
    a.l[j] = _mm512_permutex2var_epi64(x.l[j], to_a, y.l[j]);
    b.l[j] = _mm512_permutex2var_epi64(x.l[j], to_b, y.l[j]);
  }
  if constexpr (H == 1) {
    butterfly_unit(a, b);
  } else {
    butterfly<false>(a, b, load(*twiddle));
  }
  V x_out, y_out;
  for (int j = 0; j < kLimbs; ++j) {
    x_out.l[j] = _mm512_permutex2var_epi64(a.l[j], to_x, b.l[j]);
    y_out.l[j] = _mm512_permutex2var_epi64(a.l[j], to_y, b.l[j]);
  }
  store(x_block, x_out);
  store(y_block, y_out);
}

// Blocks [first, last) of the working copy from the input at bit-reversed positions, 64-bit limbs to
// 52-bit ones. Element 8 g + l comes from position rev(8 g + l) = rev3(l) n/8 + rev(g).
HWBENCH_IFMA_ENTRY void gather(const Fr* input, unsigned log_n, std::size_t first, std::size_t last,
                               Block* work) {
  static_assert(sizeof(Fr) == 4 * sizeof(std::uint64_t));
  const auto* words = reinterpret_cast<const long long*>(input);
  const long long eighth = static_cast<long long>(std::size_t{1} << (log_n - 3));
  const __m512i lane_offsets = _mm512_set_epi64(28 * eighth, 12 * eighth, 20 * eighth, 4 * eighth,
                                                24 * eighth, 8 * eighth, 16 * eighth, 0);
  const __m512i mask = ifma::broadcast(ifma::kMask);
  for (std::size_t g = first; g < last; ++g) {
    const __m512i idx = _mm512_add_epi64(
        lane_offsets, ifma::broadcast(4 * static_cast<std::uint64_t>(bit_reverse(g, log_n - 3))));
    __m512i w[4];
    for (int k = 0; k < 4; ++k) w[k] = _mm512_i64gather_epi64(idx, words + k, 8);
    V v;
    v.l[0] = _mm512_and_si512(w[0], mask);
    v.l[1] =
        _mm512_and_si512(_mm512_or_si512(_mm512_srli_epi64(w[0], 52), _mm512_slli_epi64(w[1], 12)), mask);
    v.l[2] =
        _mm512_and_si512(_mm512_or_si512(_mm512_srli_epi64(w[1], 40), _mm512_slli_epi64(w[2], 24)), mask);
    v.l[3] =
        _mm512_and_si512(_mm512_or_si512(_mm512_srli_epi64(w[2], 28), _mm512_slli_epi64(w[3], 36)), mask);
    v.l[4] = _mm512_srli_epi64(w[3], 16);
    store(work[g], v);
  }
}

// Blocks [first, last) out in natural order: a product by `factor` (below 2 r), a subtraction of r
// (canonical), 52-bit limbs back to 64-bit ones.
HWBENCH_IFMA_ENTRY void scatter(const Block* work, const Limbs52& factor, std::size_t first, std::size_t last,
                                Fr* output) {
  auto* words = reinterpret_cast<long long*>(output);
  const __m512i offsets = _mm512_set_epi64(28, 24, 20, 16, 12, 8, 4, 0);
  const V f = ifma::broadcast(factor);
  for (std::size_t g = first; g < last; ++g) {
    const V v = ifma::subtract_if_above(mul(load(work[g]), f), constants().r);
    __m512i w[4];
    w[0] = _mm512_or_si512(v.l[0], _mm512_slli_epi64(v.l[1], 52));
    w[1] = _mm512_or_si512(_mm512_srli_epi64(v.l[1], 12), _mm512_slli_epi64(v.l[2], 40));
    w[2] = _mm512_or_si512(_mm512_srli_epi64(v.l[2], 24), _mm512_slli_epi64(v.l[3], 28));
    w[3] = _mm512_or_si512(_mm512_srli_epi64(v.l[3], 36), _mm512_slli_epi64(v.l[4], 16));
    for (int k = 0; k < 4; ++k) _mm512_i64scatter_epi64(words + 32 * g + k, offsets, w[k], 8);
  }
}

// The stages h < limit on `count` Blocks from `blocks`: the three cross-lane stages, then h = 8, 16, ..
template <bool kReduce>
HWBENCH_IFMA void wide_stage_range(Block* a, Block* b, const Block* w, std::size_t count) {
  for (std::size_t j = 0; j < count; ++j) {
    V va = load(a[j]), vb = load(b[j]);
    butterfly<kReduce>(va, vb, load(w[j]));
    store(a[j], va);
    store(b[j], vb);
  }
}

HWBENCH_IFMA_ENTRY void stage_range(Block* a, Block* b, const Block* w, std::size_t count, bool reduce) {
  if (reduce) {
    wide_stage_range<true>(a, b, w, count);
  } else {
    wide_stage_range<false>(a, b, w, count);
  }
}

HWBENCH_IFMA_ENTRY void small_stages(Block* blocks, std::size_t count, std::size_t limit,
                                     const Block* lane_twiddles, const Block* twiddles,
                                     const std::vector<bool>& reduce) {
  for (std::size_t g = 0; g < count; g += 2) lane_stage<1>(blocks[g], blocks[g + 1], nullptr);
  for (std::size_t g = 0; g < count; g += 2) lane_stage<2>(blocks[g], blocks[g + 1], &lane_twiddles[0]);
  for (std::size_t g = 0; g < count; g += 2) lane_stage<4>(blocks[g], blocks[g + 1], &lane_twiddles[1]);
  unsigned stage = 3;
  for (std::size_t h = 8; h < limit; h *= 2, ++stage) {
    const std::size_t hb = h / 8;
    for (std::size_t group = 0; group < count; group += 2 * hb) {
      stage_range(blocks + group, blocks + group + hb, twiddles + hb, hb, reduce[stage]);
    }
  }
}

}  // namespace

bool Radix2Ifma::available() { return cpu_features().avx512ifma; }

Radix2Ifma::Radix2Ifma(const Domain& domain, Direction direction, std::span<const Fr> stage_twiddles)
    : m_size(domain.size), m_log_size(domain.log_size), m_work(domain.size / 8) {
  if (m_size < kMinSize) throw std::invalid_argument("the IFMA transform needs at least 16 elements");
  m_twiddles.resize(m_size / 8);
  for (std::size_t h = 8; h < m_size; h *= 2) {
    for (std::size_t j = 0; j < h; ++j)
      set_lane(m_twiddles[(h + j) / 8], static_cast<int>(j % 8), vector_form(stage_twiddles[h + j]));
  }
  m_lane_twiddles.resize(2);
  const auto lower2 = pair_positions(2, false), lower4 = pair_positions(4, false);
  for (int k = 0; k < 8; ++k) {
    set_lane(m_lane_twiddles[0], k, vector_form(stage_twiddles[2 + (lower2[k] & 1)]));
    set_lane(m_lane_twiddles[1], k, vector_form(stage_twiddles[4 + (lower4[k] & 3)]));
  }
  unsigned bound = 1;  // canonical input
  for (unsigned s = 0; s < m_log_size; ++s) {
    const bool reduce = bound + 2 > kMaxBound;
    m_reduce.push_back(reduce);
    bound = reduce ? 4 : bound + 2;
  }
  m_final = vector_form(direction == Direction::inverse ? domain.size_inv : Fr::one());
}

void Radix2Ifma::operator()(std::span<const Fr> input, std::span<Fr> output, const Executor& executor) {
  const std::size_t blocks = m_size / 8;
  const std::size_t per_cache = std::min(blocks, kBlock / 8);
  const std::size_t limit = std::min(m_size, kBlock);
  executor.for_range(blocks / per_cache, 1, [&](std::size_t begin, std::size_t end) {
    for (std::size_t c = begin; c < end; ++c) {
      gather(input.data(), m_log_size, c * per_cache, (c + 1) * per_cache, m_work.data());
      small_stages(m_work.data() + c * per_cache, per_cache, limit, m_lane_twiddles.data(), m_twiddles.data(),
                   m_reduce);
    }
  });
  unsigned stage = static_cast<unsigned>(std::countr_zero(limit));
  for (std::size_t h = limit; h < m_size; h *= 2, ++stage) {
    const std::size_t hb = h / 8;
    // Vector butterfly q pairs Blocks (group * 2 hb + j, + hb), j = q mod hb.
    executor.for_range(blocks / 2, 1 << 8, [&](std::size_t begin, std::size_t end) {
      for (std::size_t q = begin; q < end;) {
        const std::size_t j0 = q % hb;
        const std::size_t j1 = std::min(hb, j0 + (end - q));
        Block* a = m_work.data() + (q / hb) * 2 * hb + j0;
        stage_range(a, a + hb, m_twiddles.data() + hb + j0, j1 - j0, m_reduce[stage]);
        q += j1 - j0;
      }
    });
  }
  executor.for_range(blocks, 1 << 6, [&](std::size_t begin, std::size_t end) {
    scatter(m_work.data(), m_final, begin, end, output.data());
  });
}

#else

bool Radix2Ifma::available() { return false; }
Radix2Ifma::Radix2Ifma(const Domain&, Direction, std::span<const Fr>) {
  throw std::logic_error("the IFMA transform is built for x86-64 only");
}
void Radix2Ifma::operator()(std::span<const Fr>, std::span<Fr>, const Executor&) {}

#endif

}  // namespace hwbench::ntt
