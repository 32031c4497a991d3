// Built with -mavx512f -mavx512ifma (CMakeLists.txt), entered only after the CPU check. So that no
// AVX-512 copy of a function other files also use can reach them through the linker, this file calls
// no inline function outside its own anonymous namespace but the templates of edwards.hpp and
// powers.hpp, which it instantiates with its own field type only.
#include "workloads/ed25519/lanes_ifma.hpp"

#if defined(__x86_64__)
// GCC 12 warns inside its own AVX-512 shift intrinsics (an "undefined" pass-through operand).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#if !defined(__clang__)  // a GCC warning clang does not know
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <immintrin.h>
#pragma GCC diagnostic pop

#include "workloads/ed25519/edwards.hpp"

namespace hwbench::ed25519::lanes {
namespace {

constexpr std::uint64_t kMask52 = (std::uint64_t{1} << 52) - 1;
constexpr std::uint64_t kMask47 = (std::uint64_t{1} << 47) - 1;

// Every function here is inlined: an element is five vector registers, which a call would pass through
// memory.
#define HWBENCH_LANES_INLINE inline __attribute__((always_inline))

HWBENCH_LANES_INLINE __m512i splat(std::uint64_t v) { return _mm512_set1_epi64(static_cast<long long>(v)); }

// Eight elements of GF(2^255 - 19), limb-major: limb j of lane l in lane l of l[j], value sum l[j] 2^(52 j).
// Every operation returns limbs 0-3 below 2^52 and limb 4 below 2^47 + 2^5 (a value below 2^255 + 2^213,
// under 2p), which is what vpmadd52 needs of its factors (it reads 52 bits).
struct Fe8 {
  __m512i l[5];

  // A constant below 2^255 in every lane.
  static HWBENCH_LANES_INLINE Fe8 of_words(const std::uint32_t (&w)[8]) {
    std::uint64_t q[4];
    for (int i = 0; i < 4; ++i) q[i] = std::uint64_t{w[2 * i]} | (std::uint64_t{w[2 * i + 1]} << 32);
    return Fe8{{splat(q[0] & kMask52), splat(((q[0] >> 52) | (q[1] << 12)) & kMask52),
                splat(((q[1] >> 40) | (q[2] << 24)) & kMask52),
                splat(((q[2] >> 28) | (q[3] << 36)) & kMask52), splat(q[3] >> 16)}};
  }
};

// Limbs below 2^57 to the form above in one pass: limb 4's bits from 2^255 on first fold back as 19
// each (at most 19 x 2^10 more on limb 0), then the carries run up to limb 4, which has room for them.
HWBENCH_LANES_INLINE Fe8 normalized(Fe8 a) {
  const __m512i m52 = splat(kMask52);
  a.l[0] = _mm512_madd52lo_epu64(a.l[0], _mm512_srli_epi64(a.l[4], 47), splat(19));
  a.l[4] = _mm512_and_si512(a.l[4], splat(kMask47));
  for (int j = 0; j < 4; ++j) {
    a.l[j + 1] = _mm512_add_epi64(a.l[j + 1], _mm512_srli_epi64(a.l[j], 52));
    a.l[j] = _mm512_and_si512(a.l[j], m52);
  }
  return a;
}

HWBENCH_LANES_INLINE Fe8 operator+(const Fe8& a, const Fe8& b) {
  Fe8 r;
  for (int j = 0; j < 5; ++j) r.l[j] = _mm512_add_epi64(a.l[j], b.l[j]);
  return normalized(r);
}

// a + 4p - b, 4p written with limbs 0-3 of 2^53 less a little and limb 4 of 2^49 - 2, each above the
// limb of b it meets, so no lane goes below zero.
HWBENCH_LANES_INLINE Fe8 operator-(const Fe8& a, const Fe8& b) {
  constexpr std::uint64_t k4p[5] = {(std::uint64_t{1} << 53) - 76, (std::uint64_t{1} << 53) - 2,
                                    (std::uint64_t{1} << 53) - 2, (std::uint64_t{1} << 53) - 2,
                                    (std::uint64_t{1} << 49) - 2};
  Fe8 r;
  for (int j = 0; j < 5; ++j) r.l[j] = _mm512_sub_epi64(_mm512_add_epi64(a.l[j], splat(k4p[j])), b.l[j]);
  return normalized(r);
}

HWBENCH_LANES_INLINE Fe8 operator-(const Fe8& a) {
  const __m512i zero = _mm512_setzero_si512();
  return Fe8{{zero, zero, zero, zero, zero}} - a;
}

// Ten 52-bit columns of a product (each below 2^56) to the form above: the upper five carried to 52-bit
// limbs, then folded down with 2^260 = 608 (mod p).
HWBENCH_LANES_INLINE Fe8 reduced(__m512i (&t)[10]) {
  const __m512i m52 = splat(kMask52), k608 = splat(608);
  for (int k = 5; k < 9; ++k) {
    t[k + 1] = _mm512_add_epi64(t[k + 1], _mm512_srli_epi64(t[k], 52));
    t[k] = _mm512_and_si512(t[k], m52);
  }
  const __m512i top = _mm512_srli_epi64(t[9], 52);  // at 2^520 = 608^2 (mod p); below 16
  t[9] = _mm512_and_si512(t[9], m52);
  for (int k = 5; k < 9; ++k) {
    t[k - 5] = _mm512_madd52lo_epu64(t[k - 5], t[k], k608);
    t[k - 4] = _mm512_madd52hi_epu64(t[k - 4], t[k], k608);
  }
  t[4] = _mm512_madd52lo_epu64(t[4], t[9], k608);
  const __m512i over = _mm512_madd52hi_epu64(_mm512_setzero_si512(), t[9], k608);  // at 2^260; below 2^10
  t[0] = _mm512_madd52lo_epu64(t[0], over, k608);
  t[0] = _mm512_madd52lo_epu64(t[0], top, splat(608 * 608));
  return normalized(Fe8{{t[0], t[1], t[2], t[3], t[4]}});
}

// Schoolbook: 25 low and 25 high halves; a column takes at most ten of 52 bits.
HWBENCH_LANES_INLINE Fe8 operator*(const Fe8& a, const Fe8& b) {
  __m512i t[10];
  for (auto& v : t) v = _mm512_setzero_si512();
  for (int i = 0; i < 5; ++i) {
    for (int j = 0; j < 5; ++j) {
      t[i + j] = _mm512_madd52lo_epu64(t[i + j], a.l[j], b.l[i]);
      t[i + j + 1] = _mm512_madd52hi_epu64(t[i + j + 1], a.l[j], b.l[i]);
    }
  }
  return reduced(t);
}

// The 10 cross products once, the columns doubled, then the 5 squares: 30 halves instead of 50.
// (vpmadd52 reads 52 bits of a factor, so a doubled limb cannot be a factor.)
HWBENCH_LANES_INLINE Fe8 square(const Fe8& a) {
  __m512i t[10];
  for (auto& v : t) v = _mm512_setzero_si512();
  for (int i = 0; i < 5; ++i) {
    for (int j = i + 1; j < 5; ++j) {
      t[i + j] = _mm512_madd52lo_epu64(t[i + j], a.l[i], a.l[j]);
      t[i + j + 1] = _mm512_madd52hi_epu64(t[i + j + 1], a.l[i], a.l[j]);
    }
  }
  for (int k = 1; k < 10; ++k) t[k] = _mm512_add_epi64(t[k], t[k]);
  for (int i = 0; i < 5; ++i) {
    t[2 * i] = _mm512_madd52lo_epu64(t[2 * i], a.l[i], a.l[i]);
    t[2 * i + 1] = _mm512_madd52hi_epu64(t[2 * i + 1], a.l[i], a.l[i]);
  }
  return reduced(t);
}

// The representative below p: the value is below 2p, so it is at least p exactly when adding 19 carries
// into bit 255, and then the result is that sum without bit 255.
HWBENCH_LANES_INLINE Fe8 canonical(const Fe8& a) {
  const __m512i m52 = splat(kMask52);
  __m512i c = _mm512_srli_epi64(_mm512_add_epi64(a.l[0], splat(19)), 52);
  for (int j = 1; j < 4; ++j) c = _mm512_srli_epi64(_mm512_add_epi64(a.l[j], c), 52);
  const __m512i q = _mm512_srli_epi64(_mm512_add_epi64(a.l[4], c), 47);
  Fe8 r = a;
  r.l[0] = _mm512_madd52lo_epu64(r.l[0], q, splat(19));
  for (int j = 0; j < 4; ++j) {
    r.l[j + 1] = _mm512_add_epi64(r.l[j + 1], _mm512_srli_epi64(r.l[j], 52));
    r.l[j] = _mm512_and_si512(r.l[j], m52);
  }
  r.l[4] = _mm512_and_si512(r.l[4], splat(kMask47));
  return r;
}

// Lanes where a and b are the same element.
HWBENCH_LANES_INLINE __mmask8 equal(const Fe8& a, const Fe8& b) {
  const Fe8 x = canonical(a), y = canonical(b);
  __mmask8 m = 0xff;
  for (int j = 0; j < 5; ++j) m &= _mm512_cmpeq_epi64_mask(x.l[j], y.l[j]);
  return m;
}

HWBENCH_LANES_INLINE __mmask8 is_zero(const Fe8& a) {
  const Fe8 x = canonical(a);
  __m512i any = x.l[0];
  for (int j = 1; j < 5; ++j) any = _mm512_or_si512(any, x.l[j]);
  return _mm512_cmpeq_epi64_mask(any, _mm512_setzero_si512());
}

HWBENCH_LANES_INLINE Fe8 blend(__mmask8 take_b, const Fe8& a, const Fe8& b) {
  Fe8 r;
  for (int j = 0; j < 5; ++j) r.l[j] = _mm512_mask_blend_epi64(take_b, a.l[j], b.l[j]);
  return r;
}

// Per lane: 32 little-endian bytes, bit 255 cleared, as limbs (below 2^255).
Fe8 load_bytes(const std::uint8_t (*bytes)[32]) {
  alignas(64) std::uint64_t limbs[5][kLanes];
  for (int lane = 0; lane < kLanes; ++lane) {
    std::uint64_t q[4];
    for (int i = 0; i < 4; ++i) {
      q[i] = 0;
      for (int b = 0; b < 8; ++b) q[i] |= std::uint64_t{bytes[lane][8 * i + b]} << (8 * b);
    }
    q[3] &= ~(std::uint64_t{1} << 63);
    limbs[0][lane] = q[0] & kMask52;
    limbs[1][lane] = ((q[0] >> 52) | (q[1] << 12)) & kMask52;
    limbs[2][lane] = ((q[1] >> 40) | (q[2] << 24)) & kMask52;
    limbs[3][lane] = ((q[2] >> 28) | (q[3] << 36)) & kMask52;
    limbs[4][lane] = q[3] >> 16;
  }
  Fe8 r;
  for (int j = 0; j < 5; ++j) r.l[j] = _mm512_load_si512(limbs[j]);
  return r;
}

// Per lane: the canonical value's 32 little-endian bytes.
void store_bytes(const Fe8& a, std::uint8_t (*bytes)[32]) {
  const Fe8 c = canonical(a);
  alignas(64) std::uint64_t limbs[5][kLanes];
  for (int j = 0; j < 5; ++j) _mm512_store_si512(limbs[j], c.l[j]);
  for (int lane = 0; lane < kLanes; ++lane) {
    const std::uint64_t q[4] = {
        limbs[0][lane] | (limbs[1][lane] << 52), (limbs[1][lane] >> 12) | (limbs[2][lane] << 40),
        (limbs[2][lane] >> 24) | (limbs[3][lane] << 28), (limbs[3][lane] >> 36) | (limbs[4][lane] << 16)};
    for (int i = 0; i < 4; ++i) {
      for (int b = 0; b < 8; ++b) bytes[lane][8 * i + b] = static_cast<std::uint8_t>(q[i] >> (8 * b));
    }
  }
}

using Point = ExtendedPoint<Fe8>;

// edwards.hpp's decode, lane by lane: `valid` gets the lanes where A is a point.
Point decode(const std::uint8_t (*key)[32], __mmask8& valid) {
  const Fe8 y = load_bytes(key);
  const RootCandidate<Fe8> c = root_candidate(y);
  const __mmask8 direct = equal(c.vxx, c.u);
  valid = direct | is_zero(c.vxx + c.u);
  Fe8 x = blend(static_cast<__mmask8>(~direct), c.x, c.x * sqrt_minus_1<Fe8>());
  __mmask8 sign_bits = 0;
  for (int lane = 0; lane < kLanes; ++lane) sign_bits |= static_cast<__mmask8>((key[lane][31] >> 7) << lane);
  const __mmask8 odd = _mm512_test_epi64_mask(canonical(x).l[0], splat(1));
  x = blend(static_cast<__mmask8>(odd ^ sign_bits), x, -x);
  return {x, y, fe_one<Fe8>(), x * y};
}

// Tables laid out for gathers: entry e, coordinate c, limb j, lane l at ((e * C + c) * 5 + j) * 8 + l for
// the per-lane table of -A (cached, C = 4); the shared table of B (affine, C = 3) has no lane index.
// Entry 0 is the identity, so that a zero digit adds it.
constexpr int kEntries = 17;

struct alignas(64) KeyTable {
  std::uint64_t q[kEntries][4][5][kLanes];
};
struct BaseTable {
  std::uint64_t q[kEntries][3][5];
};

void store(const Fe8& a, std::uint64_t (&out)[5][kLanes]) {
  for (int j = 0; j < 5; ++j) _mm512_store_si512(out[j], a.l[j]);
}

const BaseTable& base_table() {
  static const BaseTable table = [] {
    BaseTable t{};
    // Lane 0 of each entry, from the same formulas.
    const Point b = base_point<Fe8>();
    const CachedPoint<Fe8> b_cached = to_cached(b);
    Point acc = identity<Fe8>();
    for (int e = 0; e < kEntries; ++e) {
      if (e > 0) acc = to_extended(add<false>(acc, b_cached));
      const AffineCachedPoint<Fe8> entry = to_affine_cached(acc);
      const Fe8 coordinates[3] = {entry.y_plus_x, entry.y_minus_x, entry.xy2d};
      for (int c = 0; c < 3; ++c) {
        alignas(64) std::uint64_t limbs[5][kLanes];
        store(coordinates[c], limbs);
        for (int j = 0; j < 5; ++j) t.q[e][c][j] = limbs[j][0];
      }
    }
    return t;
  }();
  return table;
}

// The digits of window `w` of every lane, as 64-bit lanes.
HWBENCH_LANES_INLINE __m512i digits_of(const std::int8_t (*digits)[kWindows], int w) {
  alignas(64) std::int64_t d[kLanes];
  for (int lane = 0; lane < kLanes; ++lane) d[lane] = digits[lane][w];
  return _mm512_load_si512(d);
}

// Lane l's entry |d_l| with d_l's sign: a negative entry swaps y + x and y - x and negates its last
// coordinate.
HWBENCH_LANES_INLINE CachedPoint<Fe8> key_entry(const KeyTable& table, __m512i digit) {
  const __mmask8 negative = _mm512_cmplt_epi64_mask(digit, _mm512_setzero_si512());
  const __m512i lane = _mm512_set_epi64(7, 6, 5, 4, 3, 2, 1, 0);
  const __m512i magnitude = _mm512_abs_epi64(digit);  // times 4 * 5 * 8 = 160 = 128 + 32
  const __m512i index = _mm512_add_epi64(
      _mm512_add_epi64(_mm512_slli_epi64(magnitude, 7), _mm512_slli_epi64(magnitude, 5)), lane);
  Fe8 c[4];
  for (int k = 0; k < 4; ++k) {
    for (int j = 0; j < 5; ++j) c[k].l[j] = _mm512_i64gather_epi64(index, &table.q[0][k][j][0], 8);
  }
  return {blend(negative, c[0], c[1]), blend(negative, c[1], c[0]), c[2], blend(negative, c[3], -c[3])};
}

HWBENCH_LANES_INLINE AffineCachedPoint<Fe8> base_entry(const BaseTable& table, __m512i digit) {
  const __mmask8 negative = _mm512_cmplt_epi64_mask(digit, _mm512_setzero_si512());
  const __m512i magnitude = _mm512_abs_epi64(digit);  // times 3 * 5 = 16 - 1
  const __m512i index = _mm512_sub_epi64(_mm512_slli_epi64(magnitude, 4), magnitude);
  Fe8 c[3];
  for (int k = 0; k < 3; ++k) {
    for (int j = 0; j < 5; ++j) c[k].l[j] = _mm512_i64gather_epi64(index, &table.q[0][k][j], 8);
  }
  return {blend(negative, c[0], c[1]), blend(negative, c[1], c[0]), blend(negative, c[2], -c[2])};
}

}  // namespace

void verify(const Group& group, std::uint8_t verdicts[kLanes]) {
  __mmask8 valid = 0;
  Point a = decode(group.key, valid);
  a.x = -a.x;
  a.t = -a.t;

  // [0..16](-A), cached.
  KeyTable table;
  {
    const CachedPoint<Fe8> identity_cached = to_cached(identity<Fe8>());
    const CachedPoint<Fe8> a_cached = to_cached(a);
    Point acc = a;
    for (int e = 0; e < kEntries; ++e) {
      if (e > 1) acc = to_extended(add<false>(acc, a_cached));
      const CachedPoint<Fe8> entry = e == 0 ? identity_cached : (e == 1 ? a_cached : to_cached(acc));
      store(entry.y_plus_x, table.q[e][0]);
      store(entry.y_minus_x, table.q[e][1]);
      store(entry.z, table.q[e][2]);
      store(entry.t2d, table.q[e][3]);
    }
  }
  const BaseTable& b_table = base_table();

  // verify.hpp's loop: per window, five doublings, then one entry of each table.
  ProjectivePoint<Fe8> p = to_projective(identity<Fe8>());
  for (int w = kWindows - 1; w >= 0; --w) {
    Point acc = identity<Fe8>();
    if (w != kWindows - 1) {
      for (int j = 0; j < 4; ++j) p = to_projective(dbl(p));
      acc = to_extended(dbl(p));
    }
    acc = to_extended(add<false>(acc, key_entry(table, digits_of(group.k_digits, w))));
    p = to_projective(add<false>(acc, base_entry(b_table, digits_of(group.s_digits, w))));
  }

  // The encoding of p against R.
  const Fe8 inverse = invert(p.z);
  std::uint8_t y_bytes[kLanes][32], x_bytes[kLanes][32];
  store_bytes(p.y * inverse, y_bytes);
  store_bytes(p.x * inverse, x_bytes);
  for (int lane = 0; lane < kLanes; ++lane) {
    y_bytes[lane][31] = static_cast<std::uint8_t>(y_bytes[lane][31] | ((x_bytes[lane][0] & 1) << 7));
    bool same = ((valid >> lane) & 1) != 0;
    for (int i = 0; i < 32; ++i) same = same && y_bytes[lane][i] == group.r[lane][i];
    verdicts[lane] = same ? 1 : 0;
  }
}

}  // namespace hwbench::ed25519::lanes

#endif  // __x86_64__
