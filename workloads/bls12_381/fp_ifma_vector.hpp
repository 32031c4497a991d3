#pragma once

// The vector arithmetic behind fp_ifma.hpp: eight elements per Fp8, limb-major. Include only from
// files whose callers check ifma::available(); every function carries the AVX-512 IFMA target.
// GCC 12 warns inside its own AVX-512 shift intrinsics (an "undefined" pass-through operand).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>
#pragma GCC diagnostic pop

#include "workloads/bls12_381/fp_ifma.hpp"

#define HWBENCH_IFMA __attribute__((target("avx512f,avx512ifma"), always_inline)) inline

namespace hwbench::bls12_381::ifma {

// alignas: outside AVX-512 code GCC aligns __m512i to 16 bytes only, while the vector code moves it
// with aligned instructions.
struct alignas(64) Fp8 {
  __m512i l[kLimbs];
};

// The modulus and friends as broadcast limbs, derived from FpParams (fp_ifma.cpp).
struct Constants {
  std::uint64_t p[kLimbs];
  std::uint64_t inv;                  // -p^-1 mod 2^52
  std::uint64_t to_ifma[kLimbs];      // 2^448 mod p: host form x 2^384 -> x 2^416 by one multiplication
  std::uint64_t to_host[kLimbs];      // 2^384 mod p: the way back
  std::uint64_t multiple[4][kLimbs];  // 2^k p for k = 0..3, plain limbs
  std::uint64_t borrow8p[kLimbs];     // 8 p with every limb but the top one raised by 2^52 (see sub)
};
const Constants& constants();

HWBENCH_IFMA __m512i broadcast(std::uint64_t v) { return _mm512_set1_epi64(static_cast<long long>(v)); }

HWBENCH_IFMA Fp8 broadcast(const std::uint64_t (&limbs)[kLimbs]) {
  Fp8 r;
  for (int j = 0; j < kLimbs; ++j) r.l[j] = broadcast(limbs[j]);
  return r;
}

// Carries every limb's bits above 52 into the next limb (limbs must be non-negative).
HWBENCH_IFMA Fp8 normalize(Fp8 a) {
  const __m512i mask = broadcast(kMask);
  for (int j = 0; j + 1 < kLimbs; ++j) {
    a.l[j + 1] = _mm512_add_epi64(a.l[j + 1], _mm512_srli_epi64(a.l[j], 52));
    a.l[j] = _mm512_and_si512(a.l[j], mask);
  }
  return a;
}

// a b / 2^416 mod p, below 2 p for operands below 2^16 p each. Operand scanning: row i adds a b_i,
// then m p with m = t_i (-p^-1) mod 2^52, which clears limb i; its carry moves up one limb. Every
// accumulator limb takes at most 32 products of 52 bits, so 64-bit lanes never overflow.
HWBENCH_IFMA Fp8 mul(const Fp8& a, const Fp8& b) {
  const Constants& k = constants();
  const __m512i zero = _mm512_setzero_si512();
  __m512i t[2 * kLimbs + 1];
  for (auto& v : t) v = zero;
  const __m512i inv = broadcast(k.inv);
  for (int i = 0; i < kLimbs; ++i) {
    for (int j = 0; j < kLimbs; ++j) {
      t[i + j] = _mm512_madd52lo_epu64(t[i + j], a.l[j], b.l[i]);
      t[i + j + 1] = _mm512_madd52hi_epu64(t[i + j + 1], a.l[j], b.l[i]);
    }
    const __m512i m = _mm512_madd52lo_epu64(zero, t[i], inv);
    for (int j = 0; j < kLimbs; ++j) {
      const __m512i pj = broadcast(k.p[j]);
      t[i + j] = _mm512_madd52lo_epu64(t[i + j], m, pj);
      t[i + j + 1] = _mm512_madd52hi_epu64(t[i + j + 1], m, pj);
    }
    t[i + 1] = _mm512_add_epi64(t[i + 1], _mm512_srli_epi64(t[i], 52));
  }
  Fp8 r;
  for (int j = 0; j < kLimbs; ++j) r.l[j] = t[kLimbs + j];
  return normalize(r);
}

HWBENCH_IFMA Fp8 add(const Fp8& a, const Fp8& b) {
  Fp8 r;
  for (int j = 0; j < kLimbs; ++j) r.l[j] = _mm512_add_epi64(a.l[j], b.l[j]);
  return normalize(r);
}

// a - b + 8 p, for b below 2 p: 8 p is held with limbs 0..6 raised by 2^52 (and each next limb
// lowered by one), so no limb goes negative before normalizing.
HWBENCH_IFMA Fp8 sub(const Fp8& a, const Fp8& b) {
  const Constants& k = constants();
  Fp8 r;
  for (int j = 0; j < kLimbs; ++j) {
    r.l[j] = _mm512_sub_epi64(_mm512_add_epi64(a.l[j], broadcast(k.borrow8p[j])), b.l[j]);
  }
  return normalize(r);
}

// a - m when that is not negative, else a (m given as plain limbs).
HWBENCH_IFMA Fp8 subtract_if_above(const Fp8& a, const std::uint64_t (&m)[kLimbs]) {
  const __m512i mask = broadcast(kMask);
  Fp8 d;
  __m512i carry = _mm512_setzero_si512();
  for (int j = 0; j < kLimbs; ++j) {
    const __m512i v = _mm512_add_epi64(_mm512_sub_epi64(a.l[j], broadcast(m[j])), carry);
    carry = _mm512_srai_epi64(v, 52);
    d.l[j] = j + 1 < kLimbs ? _mm512_and_si512(v, mask) : v;
  }
  const __mmask8 negative = _mm512_cmplt_epi64_mask(d.l[kLimbs - 1], _mm512_setzero_si512());
  Fp8 r;
  for (int j = 0; j < kLimbs; ++j) r.l[j] = _mm512_mask_blend_epi64(negative, d.l[j], a.l[j]);
  return r;
}

// The canonical value of a below 2^(k+1) p (k <= 3).
HWBENCH_IFMA Fp8 canonical(Fp8 a, int k) {
  const Constants& c = constants();
  for (int s = k; s >= 0; --s) a = subtract_if_above(a, c.multiple[s]);
  return a;
}

}  // namespace hwbench::bls12_381::ifma
