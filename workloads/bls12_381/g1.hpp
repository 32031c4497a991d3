#pragma once

// G1 of BLS12-381: y^2 = x^3 + 4 over Fp. Points in XYZZ coordinates (x = X/ZZ, y = Y/ZZZ with
// ZZ^3 = ZZZ^2), whose mixed addition costs 8 multiplications and 2 squarings and needs no inversion;
// the point at infinity is ZZ = 0. Formulas: add-2008-s, madd-2008-s, dbl-2008-s-1 and mdbl-2008-s-1
// of the Explicit-Formulas Database (a = 0).
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "workloads/bls12_381/params.hpp"

namespace hwbench::bls12_381 {

struct G1Affine {
  Fp x;
  Fp y;
  bool infinity = true;

  friend bool operator==(const G1Affine& a, const G1Affine& b) {
    return a.infinity == b.infinity && (a.infinity || (a.x == b.x && a.y == b.y));
  }
  G1Affine negated() const { return infinity ? *this : G1Affine{x, -y, false}; }
};

struct G1Xyzz {
  Fp x;
  Fp y;
  Fp zz;
  Fp zzz;

  static G1Xyzz infinity() { return {}; }
  static G1Xyzz from_affine(const G1Affine& p) {
    return p.infinity ? infinity() : G1Xyzz{p.x, p.y, Fp::one(), Fp::one()};
  }
  bool is_infinity() const { return zz.is_zero(); }

  void double_in_place() {
    if (is_infinity()) return;
    const Fp u = y.doubled();
    const Fp v = u.squared();
    const Fp w = u * v;
    const Fp s = x * v;
    const Fp xx = x.squared();
    const Fp m = xx.doubled() + xx;
    x = m.squared() - s.doubled();
    y = m * (s - x) - w * y;
    zz = v * zz;
    zzz = w * zzz;
  }

  // this += q (affine).
  void add_affine(const G1Affine& q) {
    if (q.infinity) return;
    if (is_infinity()) {
      *this = from_affine(q);
      return;
    }
    const Fp u2 = q.x * zz;
    const Fp s2 = q.y * zzz;
    const Fp p = u2 - x;
    const Fp r = s2 - y;
    if (p.is_zero()) {
      if (r.is_zero()) {
        *this = doubled_affine(q);
      } else {
        *this = infinity();
      }
      return;
    }
    const Fp pp = p.squared();
    const Fp ppp = p * pp;
    const Fp q3 = x * pp;
    x = r.squared() - ppp - q3.doubled();
    y = r * (q3 - x) - y * ppp;
    zz = zz * pp;
    zzz = zzz * ppp;
  }

  // this += q.
  void add(const G1Xyzz& q) {
    if (q.is_infinity()) return;
    if (is_infinity()) {
      *this = q;
      return;
    }
    const Fp u1 = x * q.zz;
    const Fp u2 = q.x * zz;
    const Fp s1 = y * q.zzz;
    const Fp s2 = q.y * zzz;
    const Fp p = u2 - u1;
    const Fp r = s2 - s1;
    if (p.is_zero()) {
      if (r.is_zero()) {
        double_in_place();
      } else {
        *this = infinity();
      }
      return;
    }
    const Fp pp = p.squared();
    const Fp ppp = p * pp;
    const Fp q3 = u1 * pp;
    x = r.squared() - ppp - q3.doubled();
    y = r * (q3 - x) - s1 * ppp;
    zz = zz * q.zz * pp;
    zzz = zzz * q.zzz * ppp;
  }

  G1Xyzz negated() const { return {x, -y, zz, zzz}; }

  static G1Xyzz doubled_affine(const G1Affine& q) {
    const Fp u = q.y.doubled();
    const Fp v = u.squared();
    const Fp w = u * v;
    const Fp s = q.x * v;
    const Fp xx = q.x.squared();
    const Fp m = xx.doubled() + xx;
    G1Xyzz out;
    out.x = m.squared() - s.doubled();
    out.y = m * (s - out.x) - w * q.y;
    out.zz = v;
    out.zzz = w;
    return out;
  }

  G1Affine to_affine() const;
};

// The fixed generator of G1.
const G1Affine& g1_generator();

bool is_on_curve(const G1Affine& p);
// [r]p == infinity.
bool in_subgroup(const G1Affine& p);

// [k]p by double-and-add over the bits of k (tests, references; not constant time).
G1Xyzz scalar_multiply(const G1Affine& p, const Scalar& k);

// Converts many points with one field inversion (Montgomery's trick).
void batch_to_affine(std::span<const G1Xyzz> in, std::span<G1Affine> out);

// ZCash/IETF compressed encoding: 48 bytes, big-endian x with three flag bits in the first byte
// (0x80 compressed, 0x40 infinity, 0x20 y is the larger of y and p - y).
using G1Compressed = std::array<std::uint8_t, 48>;
G1Compressed compress(const G1Affine& p);
// Rejects: missing compression flag, infinity with other bits set, x >= p, x not on the curve,
// points outside the subgroup. On failure returns nullopt and says why in *error.
std::optional<G1Affine> decompress(const G1Compressed& bytes, std::string* error = nullptr);

// Fp <-> 48 big-endian bytes (canonical integer).
void to_bytes(const Fp& v, std::uint8_t out[48]);
std::optional<Fp> fp_from_bytes(const std::uint8_t in[48]);

}  // namespace hwbench::bls12_381
