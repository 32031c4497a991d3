#pragma once

// GF(p), p = 2^255 - 19, for Ed25519 verification on the host and the device from one definition.
//
// An element is 8 little-endian 32-bit words holding any value in [0, 2^256): results are reduced
// only as far as fitting 256 bits, and canonical() gives the representative below p where bytes are
// compared or written. Reduction uses 2^256 = 38 (mod p). On the device the word arithmetic is PTX
// carry chains; on the host (tests, table set-up) the same operations with 64-bit accumulators.
#include <cstdint>

#include "core/hd.hpp"
#if defined(__CUDA_ARCH__)
#include "backends/cuda/ptx.cuh"
#endif

namespace hwbench::ed25519 {

struct Fe {
  std::uint32_t v[8];

  // The element of eight little-endian 32-bit words: the form in which every field type of this
  // workload takes its constants (see edwards.hpp).
  static HWBENCH_HD Fe of_words(const std::uint32_t (&w)[8]) {
    return Fe{{w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]}};
  }
  // 32 little-endian bytes with the top bit ignored (it carries a sign in encodings); not reduced, so
  // values in [p, 2^255) are taken as they are.
  static HWBENCH_HD Fe from_bytes(const std::uint8_t* s);
};

namespace field_detail {

#if !defined(__CUDA_ARCH__)
// r + c 2^256 back into 256 bits for a carry (c > 0) or borrow (c < 0) out of a 256-bit result, with
// 2^256 = 38: the first pass leaves a carry of 0 or +-1, and a value that one last 38 cannot overflow.
inline void fold_carry(Fe& r, std::int64_t c) {
  c *= 38;
  for (int i = 0; i < 8; ++i) {
    c += r.v[i];
    r.v[i] = static_cast<std::uint32_t>(c);
    c >>= 32;
  }
  r.v[0] += static_cast<std::uint32_t>(c * 38);
}
#endif

// r = (lo + 38 * hi) reduced to 256 bits, from a 512-bit product t = lo + 2^256 hi.
HWBENCH_HD Fe fold(const std::uint32_t t[16]) {
  Fe r;
#if defined(__CUDA_ARCH__)
  namespace ptx = cuda::ptx;
  r.v[0] = ptx::mad_lo_cc(t[8], 38, t[0]);
#pragma unroll
  for (int i = 1; i < 8; ++i) r.v[i] = ptx::madc_lo_cc(t[8 + i], 38, t[i]);
  std::uint32_t top = ptx::addc(0, 0);
  r.v[1] = ptx::mad_hi_cc(t[8], 38, r.v[1]);
#pragma unroll
  for (int i = 2; i < 8; ++i) r.v[i] = ptx::madc_hi_cc(t[7 + i], 38, r.v[i]);
  top = ptx::madc_hi(t[15], 38, top);
  // top < 40: fold it once more; a carry out of that leaves a value below 38 * 40.
  r.v[0] = ptx::add_cc(r.v[0], top * 38);
#pragma unroll
  for (int i = 1; i < 8; ++i) r.v[i] = ptx::addc_cc(r.v[i], 0);
  const std::uint32_t carry = ptx::addc(0, 0);
  r.v[0] += carry * 38;
#else
  std::uint64_t c = 0;
  for (int i = 0; i < 8; ++i) {
    c += std::uint64_t{t[i]} + std::uint64_t{t[8 + i]} * 38;
    r.v[i] = static_cast<std::uint32_t>(c);
    c >>= 32;
  }
  fold_carry(r, static_cast<std::int64_t>(c));
#endif
  return r;
}

}  // namespace field_detail

template <class F = Fe>
HWBENCH_HD F fe_zero() {
  return F::of_words({0, 0, 0, 0, 0, 0, 0, 0});
}
template <class F = Fe>
HWBENCH_HD F fe_one() {
  return F::of_words({1, 0, 0, 0, 0, 0, 0, 0});
}

HWBENCH_HD Fe operator+(const Fe& a, const Fe& b) {
  Fe r;
#if defined(__CUDA_ARCH__)
  namespace ptx = cuda::ptx;
  r.v[0] = ptx::add_cc(a.v[0], b.v[0]);
#pragma unroll
  for (int i = 1; i < 8; ++i) r.v[i] = ptx::addc_cc(a.v[i], b.v[i]);
  std::uint32_t carry = ptx::addc(0, 0);
  r.v[0] = ptx::add_cc(r.v[0], carry * 38);
#pragma unroll
  for (int i = 1; i < 8; ++i) r.v[i] = ptx::addc_cc(r.v[i], 0);
  carry = ptx::addc(0, 0);
  r.v[0] += carry * 38;
#else
  std::uint64_t c = 0;
  for (int i = 0; i < 8; ++i) {
    c += std::uint64_t{a.v[i]} + b.v[i];
    r.v[i] = static_cast<std::uint32_t>(c);
    c >>= 32;
  }
  field_detail::fold_carry(r, static_cast<std::int64_t>(c));
#endif
  return r;
}

// a - b: a borrow out of 2^256 is taken back as 38; a second borrow leaves a value above 2^256 - 38,
// from which the last 38 comes off without a third.
HWBENCH_HD Fe operator-(const Fe& a, const Fe& b) {
  Fe r;
#if defined(__CUDA_ARCH__)
  namespace ptx = cuda::ptx;
  r.v[0] = ptx::sub_cc(a.v[0], b.v[0]);
#pragma unroll
  for (int i = 1; i < 8; ++i) r.v[i] = ptx::subc_cc(a.v[i], b.v[i]);
  std::uint32_t borrow = ptx::subc(0, 0) & 38;
  r.v[0] = ptx::sub_cc(r.v[0], borrow);
#pragma unroll
  for (int i = 1; i < 8; ++i) r.v[i] = ptx::subc_cc(r.v[i], 0);
  borrow = ptx::subc(0, 0) & 38;
  r.v[0] -= borrow;
#else
  std::int64_t c = 0;
  for (int i = 0; i < 8; ++i) {
    c += std::int64_t{a.v[i]} - std::int64_t{b.v[i]};
    r.v[i] = static_cast<std::uint32_t>(c);
    c >>= 32;  // 0 or -1
  }
  field_detail::fold_carry(r, static_cast<std::int64_t>(c));
#endif
  return r;
}

HWBENCH_HD Fe operator-(const Fe& a) { return fe_zero() - a; }

HWBENCH_HD_CALLED Fe operator*(Fe a, Fe b) {
  std::uint32_t t[17] = {};
#if defined(__CUDA_ARCH__)
  namespace ptx = cuda::ptx;
#pragma unroll
  for (int i = 0; i < 8; ++i) {
    const std::uint32_t bi = b.v[i];
    t[i] = ptx::mad_lo_cc(a.v[0], bi, t[i]);
#pragma unroll
    for (int j = 1; j < 8; ++j) t[i + j] = ptx::madc_lo_cc(a.v[j], bi, t[i + j]);
    t[i + 8] = ptx::addc_cc(t[i + 8], 0);
    t[i + 9] = ptx::addc(t[i + 9], 0);
    t[i + 1] = ptx::mad_hi_cc(a.v[0], bi, t[i + 1]);
#pragma unroll
    for (int j = 1; j < 8; ++j) t[i + j + 1] = ptx::madc_hi_cc(a.v[j], bi, t[i + j + 1]);
    t[i + 9] = ptx::addc(t[i + 9], 0);
  }
#else
  for (int i = 0; i < 8; ++i) {
    std::uint64_t c = 0;
    for (int j = 0; j < 8; ++j) {
      c += std::uint64_t{a.v[j]} * b.v[i] + t[i + j];
      t[i + j] = static_cast<std::uint32_t>(c);
      c >>= 32;
    }
    t[i + 8] = static_cast<std::uint32_t>(c);
  }
#endif
  return field_detail::fold(t);
}

// a^2: the 28 cross products once, doubled, plus the 8 squares.
HWBENCH_HD_CALLED Fe square(Fe a) {
  std::uint32_t t[17] = {};
#if defined(__CUDA_ARCH__)
  namespace ptx = cuda::ptx;
  // Cross products a_i a_j, i < j, into t[1..15).
#pragma unroll
  for (int i = 0; i < 7; ++i) {
    const std::uint32_t ai = a.v[i];
    t[2 * i + 1] = ptx::mad_lo_cc(a.v[i + 1], ai, t[2 * i + 1]);
#pragma unroll
    for (int j = i + 2; j < 8; ++j) t[i + j] = ptx::madc_lo_cc(a.v[j], ai, t[i + j]);
    t[i + 8] = ptx::addc_cc(t[i + 8], 0);
    t[i + 9] = ptx::addc(t[i + 9], 0);
    t[2 * i + 2] = ptx::mad_hi_cc(a.v[i + 1], ai, t[2 * i + 2]);
#pragma unroll
    for (int j = i + 2; j < 8; ++j) t[i + j + 1] = ptx::madc_hi_cc(a.v[j], ai, t[i + j + 1]);
    t[i + 9] = ptx::addc(t[i + 9], 0);
  }
  // Doubled, then the squares a_i^2 at t[2i].
  t[15] = (t[15] << 1) | (t[14] >> 31);
#pragma unroll
  for (int k = 14; k > 0; --k) t[k] = (t[k] << 1) | (t[k - 1] >> 31);
  t[0] = ptx::mad_lo_cc(a.v[0], a.v[0], 0);
  t[1] = ptx::madc_hi_cc(a.v[0], a.v[0], t[1]);
#pragma unroll
  for (int i = 1; i < 8; ++i) {
    t[2 * i] = ptx::madc_lo_cc(a.v[i], a.v[i], t[2 * i]);
    t[2 * i + 1] = ptx::madc_hi_cc(a.v[i], a.v[i], t[2 * i + 1]);
  }
#else
  for (int i = 0; i < 7; ++i) {
    std::uint64_t c = 0;
    for (int j = i + 1; j < 8; ++j) {
      c += std::uint64_t{a.v[j]} * a.v[i] + t[i + j];
      t[i + j] = static_cast<std::uint32_t>(c);
      c >>= 32;
    }
    t[i + 8] = static_cast<std::uint32_t>(c);
  }
  std::uint32_t doubled[16];
  for (int k = 0; k < 16; ++k) doubled[k] = (t[k] << 1) | (k > 0 ? t[k - 1] >> 31 : 0);
  std::uint64_t c = 0;
  for (int k = 0; k < 16; ++k) {
    const std::uint64_t sq = std::uint64_t{a.v[k / 2]} * a.v[k / 2];
    c += std::uint64_t{doubled[k]} + ((k % 2 == 0) ? (sq & 0xffffffffu) : (sq >> 32));
    t[k] = static_cast<std::uint32_t>(c);
    c >>= 32;
  }
#endif
  return field_detail::fold(t);
}

// The representative below p.
HWBENCH_HD Fe canonical(const Fe& a) {
  // Fold bit 255 (2^255 = 19): the value is then below 2^255 + 19 * 2.
  Fe r;
  std::uint64_t c = std::uint64_t{a.v[7] >> 31} * 19;
  for (int i = 0; i < 8; ++i) {
    c += (i == 7) ? (a.v[7] & 0x7fffffffu) : a.v[i];
    r.v[i] = static_cast<std::uint32_t>(c);
    c >>= 32;
  }
  // r >= p exactly when r + 19 reaches 2^255; then r - p = (r + 19) - 2^255.
  Fe s;
  c = 19;
  for (int i = 0; i < 8; ++i) {
    c += r.v[i];
    s.v[i] = static_cast<std::uint32_t>(c);
    c >>= 32;
  }
  const bool ge_p = (s.v[7] >> 31) != 0;
  s.v[7] &= 0x7fffffffu;
  return ge_p ? s : r;
}

HWBENCH_HD bool is_zero(const Fe& a) {
  const Fe c = canonical(a);
  std::uint32_t x = 0;
  for (int i = 0; i < 8; ++i) x |= c.v[i];
  return x == 0;
}

// The sign of RFC 8032: the low bit of the canonical value.
HWBENCH_HD bool is_negative(const Fe& a) { return (canonical(a).v[0] & 1) != 0; }

HWBENCH_HD bool operator==(const Fe& a, const Fe& b) { return is_zero(a - b); }

HWBENCH_HD Fe Fe::from_bytes(const std::uint8_t* s) {
  Fe r;
  for (int i = 0; i < 8; ++i) {
    r.v[i] = std::uint32_t{s[4 * i]} | (std::uint32_t{s[4 * i + 1]} << 8) |
             (std::uint32_t{s[4 * i + 2]} << 16) | (std::uint32_t{s[4 * i + 3]} << 24);
  }
  r.v[7] &= 0x7fffffffu;
  return r;
}

HWBENCH_HD void to_bytes(const Fe& a, std::uint8_t* s) {
  const Fe c = canonical(a);
  for (int i = 0; i < 8; ++i) {
    for (int b = 0; b < 4; ++b) s[4 * i + b] = static_cast<std::uint8_t>(c.v[i] >> (8 * b));
  }
}

}  // namespace hwbench::ed25519
