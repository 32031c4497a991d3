#pragma once

// Montgomery arithmetic on eight field elements at once with AVX-512 IFMA, for any modulus of N limbs
// of 52 bits: Lanes<N> holds the eight elements limb-major (limb j of all eight in l[j]). Values stay
// unreduced between operations (sums and differences grow by multiples of the modulus; products come
// back below twice it); callers track the bound and make values canonical where they leave. Include
// only from files whose callers check that the CPU runs IFMA; every function carries the target.
// GCC 12 warns inside its own AVX-512 shift intrinsics (an "undefined" pass-through operand).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#if !defined(__clang__)  // a GCC warning clang does not know
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <immintrin.h>
#pragma GCC diagnostic pop

#include "workloads/bls12_381/limbs52.hpp"

// HWBENCH_IFMA for the arithmetic (inlined into its callers); HWBENCH_IFMA_ENTRY for the functions
// that code built without IFMA calls, after checking the CPU.
#define HWBENCH_IFMA __attribute__((target("avx512f,avx512ifma"), always_inline)) inline
#define HWBENCH_IFMA_ENTRY __attribute__((target("avx512f,avx512ifma")))

namespace hwbench::bls12_381::ifma {

// alignas: outside AVX-512 code GCC aligns __m512i to 16 bytes only, while the vector code moves it
// with aligned instructions.
template <std::size_t N>
struct alignas(64) Lanes {
  __m512i l[N];
};

HWBENCH_IFMA __m512i broadcast(std::uint64_t v) { return _mm512_set1_epi64(static_cast<long long>(v)); }

template <std::size_t N>
HWBENCH_IFMA Lanes<N> broadcast(const Limbs52<N>& limbs) {
  Lanes<N> r;
  for (std::size_t j = 0; j < N; ++j) r.l[j] = broadcast(limbs[j]);
  return r;
}

// Carries every limb's bits above 52 into the next limb (limbs must be non-negative but the top one).
template <std::size_t N>
HWBENCH_IFMA Lanes<N> normalize(Lanes<N> a) {
  const __m512i mask = broadcast(kMask);
  for (std::size_t j = 0; j + 1 < N; ++j) {
    a.l[j + 1] = _mm512_add_epi64(a.l[j + 1], _mm512_srli_epi64(a.l[j], 52));
    a.l[j] = _mm512_and_si512(a.l[j], mask);
  }
  return a;
}

// a b / 2^(52 N) mod m, with inv = -m^-1 mod 2^52: below a b / 2^(52 N) + m, so below 2 m whenever
// a b < m 2^(52 N) (for instance a below 2^(52 N) and b below m). Operand scanning: row i adds a b_i,
// then q m with q = t_i inv mod 2^52, which clears limb i; its carry moves up one limb. Every
// accumulator limb takes at most 4 N products of 52 bits, so 64-bit lanes never overflow.
template <std::size_t N>
HWBENCH_IFMA Lanes<N> montgomery_mul(const Lanes<N>& a, const Lanes<N>& b, const Limbs52<N>& m,
                                     std::uint64_t inv) {
  const __m512i zero = _mm512_setzero_si512();
  __m512i t[2 * N];
  for (auto& v : t) v = zero;
  const __m512i inv_v = broadcast(inv);
  for (std::size_t i = 0; i < N; ++i) {
    for (std::size_t j = 0; j < N; ++j) {
      t[i + j] = _mm512_madd52lo_epu64(t[i + j], a.l[j], b.l[i]);
      t[i + j + 1] = _mm512_madd52hi_epu64(t[i + j + 1], a.l[j], b.l[i]);
    }
    const __m512i q = _mm512_madd52lo_epu64(zero, t[i], inv_v);
    for (std::size_t j = 0; j < N; ++j) {
      const __m512i mj = broadcast(m[j]);
      t[i + j] = _mm512_madd52lo_epu64(t[i + j], q, mj);
      t[i + j + 1] = _mm512_madd52hi_epu64(t[i + j + 1], q, mj);
    }
    t[i + 1] = _mm512_add_epi64(t[i + 1], _mm512_srli_epi64(t[i], 52));
  }
  Lanes<N> r;
  for (std::size_t j = 0; j < N; ++j) r.l[j] = t[N + j];
  return normalize(r);
}

template <std::size_t N>
HWBENCH_IFMA Lanes<N> add(const Lanes<N>& a, const Lanes<N>& b) {
  Lanes<N> r;
  for (std::size_t j = 0; j < N; ++j) r.l[j] = _mm512_add_epi64(a.l[j], b.l[j]);
  return normalize(r);
}

// a - b + M for b < M, M given in raised() form.
template <std::size_t N>
HWBENCH_IFMA Lanes<N> sub_plus(const Lanes<N>& a, const Lanes<N>& b, const Limbs52<N>& raised_multiple) {
  Lanes<N> r;
  for (std::size_t j = 0; j < N; ++j) {
    r.l[j] = _mm512_sub_epi64(_mm512_add_epi64(a.l[j], broadcast(raised_multiple[j])), b.l[j]);
  }
  return normalize(r);
}

// a - m when that is not negative, else a (m given as plain limbs).
template <std::size_t N>
HWBENCH_IFMA Lanes<N> subtract_if_above(const Lanes<N>& a, const Limbs52<N>& m) {
  const __m512i mask = broadcast(kMask);
  Lanes<N> d;
  __m512i carry = _mm512_setzero_si512();
  for (std::size_t j = 0; j < N; ++j) {
    const __m512i v = _mm512_add_epi64(_mm512_sub_epi64(a.l[j], broadcast(m[j])), carry);
    carry = _mm512_srai_epi64(v, 52);
    d.l[j] = j + 1 < N ? _mm512_and_si512(v, mask) : v;
  }
  const __mmask8 negative = _mm512_cmplt_epi64_mask(d.l[N - 1], _mm512_setzero_si512());
  Lanes<N> r;
  for (std::size_t j = 0; j < N; ++j) r.l[j] = _mm512_mask_blend_epi64(negative, d.l[j], a.l[j]);
  return r;
}

}  // namespace hwbench::bls12_381::ifma
