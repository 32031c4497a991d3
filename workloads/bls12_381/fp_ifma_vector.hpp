#pragma once

// The vector arithmetic behind fp_ifma.hpp: eight elements per Fp8, limb-major, through the generic
// IFMA lanes with Fp's constants. Include only from files whose callers check ifma::available().
#include "workloads/bls12_381/fp_ifma.hpp"
#include "workloads/bls12_381/ifma_lanes.hpp"

namespace hwbench::bls12_381::ifma {

using Fp8 = Lanes<kLimbs>;

// The modulus and friends as 52-bit limbs, derived from FpParams (fp_ifma.cpp).
struct Constants {
  Limbs52<kLimbs> p;
  std::uint64_t inv;            // -p^-1 mod 2^52
  Limbs52<kLimbs> to_ifma;      // 2^448 mod p: host form x 2^384 -> x 2^416 by one multiplication
  Limbs52<kLimbs> to_host;      // 2^384 mod p: the way back
  Limbs52<kLimbs> multiple[4];  // 2^k p for k = 0..3
  Limbs52<kLimbs> raised_8p;    // 8 p in raised() form (see sub)
  Limbs52<kLimbs> one;          // 1 in this form: 2^416 mod p
  Limbs52<kLimbs> b3;           // 3 b = 12, the curve constant of the complete formulas (g1_ifma.hpp)
};
const Constants& constants();

// a b / 2^416 mod p, below 2 p for operands below 2^16 p each (2^416 exceeds p by about 2^35).
HWBENCH_IFMA Fp8 mul(const Fp8& a, const Fp8& b) {
  const Constants& k = constants();
  return montgomery_mul(a, b, k.p, k.inv);
}

// Eight packed elements as the lanes of one vector, and back (limb-major <-> element-major).
HWBENCH_IFMA Fp8 load_lanes(const PackedFp (&in)[8]) {
  alignas(64) std::uint64_t t[kLimbs][8];
  for (int lane = 0; lane < 8; ++lane) {
    for (int j = 0; j < kLimbs; ++j) t[j][lane] = in[lane].limb[j];
  }
  Fp8 r;
  for (int j = 0; j < kLimbs; ++j) r.l[j] = _mm512_load_si512(t[j]);
  return r;
}

HWBENCH_IFMA void store_lanes(const Fp8& v, PackedFp (&out)[8]) {
  alignas(64) std::uint64_t t[kLimbs][8];
  for (int j = 0; j < kLimbs; ++j) _mm512_store_si512(t[j], v.l[j]);
  for (int lane = 0; lane < 8; ++lane) {
    for (int j = 0; j < kLimbs; ++j) out[lane].limb[j] = t[j][lane];
  }
}

// a - b + 8 p, for b below 8 p.
HWBENCH_IFMA Fp8 sub(const Fp8& a, const Fp8& b) { return sub_plus(a, b, constants().raised_8p); }

// The canonical value of a below 2^(k+1) p (k <= 3).
HWBENCH_IFMA Fp8 canonical(Fp8 a, int k) {
  const Constants& c = constants();
  for (int s = k; s >= 0; --s) a = subtract_if_above(a, c.multiple[s]);
  return a;
}

}  // namespace hwbench::bls12_381::ifma
