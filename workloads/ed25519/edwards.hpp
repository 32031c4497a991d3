#pragma once

// The Ed25519 curve -x^2 + y^2 = 1 + d x^2 y^2 over GF(2^255 - 19), in the coordinate systems of
// "Twisted Edwards curves revisited" (Hisil, Wong, Carter, Dawson, 2008) with a = -1:
//   Extended  (X : Y : Z : T), x = X/Z, y = Y/Z, xy = T/Z      the accumulator
//   Projective (X : Y : Z)                                      input of a doubling (T not needed)
//   Completed ((X : Z), (Y : T)), x = X/Z, y = Y/T              output of every addition and doubling
//   Cached    (Y+X, Y-X, Z, 2dT)                                a point added many times
//   Affine    (y+x, y-x, 2dxy)                                  a point added many times, Z = 1
// The formulas are complete on this curve (d is not a square), so the identity, points of small order
// and P + P need no special cases. Host and device share every line.
#include <cstdint>

#include "workloads/ed25519/field.hpp"

namespace hwbench::ed25519 {

HWBENCH_HD Fe curve_d() {
  return Fe{{0x135978a3, 0x75eb4dca, 0x4141d8ab, 0x00700a4d, 0x7779e898, 0x8cc74079, 0x2b6ffe73, 0x52036cee}};
}
HWBENCH_HD Fe curve_2d() {
  return Fe{{0x26b2f159, 0xebd69b94, 0x8283b156, 0x00e0149a, 0xeef3d130, 0x198e80f2, 0x56dffce7, 0x2406d9dc}};
}
HWBENCH_HD Fe sqrt_minus_1() {
  return Fe{{0x4a0ea0b0, 0xc4ee1b27, 0xad2fe478, 0x2f431806, 0x3dfbd7a7, 0x2b4d0099, 0x4fc1df0b, 0x2b832480}};
}

struct Extended {
  Fe x, y, z, t;
};
struct Projective {
  Fe x, y, z;
};
struct Completed {
  Fe x, y, z, t;
};
struct Cached {
  Fe y_plus_x, y_minus_x, z, t2d;
};
struct AffineCached {
  Fe y_plus_x, y_minus_x, xy2d;
};

HWBENCH_HD Extended identity() { return {fe_zero(), fe_one(), fe_one(), fe_zero()}; }

HWBENCH_HD Extended base_point() {
  const Fe x{
      {0x8f25d51a, 0xc9562d60, 0x9525a7b2, 0x692cc760, 0xfdd6dc5c, 0xc0a4e231, 0xcd6e53fe, 0x216936d3}};
  const Fe y{
      {0x66666658, 0x66666666, 0x66666666, 0x66666666, 0x66666666, 0x66666666, 0x66666666, 0x66666666}};
  return {x, y, fe_one(), x * y};
}

HWBENCH_HD Extended to_extended(const Completed& p) { return {p.x * p.t, p.y * p.z, p.z * p.t, p.x * p.y}; }
HWBENCH_HD Projective to_projective(const Completed& p) { return {p.x * p.t, p.y * p.z, p.z * p.t}; }
HWBENCH_HD Projective to_projective(const Extended& p) { return {p.x, p.y, p.z}; }
HWBENCH_HD Cached to_cached(const Extended& p) { return {p.y + p.x, p.y - p.x, p.z, p.t * curve_2d()}; }

// 2p: 4 squarings (dbl-2008-hwcd).
HWBENCH_HD Completed dbl(const Projective& p) {
  const Fe xx = square(p.x);
  const Fe yy = square(p.y);
  const Fe zz2 = square(p.z);
  const Fe xy2 = square(p.x + p.y);
  Completed r;
  r.y = yy + xx;
  r.z = yy - xx;
  r.x = xy2 - r.y;
  r.t = (zz2 + zz2) - r.z;
  return r;
}

// p + q and p - q for q cached: 4 multiplications (add-2008-hwcd-3).
template <bool kSubtract>
HWBENCH_HD Completed add(const Extended& p, const Cached& q) {
  const Fe a = (p.y - p.x) * (kSubtract ? q.y_plus_x : q.y_minus_x);
  const Fe b = (p.y + p.x) * (kSubtract ? q.y_minus_x : q.y_plus_x);
  const Fe c = p.t * q.t2d;
  const Fe zz = p.z * q.z;
  const Fe d = zz + zz;
  return {b - a, b + a, kSubtract ? d - c : d + c, kSubtract ? d + c : d - c};
}

// p + q and p - q for q affine: 3 multiplications.
template <bool kSubtract>
HWBENCH_HD Completed add(const Extended& p, const AffineCached& q) {
  const Fe a = (p.y - p.x) * (kSubtract ? q.y_plus_x : q.y_minus_x);
  const Fe b = (p.y + p.x) * (kSubtract ? q.y_minus_x : q.y_plus_x);
  const Fe c = p.t * q.xy2d;
  const Fe d = p.z + p.z;
  return {b - a, b + a, kSubtract ? d - c : d + c, kSubtract ? d + c : d - c};
}

// The 32-byte encoding of RFC 8032 5.1.2: y canonical, little-endian, with the sign of x in bit 255.
HWBENCH_HD void encode(const Projective& p, std::uint8_t out[32]) {
  const Fe inv = invert(p.z);
  to_bytes(p.y * inv, out);
  out[31] = static_cast<std::uint8_t>(out[31] | (is_negative(p.x * inv) ? 0x80 : 0));
}

// Decoding as the verifier this workload is held to (OpenSSL's) does it: y is the low 255 bits taken
// as they are, so encodings of y >= p are not refused; x = sqrt((y^2 - 1) / (d y^2 + 1)) or no point;
// x = 0 with the sign bit set is taken as x = 0.
HWBENCH_HD bool decode(const std::uint8_t in[32], Extended& p) {
  const Fe y = from_bytes(in);
  const Fe yy = square(y);
  const Fe u = yy - fe_one();
  const Fe v = yy * curve_d() + fe_one();
  // x = u v^3 (u v^7)^((p - 5) / 8)
  const Fe v3 = square(v) * v;
  Fe x = u * v3 * pow_p58(u * square(v3) * v);
  const Fe vxx = v * square(x);
  if (!(vxx == u)) {
    if (!is_zero(vxx + u)) return false;
    x = x * sqrt_minus_1();
  }
  if (is_negative(x) != ((in[31] >> 7) != 0)) x = -x;
  p = {x, y, fe_one(), x * y};
  return true;
}

}  // namespace hwbench::ed25519
