#pragma once

// Points of y^2 = x^3 + b in XYZZ coordinates (x = X/ZZ, y = Y/ZZZ, ZZ^3 = ZZZ^2), written once for
// any field type with +, -, *, squared(), doubled(), is_zero() and one(): the host's 64-bit-limb Fp
// and the device's 32-bit-limb Fp share these formulas. Infinity is ZZ = 0. Mixed addition costs
// 8 multiplications and 2 squarings. Formulas: add-2008-s, madd-2008-s, dbl-2008-s-1, mdbl-2008-s-1
// of the Explicit-Formulas Database (a = 0).
#include "core/hd.hpp"

namespace hwbench::bls12_381 {

template <class F>
struct Xyzz {
  F x;
  F y;
  F zz;
  F zzz;

  HWBENCH_HD static Xyzz infinity() { return {F(), F(), F(), F()}; }
  HWBENCH_HD bool is_infinity() const { return zz.is_zero(); }

  // `A` is an affine point type with x, y and is_infinity().
  template <class A>
  HWBENCH_HD static Xyzz from_affine(const A& p) {
    return p.is_infinity() ? infinity() : Xyzz{p.x, p.y, F::one(), F::one()};
  }

  HWBENCH_HD void double_in_place() {
    if (is_infinity()) return;
    const F u = y.doubled();
    const F v = u.squared();
    const F w = u * v;
    const F s = x * v;
    const F xx = x.squared();
    const F m = xx.doubled() + xx;
    x = m.squared() - s.doubled();
    y = m * (s - x) - w * y;
    zz = v * zz;
    zzz = w * zzz;
  }

  template <class A>
  HWBENCH_HD static Xyzz doubled_affine(const A& q) {
    const F u = q.y.doubled();
    const F v = u.squared();
    const F w = u * v;
    const F s = q.x * v;
    const F xx = q.x.squared();
    const F m = xx.doubled() + xx;
    Xyzz out;
    out.x = m.squared() - s.doubled();
    out.y = m * (s - out.x) - w * q.y;
    out.zz = v;
    out.zzz = w;
    return out;
  }

  // this += q (affine).
  template <class A>
  HWBENCH_HD void add_affine(const A& q) {
    if (q.is_infinity()) return;
    if (is_infinity()) {
      *this = from_affine(q);
      return;
    }
    const F u2 = q.x * zz;
    const F s2 = q.y * zzz;
    const F p = u2 - x;
    const F r = s2 - y;
    if (p.is_zero()) {
      *this = r.is_zero() ? doubled_affine(q) : infinity();
      return;
    }
    const F pp = p.squared();
    const F ppp = p * pp;
    const F q3 = x * pp;
    x = r.squared() - ppp - q3.doubled();
    y = r * (q3 - x) - y * ppp;
    zz = zz * pp;
    zzz = zzz * ppp;
  }

  // this += q.
  HWBENCH_HD void add(const Xyzz& q) {
    if (q.is_infinity()) return;
    if (is_infinity()) {
      *this = q;
      return;
    }
    const F u1 = x * q.zz;
    const F u2 = q.x * zz;
    const F s1 = y * q.zzz;
    const F s2 = q.y * zzz;
    const F p = u2 - u1;
    const F r = s2 - s1;
    if (p.is_zero()) {
      if (r.is_zero()) {
        double_in_place();
      } else {
        *this = infinity();
      }
      return;
    }
    const F pp = p.squared();
    const F ppp = p * pp;
    const F q3 = u1 * pp;
    x = r.squared() - ppp - q3.doubled();
    y = r * (q3 - x) - s1 * ppp;
    zz = zz * q.zz * pp;
    zzz = zzz * q.zzz * ppp;
  }

  HWBENCH_HD Xyzz negated() const { return {x, -y, zz, zzz}; }

  // Host only: defined for the host field next to its affine type.
  auto to_affine() const { return xyzz_to_affine(*this); }
};

}  // namespace hwbench::bls12_381
