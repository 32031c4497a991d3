#pragma once

// G1 points in projective coordinates (x = X/Z, y = Y/Z), eight per vector operation on the IFMA
// field (fp_ifma_vector.hpp), added by the complete formulas of Renes, Costello and Batina
// ("Complete addition formulas for prime order elliptic curves", 2016, the a = 0 forms: 12
// multiplications for a full addition, 11 for a mixed one, each plus two by 3 b). Complete means no
// exceptional cases: infinity is (0 : 1 : 0) and doubling takes the same steps, so the eight lanes
// run the same instructions whatever their points are. Include only from code that checks
// ifma::available().
//
// Bounds: from inputs below 40 p, every product is below 2 p and every subtrahend below 8 p (what
// sub() needs); the results are X < 10 p, Y < 4 p, Z < 4 p, so sums of results can be fed back
// without reduction.
#include "workloads/bls12_381/fp_ifma_vector.hpp"

namespace hwbench::bls12_381::ifma {

struct Projective8 {
  Fp8 x, y, z;
};

HWBENCH_IFMA Projective8 projective_infinity() {
  const __m512i zero = _mm512_setzero_si512();
  Projective8 r;
  for (int j = 0; j < kLimbs; ++j) r.x.l[j] = r.z.l[j] = zero;
  r.y = broadcast(constants().one);
  return r;
}

HWBENCH_IFMA Fp8 mul_b3(const Fp8& a) { return mul(a, broadcast(constants().b3)); }

// The steps both formulas end with, from t0 = X1 X2, t1 = Y1 Y2, t2 = Z1 Z2, t3 = X1 Y2 + X2 Y1,
// t4 = Y1 Z2 + Y2 Z1 and u = X1 Z2 + X2 Z1 (Z2 = 1 for the mixed addition).
HWBENCH_IFMA Projective8 complete_sum(const Fp8& t0, const Fp8& t1, const Fp8& t2, const Fp8& t3,
                                      const Fp8& t4, const Fp8& u) {
  const Fp8 x3 = add(add(t0, t0), t0);  // 3 X1 X2
  const Fp8 b3z = mul_b3(t2);
  const Fp8 z3 = add(t1, b3z);
  const Fp8 t1_minus = sub(t1, b3z);
  const Fp8 y3 = mul_b3(u);
  Projective8 r;
  r.x = sub(mul(t3, t1_minus), mul(t4, y3));
  r.y = add(mul(t1_minus, z3), mul(y3, x3));
  r.z = add(mul(z3, t4), mul(x3, t3));
  return r;
}

// p + q for any projective p and q.
HWBENCH_IFMA Projective8 add(const Projective8& p, const Projective8& q) {
  const Fp8 t0 = mul(p.x, q.x);
  const Fp8 t1 = mul(p.y, q.y);
  const Fp8 t2 = mul(p.z, q.z);
  const Fp8 t3 = sub(mul(add(p.x, p.y), add(q.x, q.y)), add(t0, t1));
  const Fp8 t4 = sub(mul(add(p.y, p.z), add(q.y, q.z)), add(t1, t2));
  const Fp8 u = sub(mul(add(p.x, p.z), add(q.x, q.z)), add(t0, t2));
  return complete_sum(t0, t1, t2, t3, t4, u);
}

// p + (qx, qy) for any projective p and a finite affine q (lanes whose q is infinity must be
// masked by the caller).
HWBENCH_IFMA Projective8 add_mixed(const Projective8& p, const Fp8& qx, const Fp8& qy) {
  const Fp8 t0 = mul(p.x, qx);
  const Fp8 t1 = mul(p.y, qy);
  const Fp8 t3 = sub(mul(add(qx, qy), add(p.x, p.y)), add(t0, t1));
  const Fp8 t4 = add(mul(qy, p.z), p.y);
  const Fp8 u = add(mul(qx, p.z), p.x);
  return complete_sum(t0, t1, p.z, t3, t4, u);
}

// Lane by lane: `if_set` where the mask bit is set, else `if_clear`.
HWBENCH_IFMA Projective8 select(__mmask8 mask, const Projective8& if_set, const Projective8& if_clear) {
  Projective8 r;
  for (int j = 0; j < kLimbs; ++j) {
    r.x.l[j] = _mm512_mask_blend_epi64(mask, if_clear.x.l[j], if_set.x.l[j]);
    r.y.l[j] = _mm512_mask_blend_epi64(mask, if_clear.y.l[j], if_set.y.l[j]);
    r.z.l[j] = _mm512_mask_blend_epi64(mask, if_clear.z.l[j], if_set.z.l[j]);
  }
  return r;
}

}  // namespace hwbench::bls12_381::ifma
