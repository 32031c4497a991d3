#pragma once

// Ed25519 verification (RFC 8032 5.1.7) with the rules of the verifier this workload is held to,
// OpenSSL's: S must be below L; A decodes as in edwards.hpp (non-canonical y taken, no small-order
// check); k = SHA-512(R || A || M) mod L; the signature holds when the encoding of [S]B - [k]A equals
// the 32 bytes of R (so a non-canonical R never matches). No cofactor is applied.
//
// [S]B - [k]A is one Straus loop over signed windows of width kWindow: kWindow doublings per window, then
// at most one addition from a table of [1..2^(kWindow-1)](-A) (cached, built per signature) and one
// from the same multiples of B (affine, built once: base_table()).
#include <cstddef>
#include <cstdint>

#include "workloads/ed25519/edwards.hpp"
#include "workloads/ed25519/scalar.hpp"
#include "workloads/ed25519/sha512.hpp"

namespace hwbench::ed25519 {

constexpr int kWindow = 5;
constexpr int kTableSize = 1 << (kWindow - 1);

// Table entry |d| with the sign of d, or the identity for d = 0, chosen without a branch: the threads of a
// warp hold different digits, and one addition of a selected entry costs a warp one addition where
// branches on the digit's sign and size would cost it every path taken by any of its threads.
HWBENCH_HD Fe select(bool which, const Fe& if_true, const Fe& if_false) {
  Fe r;
  for (int i = 0; i < 8; ++i) r.v[i] = which ? if_true.v[i] : if_false.v[i];
  return r;
}

HWBENCH_HD Cached signed_entry(const Cached* table, int d) {
  const int magnitude = d < 0 ? -d : d;
  Cached e = magnitude == 0 ? Cached{fe_one(), fe_one(), fe_one(), fe_zero()} : table[magnitude - 1];
  const bool negative = d < 0;
  const Fe minus_t2d = -e.t2d;
  return {select(negative, e.y_minus_x, e.y_plus_x), select(negative, e.y_plus_x, e.y_minus_x), e.z,
          select(negative, minus_t2d, e.t2d)};
}

HWBENCH_HD AffineCached signed_entry(const AffineCached* table, int d) {
  const int magnitude = d < 0 ? -d : d;
  AffineCached e = magnitude == 0 ? AffineCached{fe_one(), fe_one(), fe_zero()} : table[magnitude - 1];
  const bool negative = d < 0;
  const Fe minus_xy2d = -e.xy2d;
  return {select(negative, e.y_minus_x, e.y_plus_x), select(negative, e.y_plus_x, e.y_minus_x),
          select(negative, minus_xy2d, e.xy2d)};
}

// [k]P + [s]B for P given as its table [1..kTableSize]P: per window, kWindow doublings and one addition
// from each table.
HWBENCH_HD Projective double_scalar_multiply(const SignedWindows<kWindow>& k, const Cached* p_table,
                                             const SignedWindows<kWindow>& s, const AffineCached* b_table) {
  // The window's last addition feeds doublings, which need no T: it stops at projective coordinates.
  Projective p = to_projective(identity());
  HWBENCH_ROLLED
  for (int i = SignedWindows<kWindow>::kCount - 1; i >= 0; --i) {
    Extended acc = identity();
    if (i != SignedWindows<kWindow>::kCount - 1) {
      HWBENCH_ROLLED
      for (int j = 0; j < kWindow - 1; ++j) p = to_projective(dbl(p));
      acc = to_extended(dbl(p));
    }
    acc = to_extended(add<false>(acc, signed_entry(p_table, k.digit(i))));
    p = to_projective(add<false>(acc, signed_entry(b_table, s.digit(i))));
  }
  return p;
}

// [1..kTableSize]P, cached.
HWBENCH_HD void multiples(const Extended& p, Cached table[kTableSize]) {
  table[0] = to_cached(p);
  Extended acc = p;
  HWBENCH_ROLLED
  for (int i = 1; i < kTableSize; ++i) {
    acc = to_extended(add<false>(acc, table[0]));
    table[i] = to_cached(acc);
  }
}

// The verdict on one signature. `b_table` holds [1..kTableSize]B (base_table()).
HWBENCH_HD bool verify(const std::uint8_t public_key[32], const std::uint8_t* message, std::size_t length,
                       const std::uint8_t signature[64], const AffineCached* b_table) {
  const Scalar s = scalar_from_bytes(signature + 32);
  if (!below_order(s)) return false;
  Extended a;
  if (!decode(public_key, a)) return false;
  a.x = -a.x;
  a.t = -a.t;
  std::uint8_t h[64];
  sha512_ram(signature, public_key, message, length, h);
  const Scalar k = reduce_mod_order(h, 64);
  Cached a_table[kTableSize];
  multiples(a, a_table);
  const Projective r =
      double_scalar_multiply(SignedWindows<kWindow>(k), a_table, SignedWindows<kWindow>(s), b_table);
  std::uint8_t encoded[32];
  encode(r, encoded);
  std::uint8_t diff = 0;
  for (int i = 0; i < 32; ++i) diff |= static_cast<std::uint8_t>(encoded[i] ^ signature[i]);
  return diff == 0;
}

// [1..kTableSize]B in affine form, computed with the same arithmetic (a one-off on the host).
inline void base_table(AffineCached table[kTableSize]) {
  const Extended b = base_point();
  const Cached b_cached = to_cached(b);
  Extended acc = b;
  for (int i = 0; i < kTableSize; ++i) {
    if (i > 0) acc = to_extended(add<false>(acc, b_cached));
    const AffineCached e = to_affine_cached(acc);
    table[i] = {canonical(e.y_plus_x), canonical(e.y_minus_x), canonical(e.xy2d)};
  }
}

}  // namespace hwbench::ed25519
