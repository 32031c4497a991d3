#pragma once

// The Ed25519 curve -x^2 + y^2 = 1 + d x^2 y^2 over GF(2^255 - 19), in the coordinate systems of
// "Twisted Edwards curves revisited" (Hisil, Wong, Carter, Dawson, 2008) with a = -1:
//   Extended  (X : Y : Z : T), x = X/Z, y = Y/Z, xy = T/Z      the accumulator
//   Projective (X : Y : Z)                                      input of a doubling (T not needed)
//   Completed ((X : Z), (Y : T)), x = X/Z, y = Y/T              output of every addition and doubling
//   Cached    (Y+X, Y-X, Z, 2dT)                                a point added many times
//   Affine    (y+x, y-x, 2dxy)                                  a point added many times, Z = 1
// The formulas are complete on this curve (d is not a square), so the identity, points of small order
// and P + P need no special cases. Host and device share every line; every function takes its field
// type F as a parameter (field.hpp's Fe on both, field51.hpp's Fe51 on the host's native verifier).
#include <cstdint>

#include "workloads/ed25519/field.hpp"
#include "workloads/ed25519/powers.hpp"

namespace hwbench::ed25519 {

// The curve's constants as 32-bit words, in any field type F of this workload (F::of_words).
template <class F = Fe>
HWBENCH_HD F curve_d() {
  return F::of_words(
      {0x135978a3, 0x75eb4dca, 0x4141d8ab, 0x00700a4d, 0x7779e898, 0x8cc74079, 0x2b6ffe73, 0x52036cee});
}
template <class F = Fe>
HWBENCH_HD F curve_2d() {
  return F::of_words(
      {0x26b2f159, 0xebd69b94, 0x8283b156, 0x00e0149a, 0xeef3d130, 0x198e80f2, 0x56dffce7, 0x2406d9dc});
}
template <class F = Fe>
HWBENCH_HD F sqrt_minus_1() {
  return F::of_words(
      {0x4a0ea0b0, 0xc4ee1b27, 0xad2fe478, 0x2f431806, 0x3dfbd7a7, 0x2b4d0099, 0x4fc1df0b, 0x2b832480});
}

// The coordinate systems over a field type F; the names without "Point" are those over field.hpp's Fe,
// the type host and device share.
template <class F>
struct ExtendedPoint {
  F x, y, z, t;
};
template <class F>
struct ProjectivePoint {
  F x, y, z;
};
template <class F>
struct CompletedPoint {
  F x, y, z, t;
};
template <class F>
struct CachedPoint {
  F y_plus_x, y_minus_x, z, t2d;
};
template <class F>
struct AffineCachedPoint {
  F y_plus_x, y_minus_x, xy2d;
};
using Extended = ExtendedPoint<Fe>;
using Projective = ProjectivePoint<Fe>;
using Completed = CompletedPoint<Fe>;
using Cached = CachedPoint<Fe>;
using AffineCached = AffineCachedPoint<Fe>;

template <class F = Fe>
HWBENCH_HD ExtendedPoint<F> identity() {
  return {fe_zero<F>(), fe_one<F>(), fe_one<F>(), fe_zero<F>()};
}

template <class F = Fe>
HWBENCH_HD ExtendedPoint<F> base_point() {
  const F x = F::of_words(
      {0x8f25d51a, 0xc9562d60, 0x9525a7b2, 0x692cc760, 0xfdd6dc5c, 0xc0a4e231, 0xcd6e53fe, 0x216936d3});
  const F y = F::of_words(
      {0x66666658, 0x66666666, 0x66666666, 0x66666666, 0x66666666, 0x66666666, 0x66666666, 0x66666666});
  return {x, y, fe_one<F>(), x * y};
}

template <class F>
HWBENCH_HD ExtendedPoint<F> to_extended(const CompletedPoint<F>& p) {
  return {p.x * p.t, p.y * p.z, p.z * p.t, p.x * p.y};
}
template <class F>
HWBENCH_HD ProjectivePoint<F> to_projective(const CompletedPoint<F>& p) {
  return {p.x * p.t, p.y * p.z, p.z * p.t};
}
template <class F>
HWBENCH_HD ProjectivePoint<F> to_projective(const ExtendedPoint<F>& p) {
  return {p.x, p.y, p.z};
}
template <class F>
HWBENCH_HD CachedPoint<F> to_cached(const ExtendedPoint<F>& p) {
  return {p.y + p.x, p.y - p.x, p.z, p.t * curve_2d<F>()};
}

// p with Z = 1, for a table built once: one inversion.
template <class F>
HWBENCH_HD AffineCachedPoint<F> to_affine_cached(const ExtendedPoint<F>& p) {
  const F inverse = invert(p.z);
  const F x = p.x * inverse, y = p.y * inverse;
  return {y + x, y - x, x * y * curve_2d<F>()};
}

// 2p: 4 squarings (dbl-2008-hwcd).
template <class F>
HWBENCH_HD CompletedPoint<F> dbl(const ProjectivePoint<F>& p) {
  const F xx = square(p.x);
  const F yy = square(p.y);
  const F zz2 = square(p.z);
  const F xy2 = square(p.x + p.y);
  CompletedPoint<F> r;
  r.y = yy + xx;
  r.z = yy - xx;
  r.x = xy2 - r.y;
  r.t = (zz2 + zz2) - r.z;
  return r;
}

// p + q and p - q for q cached: 4 multiplications (add-2008-hwcd-3).
template <bool kSubtract, class F>
HWBENCH_HD CompletedPoint<F> add(const ExtendedPoint<F>& p, const CachedPoint<F>& q) {
  const F a = (p.y - p.x) * (kSubtract ? q.y_plus_x : q.y_minus_x);
  const F b = (p.y + p.x) * (kSubtract ? q.y_minus_x : q.y_plus_x);
  const F c = p.t * q.t2d;
  const F zz = p.z * q.z;
  const F d = zz + zz;
  return {b - a, b + a, kSubtract ? d - c : d + c, kSubtract ? d + c : d - c};
}

// p + q and p - q for q affine: 3 multiplications.
template <bool kSubtract, class F>
HWBENCH_HD CompletedPoint<F> add(const ExtendedPoint<F>& p, const AffineCachedPoint<F>& q) {
  const F a = (p.y - p.x) * (kSubtract ? q.y_plus_x : q.y_minus_x);
  const F b = (p.y + p.x) * (kSubtract ? q.y_minus_x : q.y_plus_x);
  const F c = p.t * q.xy2d;
  const F d = p.z + p.z;
  return {b - a, b + a, kSubtract ? d - c : d + c, kSubtract ? d + c : d - c};
}

// The 32-byte encoding of RFC 8032 5.1.2: y canonical, little-endian, with the sign of x in bit 255.
template <class F>
HWBENCH_HD void encode(const ProjectivePoint<F>& p, std::uint8_t out[32]) {
  const F inv = invert(p.z);
  to_bytes(p.y * inv, out);
  out[31] = static_cast<std::uint8_t>(out[31] | (is_negative(p.x * inv) ? 0x80 : 0));
}

// The square root decoding needs, for y given: with u = y^2 - 1 and v = d y^2 + 1, the candidate
// x = u v^3 (u v^7)^((p - 5) / 8) is the root of u / v when v x^2 = u, x sqrt(-1) is when v x^2 = -u,
// and otherwise there is none.
template <class F>
struct RootCandidate {
  F x, u, vxx;
};

template <class F>
HWBENCH_HD RootCandidate<F> root_candidate(const F& y) {
  const F yy = square(y);
  const F u = yy - fe_one<F>();
  const F v = yy * curve_d<F>() + fe_one<F>();
  const F v3 = square(v) * v;
  const F x = u * v3 * pow_p58(u * square(v3) * v);
  return {x, u, v * square(x)};
}

// Decoding as the verifier this workload is held to (OpenSSL's) does it: y is the low 255 bits taken
// as they are, so encodings of y >= p are not refused; x = sqrt((y^2 - 1) / (d y^2 + 1)) or no point;
// x = 0 with the sign bit set is taken as x = 0.
template <class F>
HWBENCH_HD bool decode(const std::uint8_t in[32], ExtendedPoint<F>& p) {
  const F y = F::from_bytes(in);
  const RootCandidate<F> c = root_candidate(y);
  F x = c.x;
  if (!(c.vxx == c.u)) {
    if (!is_zero(c.vxx + c.u)) return false;
    x = x * sqrt_minus_1<F>();
  }
  if (is_negative(x) != ((in[31] >> 7) != 0)) x = -x;
  p = {x, y, fe_one<F>(), x * y};
  return true;
}

}  // namespace hwbench::ed25519
