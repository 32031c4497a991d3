#pragma once

// Fp and Fr of BLS12-381 on the device: 12 and 8 x 32-bit limbs in the same Montgomery form as the
// host's fields (R = 2^384 and 2^256 both ways), so host values copy over unchanged. Multiplication is CIOS
// over 32-bit words with PTX carry chains: per word of b, the low and the high halves of a * b_i go through
// two mad/madc chains (backends/cuda/ptx.cuh), then the same for m * p.
#include <cstddef>
#include <cstdint>

#include "backends/cuda/ptx.cuh"
#include "workloads/bls12_381/params.hpp"

namespace hwbench::bls12_381::device {

namespace ptx = cuda::ptx;

// The moduli and Montgomery constants as 32-bit words, little-endian: the host's 64-bit limbs cut
// in halves (checked at compile time below), so host values copy to the device unchanged.
struct FpWords {
  static constexpr int kLimbs = 12;
  static constexpr std::uint32_t kInv = 0xfffcfffd;  // -p^(-1) mod 2^32
  __host__ __device__ static constexpr std::uint32_t modulus(int i) {
    constexpr std::uint32_t p[kLimbs] = {0xffffaaab, 0xb9feffff, 0xb153ffff, 0x1eabfffe,
                                         0xf6b0f624, 0x6730d2a0, 0xf38512bf, 0x64774b84,
                                         0x434bacd7, 0x4b1ba7b6, 0x397fe69a, 0x1a0111ea};
    return p[i];
  }
  __host__ __device__ static constexpr std::uint32_t montgomery_one(int i) {
    constexpr std::uint32_t one[kLimbs] = {0x0002fffd, 0x76090000, 0xc40c0002, 0xebf4000b,
                                           0x53c758ba, 0x5f489857, 0x70525745, 0x77ce5853,
                                           0xa256ec6d, 0x5c071a97, 0xfa80e493, 0x15f65ec3};
    return one[i];
  }
  using Host = FpParams;
};

struct FrWords {
  static constexpr int kLimbs = 8;
  static constexpr std::uint32_t kInv = 0xffffffff;  // -r^(-1) mod 2^32
  __host__ __device__ static constexpr std::uint32_t modulus(int i) {
    constexpr std::uint32_t r[kLimbs] = {0x00000001, 0xffffffff, 0xfffe5bfe, 0x53bda402,
                                         0x09a1d805, 0x3339d808, 0x299d7d48, 0x73eda753};
    return r[i];
  }
  __host__ __device__ static constexpr std::uint32_t montgomery_one(int i) {
    constexpr std::uint32_t one[kLimbs] = {0xfffffffe, 0x00000001, 0x00034802, 0x5884b7fa,
                                           0xecbc4ff5, 0x998c4fef, 0xacc5056f, 0x1824b159};
    return one[i];
  }
  using Host = FrParams;
};

template <class Words>
constexpr bool words_match_host() {
  using Host = typename Words::Host;
  if (Words::kLimbs != 2 * static_cast<int>(Host::kLimbs)) return false;
  if (Words::kInv != static_cast<std::uint32_t>(Host::kInv)) return false;
  for (int i = 0; i < Words::kLimbs; ++i) {
    const int shift = 32 * (i % 2);
    const auto limb = static_cast<std::size_t>(i / 2);
    if (Words::modulus(i) != static_cast<std::uint32_t>(Host::kModulus[limb] >> shift)) return false;
    if (Words::montgomery_one(i) != static_cast<std::uint32_t>(Host::kOne[limb] >> shift)) return false;
  }
  return true;
}
static_assert(words_match_host<FpWords>() && words_match_host<FrWords>());

template <class Words>
struct Field {
  static constexpr int kLimbs = Words::kLimbs;
  __device__ static constexpr std::uint32_t modulus(int i) { return Words::modulus(i); }
  static constexpr std::uint32_t kInv = Words::kInv;

  std::uint32_t v[kLimbs] = {};

  __device__ static Field one() {
    Field r;
#pragma unroll
    for (int i = 0; i < kLimbs; ++i) r.v[i] = Words::montgomery_one(i);
    return r;
  }

  __device__ bool is_zero() const {
    std::uint32_t acc = 0;
#pragma unroll
    for (int i = 0; i < kLimbs; ++i) acc |= v[i];
    return acc == 0;
  }

  // t (kLimbs words + top word) minus the modulus if that does not go negative: the result is reduced.
  __device__ static Field reduce(const std::uint32_t t[kLimbs], std::uint32_t top) {
    Field r;
    r.v[0] = ptx::sub_cc(t[0], modulus(0));
#pragma unroll
    for (int i = 1; i < kLimbs; ++i) r.v[i] = ptx::subc_cc(t[i], modulus(i));
    const std::uint32_t borrow = ptx::subc(top, 0);
    if (borrow != 0) {
#pragma unroll
      for (int i = 0; i < kLimbs; ++i) r.v[i] = t[i];
    }
    return r;
  }

  __device__ friend Field operator+(const Field& a, const Field& b) {
    std::uint32_t t[kLimbs];
    t[0] = ptx::add_cc(a.v[0], b.v[0]);
#pragma unroll
    for (int i = 1; i < kLimbs; ++i) t[i] = ptx::addc_cc(a.v[i], b.v[i]);
    const std::uint32_t top = ptx::addc(0, 0);
    return reduce(t, top);
  }

  __device__ friend Field operator-(const Field& a, const Field& b) {
    Field r;
    r.v[0] = ptx::sub_cc(a.v[0], b.v[0]);
#pragma unroll
    for (int i = 1; i < kLimbs; ++i) r.v[i] = ptx::subc_cc(a.v[i], b.v[i]);
    const std::uint32_t borrow = ptx::subc(0, 0);
    if (borrow != 0) {
      r.v[0] = ptx::add_cc(r.v[0], modulus(0));
#pragma unroll
      for (int i = 1; i < kLimbs; ++i) r.v[i] = ptx::addc_cc(r.v[i], modulus(i));
      ptx::addc(0, 0);
    }
    return r;
  }

  __device__ Field operator-() const { return Field() - *this; }
  __device__ Field doubled() const { return *this + *this; }

  // Fp's product is about 600 instructions (9 KB of code). Inlined into the point formulas, one G1
  // addition grew to about 200 KB, past the instruction caches, and threads waited on
  // instruction fetches: called, one copy stays cached (H100: an addition's latency 51 -> 22 us, the
  // throughput of additions +40%). Fr's products stay inlined: an NTT butterfly has one.
  static constexpr bool kCalled = kLimbs > 8;

  __device__ friend Field operator*(const Field& a, const Field& b) {
    if constexpr (kCalled) {
      return multiply_called(a, b);
    } else {
      return multiply(a, b);
    }
  }

  // By value: the words travel in registers (references put them on the stack).
  __device__ __noinline__ static Field multiply_called(Field a, Field b) { return multiply(a, b); }

  // t[0 .. kLimbs + 1] += x y for the kLimbs-word x (word j is x(j)) and the word y: the low halves of
  // the products into t[0 .. kLimbs), the high halves into t[1 .. kLimbs], carries into the top words.
  template <class X>
  __device__ __forceinline__ static void add_row(std::uint32_t t[kLimbs + 2], X x, std::uint32_t y) {
    t[0] = ptx::mad_lo_cc(x(0), y, t[0]);
#pragma unroll
    for (int j = 1; j < kLimbs; ++j) t[j] = ptx::madc_lo_cc(x(j), y, t[j]);
    t[kLimbs] = ptx::addc_cc(t[kLimbs], 0);
    t[kLimbs + 1] = ptx::addc(t[kLimbs + 1], 0);
    t[1] = ptx::mad_hi_cc(x(0), y, t[1]);
#pragma unroll
    for (int j = 1; j < kLimbs; ++j) t[j + 1] = ptx::madc_hi_cc(x(j), y, t[j + 1]);
    t[kLimbs + 1] = ptx::addc(t[kLimbs + 1], 0);
  }

  // One Montgomery step: t += m p with m chosen so that t[0] becomes 0, then t shifted down one word.
  __device__ __forceinline__ static void reduce_word(std::uint32_t t[kLimbs + 2]) {
    add_row(
        t, [](int j) { return modulus(j); }, t[0] * kInv);
#pragma unroll
    for (int j = 0; j <= kLimbs; ++j) t[j] = t[j + 1];
    t[kLimbs + 1] = 0;
  }

  __device__ __forceinline__ static Field multiply(const Field& a, const Field& b) {
    std::uint32_t t[kLimbs + 2] = {};
#pragma unroll
    for (int i = 0; i < kLimbs; ++i) {
      add_row(
          t, [&](int j) { return a.v[j]; }, b.v[i]);
      reduce_word(t);
    }
    return reduce(t, t[kLimbs]);
  }

  // A dedicated squaring (each cross product once: 20.4 against 16.5 G/s alone on the H100) made msm
  // slower (2^20 14.1 against 12.9 ms): a second called routine beside the multiplication.
  __device__ Field squared() const { return *this * *this; }

  // Word i of the modulus minus 2 (the Fermat exponent), borrow included.
  __device__ static constexpr std::uint32_t modulus_minus_2(int i) {
    std::uint32_t borrow = 2;
    for (int k = 0; k < i; ++k) borrow = modulus(k) < borrow ? 1 : 0;
    return modulus(i) - borrow;
  }

  // Fermat: this^(m - 2), left to right over the exponent's bits; zero maps to zero. Set-up only.
  __device__ Field inverse() const {
    Field result = one();
    // Rolled loops: unrolled, the hundreds of squarings would all be inlined.
#pragma unroll 1
    for (int i = kLimbs - 1; i >= 0; --i) {
      const std::uint32_t e = modulus_minus_2(i);
#pragma unroll 1
      for (int bit = 31; bit >= 0; --bit) {
        result = result.squared();
        if ((e >> bit) & 1u) result = result * *this;
      }
    }
    return result;
  }
};

using Fp = Field<FpWords>;
using Fr = Field<FrWords>;

// An affine point on the device; (0, 0) is not on the curve and stands for infinity.
struct Affine {
  Fp x;
  Fp y;
  __device__ bool is_infinity() const { return x.is_zero() && y.is_zero(); }
};

}  // namespace hwbench::bls12_381::device
