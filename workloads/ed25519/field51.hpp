#pragma once

// GF(p), p = 2^255 - 19, for the host's native verifier: five limbs of 51 bits in 64-bit words, products
// in 128-bit accumulators (the radix that suits a 64 x 64 -> 128-bit multiplier; field.hpp's eight
// 32-bit words suit the device's 32-bit multiply-add).
//
// Every operation returns limbs below 2^51 + 2^18 ("loose"), from inputs of that kind: sums and
// differences are carried at once, so any result may feed any operation. Limbs of loose inputs stay
// below 2^52, so that a product of two with the factor 19 of the fold (2^255 = 19) is below 2^109 and
// five of them fit 128 bits. canonical() gives the representative below p where bytes are compared or
// written.
#include <cstdint>

namespace hwbench::ed25519 {

struct Fe51 {
  std::uint64_t v[5];

  static constexpr std::uint64_t kMask = (std::uint64_t{1} << 51) - 1;

  // The value of four little-endian 64-bit words (at most 2^256 - 1; the top limb then holds up to 52
  // bits, still loose).
  static Fe51 of_u64(const std::uint64_t w[4]) {
    return Fe51{{w[0] & kMask, ((w[0] >> 51) | (w[1] << 13)) & kMask, ((w[1] >> 38) | (w[2] << 26)) & kMask,
                 ((w[2] >> 25) | (w[3] << 39)) & kMask, w[3] >> 12}};
  }
  // The element of eight little-endian 32-bit words (field.hpp's form, in which constants are given).
  static Fe51 of_words(const std::uint32_t (&w)[8]) {
    std::uint64_t q[4];
    for (int i = 0; i < 4; ++i) q[i] = std::uint64_t{w[2 * i]} | (std::uint64_t{w[2 * i + 1]} << 32);
    return of_u64(q);
  }
  // 32 little-endian bytes with the top bit ignored (it carries a sign in encodings); not reduced, so
  // values in [p, 2^255) are taken as they are, as field.hpp's Fe::from_bytes takes them.
  static Fe51 from_bytes(const std::uint8_t* s) {
    std::uint64_t q[4];
    for (int i = 0; i < 4; ++i) {
      q[i] = 0;
      for (int b = 0; b < 8; ++b) q[i] |= std::uint64_t{s[8 * i + b]} << (8 * b);
    }
    q[3] &= ~(std::uint64_t{1} << 63);
    return of_u64(q);
  }
};

namespace field51_detail {

// Limbs 0-3 below 2^51, each one's excess carried into the next (limb 4 keeps its own).
inline void carry_up(Fe51& a) {
  for (int j = 0; j < 4; ++j) {
    a.v[j + 1] += a.v[j] >> 51;
    a.v[j] &= Fe51::kMask;
  }
}

// Limbs of up to 63 bits back below 2^51, the carry out of the top limb folded into the bottom one as
// 19 per unit: limbs 1-4 end below 2^51, limb 0 below 2^51 + 19 * 2^12.
inline Fe51 carried(Fe51 a) {
  carry_up(a);
  a.v[0] += 19 * (a.v[4] >> 51);
  a.v[4] &= Fe51::kMask;
  return a;
}

// Five 128-bit column sums (each below 2^115) to loose limbs.
inline Fe51 carried(const unsigned __int128 r[5]) {
  using u128 = unsigned __int128;
  Fe51 out;
  u128 c = r[0];
  out.v[0] = static_cast<std::uint64_t>(c) & Fe51::kMask;
  c = r[1] + (c >> 51);
  out.v[1] = static_cast<std::uint64_t>(c) & Fe51::kMask;
  c = r[2] + (c >> 51);
  out.v[2] = static_cast<std::uint64_t>(c) & Fe51::kMask;
  c = r[3] + (c >> 51);
  out.v[3] = static_cast<std::uint64_t>(c) & Fe51::kMask;
  c = r[4] + (c >> 51);
  out.v[4] = static_cast<std::uint64_t>(c) & Fe51::kMask;
  // The top column has no factor 19 in its products: below 2^107 with the carry into it, so its own
  // carry is below 2^56 and 19 times that fits 64 bits.
  out.v[0] += 19 * static_cast<std::uint64_t>(c >> 51);
  out.v[1] += out.v[0] >> 51;
  out.v[0] &= Fe51::kMask;
  return out;
}

}  // namespace field51_detail

inline Fe51 operator+(const Fe51& a, const Fe51& b) {
  return field51_detail::carried(
      Fe51{{a.v[0] + b.v[0], a.v[1] + b.v[1], a.v[2] + b.v[2], a.v[3] + b.v[3], a.v[4] + b.v[4]}});
}

// a + 2p - b: 2p's limbs (2^52 - 38, 2^52 - 2, ...) are above any loose limb, so no limb goes below zero.
inline Fe51 operator-(const Fe51& a, const Fe51& b) {
  constexpr std::uint64_t k2p0 = (std::uint64_t{1} << 52) - 38, k2p = (std::uint64_t{1} << 52) - 2;
  return field51_detail::carried(Fe51{{a.v[0] + k2p0 - b.v[0], a.v[1] + k2p - b.v[1], a.v[2] + k2p - b.v[2],
                                       a.v[3] + k2p - b.v[3], a.v[4] + k2p - b.v[4]}});
}

inline Fe51 operator-(const Fe51& a) { return Fe51{{0, 0, 0, 0, 0}} - a; }

inline Fe51 operator*(const Fe51& a, const Fe51& b) {
  using u128 = unsigned __int128;
  const std::uint64_t b1 = 19 * b.v[1], b2 = 19 * b.v[2], b3 = 19 * b.v[3], b4 = 19 * b.v[4];
  const u128 r[5] = {
      u128{a.v[0]} * b.v[0] + u128{a.v[1]} * b4 + u128{a.v[2]} * b3 + u128{a.v[3]} * b2 + u128{a.v[4]} * b1,
      u128{a.v[0]} * b.v[1] + u128{a.v[1]} * b.v[0] + u128{a.v[2]} * b4 + u128{a.v[3]} * b3 +
          u128{a.v[4]} * b2,
      u128{a.v[0]} * b.v[2] + u128{a.v[1]} * b.v[1] + u128{a.v[2]} * b.v[0] + u128{a.v[3]} * b4 +
          u128{a.v[4]} * b3,
      u128{a.v[0]} * b.v[3] + u128{a.v[1]} * b.v[2] + u128{a.v[2]} * b.v[1] + u128{a.v[3]} * b.v[0] +
          u128{a.v[4]} * b4,
      u128{a.v[0]} * b.v[4] + u128{a.v[1]} * b.v[3] + u128{a.v[2]} * b.v[2] + u128{a.v[3]} * b.v[1] +
          u128{a.v[4]} * b.v[0]};
  return field51_detail::carried(r);
}

// a^2: 15 products, the cross products doubled through their factors.
inline Fe51 square(const Fe51& a) {
  using u128 = unsigned __int128;
  const std::uint64_t a0_2 = 2 * a.v[0], a1_2 = 2 * a.v[1];
  const std::uint64_t a3_19 = 19 * a.v[3], a4_19 = 19 * a.v[4];
  const u128 r[5] = {u128{a.v[0]} * a.v[0] + u128{2 * a.v[1]} * a4_19 + u128{2 * a.v[2]} * a3_19,
                     u128{a0_2} * a.v[1] + u128{2 * a.v[2]} * a4_19 + u128{a.v[3]} * a3_19,
                     u128{a0_2} * a.v[2] + u128{a.v[1]} * a.v[1] + u128{2 * a.v[3]} * a4_19,
                     u128{a0_2} * a.v[3] + u128{a1_2} * a.v[2] + u128{a.v[4]} * a4_19,
                     u128{a0_2} * a.v[4] + u128{a1_2} * a.v[3] + u128{a.v[2]} * a.v[2]};
  return field51_detail::carried(r);
}

// The representative below p.
inline Fe51 canonical(const Fe51& a) {
  // Carried twice, the value is below 2^255 + 19; it is >= p exactly when adding 19 carries out of bit
  // 255, and then the result less p is that sum without bit 255.
  Fe51 r = field51_detail::carried(field51_detail::carried(a));
  std::uint64_t q = (r.v[0] + 19) >> 51;
  q = (r.v[1] + q) >> 51;
  q = (r.v[2] + q) >> 51;
  q = (r.v[3] + q) >> 51;
  q = (r.v[4] + q) >> 51;
  r.v[0] += 19 * q;
  field51_detail::carry_up(r);
  r.v[4] &= Fe51::kMask;
  return r;
}

inline bool is_zero(const Fe51& a) {
  const Fe51 c = canonical(a);
  return (c.v[0] | c.v[1] | c.v[2] | c.v[3] | c.v[4]) == 0;
}

// The sign of RFC 8032: the low bit of the canonical value.
inline bool is_negative(const Fe51& a) { return (canonical(a).v[0] & 1) != 0; }

inline bool operator==(const Fe51& a, const Fe51& b) { return is_zero(a - b); }

inline void to_bytes(const Fe51& a, std::uint8_t* s) {
  const Fe51 c = canonical(a);
  const std::uint64_t q[4] = {c.v[0] | (c.v[1] << 51), (c.v[1] >> 13) | (c.v[2] << 38),
                              (c.v[2] >> 26) | (c.v[3] << 25), (c.v[3] >> 39) | (c.v[4] << 12)};
  for (int i = 0; i < 4; ++i) {
    for (int b = 0; b < 8; ++b) s[8 * i + b] = static_cast<std::uint8_t>(q[i] >> (8 * b));
  }
}

}  // namespace hwbench::ed25519
