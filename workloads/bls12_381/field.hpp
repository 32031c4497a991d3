#pragma once

// Prime fields in Montgomery form with 64-bit limbs, for the host. Shared by msm (Fp for the curve,
// Fr for scalars) and ntt (Fr). Multiplication is CIOS without the final carry word, valid because
// both moduli leave the top limb's highest bit and more free (p < 2^381, r < 2^255); the portable
// squaring computes the half product once and doubles it, then reduces. On x86-64 CPUs with BMI2 and
// ADX both go through the mulx/adx multiplication of montgomery_adx.hpp instead (about 1.6x faster
// on the hosts we measured).
#include <array>
#include <cstddef>
#include <cstdint>

#include "workloads/bls12_381/almost_inverse.hpp"
#include "workloads/bls12_381/montgomery_adx.hpp"

namespace hwbench::bls12_381 {

using u128 = unsigned __int128;

template <std::size_t N>
using Limbs = std::array<std::uint64_t, N>;

// Compile-time helpers on little-endian limb arrays.
template <std::size_t N>
constexpr bool less_than(const Limbs<N>& a, const Limbs<N>& b) {
  for (std::size_t i = N; i-- > 0;) {
    if (a[i] != b[i]) return a[i] < b[i];
  }
  return false;
}

template <std::size_t N>
constexpr Limbs<N> sub_small(Limbs<N> a, std::uint64_t v) {
  for (std::size_t i = 0; i < N && v != 0; ++i) {
    const std::uint64_t before = a[i];
    a[i] -= v;
    v = before < v ? 1 : 0;
  }
  return a;
}

template <std::size_t N>
constexpr Limbs<N> add_small(Limbs<N> a, std::uint64_t v) {
  for (std::size_t i = 0; i < N && v != 0; ++i) {
    a[i] += v;
    v = a[i] < v ? 1 : 0;
  }
  return a;
}

template <std::size_t N>
constexpr Limbs<N> shift_right(Limbs<N> a, unsigned bits) {
  for (std::size_t i = 0; i < N; ++i) {
    a[i] = (a[i] >> bits) | (i + 1 < N ? a[i + 1] << (64 - bits) : 0);
  }
  return a;
}

template <class Params>
class Field {
 public:
  static constexpr std::size_t kLimbs = Params::kLimbs;
  using Repr = Limbs<kLimbs>;

  constexpr Field() = default;

  static constexpr Field zero() { return Field(); }
  static constexpr Field one() { return from_montgomery(Params::kOne); }
  static constexpr Field from_montgomery(const Repr& limbs) {
    Field f;
    f.m_limbs = limbs;
    return f;
  }
  // From a canonical integer < modulus (caller checks with is_canonical).
  static Field from_canonical(const Repr& value) {
    return from_montgomery(value) * from_montgomery(Params::kR2);
  }
  static Field from_u64(std::uint64_t v) {
    Repr r{};
    r[0] = v;
    return from_canonical(r);
  }
  static constexpr bool is_canonical(const Repr& value) { return less_than(value, Params::kModulus); }

  Repr to_canonical() const {
    Repr one{};
    one[0] = 1;
    return (*this * from_montgomery(one)).m_limbs;
  }
  constexpr const Repr& montgomery() const { return m_limbs; }

  bool is_zero() const {
    std::uint64_t acc = 0;
    for (auto l : m_limbs) acc |= l;
    return acc == 0;
  }
  friend bool operator==(const Field& a, const Field& b) { return a.m_limbs == b.m_limbs; }

  // Both moduli are below 2^(64N - 2), so a + b never carries out of the top limb; the sums and
  // differences are corrected by a masked add or subtract of the modulus, without data branches.
  friend Field operator+(const Field& a, const Field& b) {
    Repr sum, reduced;
    add_limbs(a.m_limbs, b.m_limbs, sum);
    const std::uint64_t borrow = sub_limbs(sum, Params::kModulus, reduced);
    return from_montgomery(select(borrow, sum, reduced));
  }

  friend Field operator-(const Field& a, const Field& b) {
    Repr diff, masked;
    const std::uint64_t mask = -sub_limbs(a.m_limbs, b.m_limbs, diff);
    for (std::size_t i = 0; i < kLimbs; ++i) masked[i] = Params::kModulus[i] & mask;
    add_limbs(diff, masked, diff);
    return from_montgomery(diff);
  }

  Field operator-() const { return zero() - *this; }
  Field doubled() const { return *this + *this; }

  friend Field operator*(const Field& a, const Field& b) {
#if HWBENCH_MONTGOMERY_ADX
    if (adx::kAvailable) {
      Field out;
      if constexpr (kLimbs == 6) {
        adx::mul6(a.m_limbs.data(), b.m_limbs.data(), Params::kModulus.data(), Params::kInv,
                  out.m_limbs.data());
      } else {
        static_assert(kLimbs == 4);
        adx::mul4(a.m_limbs.data(), b.m_limbs.data(), Params::kModulus.data(), Params::kInv,
                  out.m_limbs.data());
      }
      return out;
    }
#endif
    return portable_mul(a, b);
  }

  // The CIOS loop in portable C++ (also the reference the tests hold the mulx/adx path to).
  static Field portable_mul(const Field& a, const Field& b) {
    Repr t{};
    for (std::size_t i = 0; i < kLimbs; ++i) {
      u128 s = static_cast<u128>(a.m_limbs[0]) * b.m_limbs[i] + t[0];
      t[0] = static_cast<std::uint64_t>(s);
      std::uint64_t carry_a = static_cast<std::uint64_t>(s >> 64);
      const std::uint64_t m = t[0] * Params::kInv;
      u128 r = static_cast<u128>(m) * Params::kModulus[0] + t[0];
      std::uint64_t carry_m = static_cast<std::uint64_t>(r >> 64);
      for (std::size_t j = 1; j < kLimbs; ++j) {
        s = static_cast<u128>(a.m_limbs[j]) * b.m_limbs[i] + t[j] + carry_a;
        t[j] = static_cast<std::uint64_t>(s);
        carry_a = static_cast<std::uint64_t>(s >> 64);
        r = static_cast<u128>(m) * Params::kModulus[j] + t[j] + carry_m;
        t[j - 1] = static_cast<std::uint64_t>(r);
        carry_m = static_cast<std::uint64_t>(r >> 64);
      }
      t[kLimbs - 1] = carry_a + carry_m;
    }
    Field out = from_montgomery(t);
    out.reduce_once();
    return out;
  }

  Field squared() const {
#if HWBENCH_MONTGOMERY_ADX
    // The mulx/adx multiplication beats the portable half-product squaring.
    if (adx::kAvailable) return *this * *this;
#endif
    return portable_squared();
  }

  Field portable_squared() const {
    std::uint64_t t[2 * kLimbs] = {};
    // Off-diagonal products once...
    for (std::size_t i = 0; i < kLimbs; ++i) {
      std::uint64_t carry = 0;
      for (std::size_t j = i + 1; j < kLimbs; ++j) {
        const u128 s = static_cast<u128>(m_limbs[i]) * m_limbs[j] + t[i + j] + carry;
        t[i + j] = static_cast<std::uint64_t>(s);
        carry = static_cast<std::uint64_t>(s >> 64);
      }
      t[i + kLimbs] = carry;
    }
    // ...doubled, plus the squares on the diagonal.
    std::uint64_t top = 0;
    for (std::size_t i = 0; i < 2 * kLimbs; ++i) {
      const std::uint64_t v = t[i];
      t[i] = (v << 1) | top;
      top = v >> 63;
    }
    std::uint64_t carry = 0;
    for (std::size_t i = 0; i < kLimbs; ++i) {
      u128 s = static_cast<u128>(m_limbs[i]) * m_limbs[i] + t[2 * i] + carry;
      t[2 * i] = static_cast<std::uint64_t>(s);
      s = static_cast<u128>(t[2 * i + 1]) + static_cast<std::uint64_t>(s >> 64);
      t[2 * i + 1] = static_cast<std::uint64_t>(s);
      carry = static_cast<std::uint64_t>(s >> 64);
    }
    // Montgomery reduction of the double-width square.
    std::uint64_t extra = 0;
    for (std::size_t i = 0; i < kLimbs; ++i) {
      const std::uint64_t m = t[i] * Params::kInv;
      std::uint64_t c = 0;
      for (std::size_t j = 0; j < kLimbs; ++j) {
        const u128 s = static_cast<u128>(m) * Params::kModulus[j] + t[i + j] + c;
        t[i + j] = static_cast<std::uint64_t>(s);
        c = static_cast<std::uint64_t>(s >> 64);
      }
      const u128 s = static_cast<u128>(t[i + kLimbs]) + c + extra;
      t[i + kLimbs] = static_cast<std::uint64_t>(s);
      extra = static_cast<std::uint64_t>(s >> 64);
    }
    Field out;
    for (std::size_t i = 0; i < kLimbs; ++i) out.m_limbs[i] = t[i + kLimbs];
    out.reduce_once();
    return out;
  }

  // this^e for an exponent given as canonical limbs, left to right.
  Field pow(const Repr& e) const {
    Field result = one();
    for (std::size_t i = kLimbs; i-- > 0;) {
      for (int bit = 63; bit >= 0; --bit) {
        result = result.squared();
        if ((e[i] >> bit) & 1) result = result * *this;
      }
    }
    return result;
  }

  // 1 / this (zero maps to zero) by the almost inverse (almost_inverse.hpp, variable time): with
  // this = x R (R = 2^(64 N)) it gives x^-1 R^-1 2^k, and one Montgomery multiplication by
  // 2^(3 64 N - k) mod modulus leaves x^-1 R.
  Field inverse() const {
    if (is_zero()) return zero();
    const AlmostInverse<kLimbs> almost = almost_inverse(m_limbs, Params::kModulus);
    return from_montgomery(almost.value) * from_montgomery(powers_of_two()[almost.k]);
  }

  // Fermat: this^(modulus - 2); zero maps to zero. The reference the tests hold inverse() to.
  Field inverse_by_fermat() const { return pow(sub_small(Params::kModulus, 2)); }

 private:
  // Entry k: 2^(3 64 N - k) mod modulus as raw limbs, for every k the almost inverse can return
  // (at most 2 64 N); entry 2 64 N is R mod modulus, each entry below it the double of the next.
  static const std::array<Repr, 2 * 64 * kLimbs + 1>& powers_of_two() {
    static const auto table = [] {
      std::array<Repr, 2 * 64 * kLimbs + 1> t{};
      Field power = from_montgomery(Params::kOne);
      for (std::size_t k = t.size(); k-- > 0;) {
        t[k] = power.m_limbs;
        power = power + power;
      }
      return t;
    }();
    return table;
  }

  // out = a + b mod 2^(64N); returns the carry out.
  static std::uint64_t add_limbs(const Repr& a, const Repr& b, Repr& out) {
#if HWBENCH_MONTGOMERY_ADX
    // The carry intrinsics become one adc chain; the 128-bit form below does not.
    unsigned char c = 0;
    for (std::size_t i = 0; i < kLimbs; ++i) {
      unsigned long long r;
      c = __builtin_ia32_addcarryx_u64(c, a[i], b[i], &r);
      out[i] = r;
    }
    return c;
#endif
    std::uint64_t carry = 0;
    for (std::size_t i = 0; i < kLimbs; ++i) {
      const u128 s = static_cast<u128>(a[i]) + b[i] + carry;
      out[i] = static_cast<std::uint64_t>(s);
      carry = static_cast<std::uint64_t>(s >> 64);
    }
    return carry;
  }

  // out = a - b mod 2^(64N); returns 1 when a < b.
  static std::uint64_t sub_limbs(const Repr& a, const Repr& b, Repr& out) {
#if HWBENCH_MONTGOMERY_ADX
    unsigned char c = 0;
    for (std::size_t i = 0; i < kLimbs; ++i) {
      unsigned long long r;
      c = adx::subtract_borrow(c, a[i], b[i], &r);
      out[i] = r;
    }
    return c;
#endif
    std::uint64_t borrow = 0;
    for (std::size_t i = 0; i < kLimbs; ++i) {
      const u128 d = static_cast<u128>(a[i]) - b[i] - borrow;
      out[i] = static_cast<std::uint64_t>(d);
      borrow = static_cast<std::uint64_t>(d >> 64) & 1;
    }
    return borrow;
  }

  // `if_set` when flag is 1, else `if_clear`.
  static Repr select(std::uint64_t flag, const Repr& if_set, const Repr& if_clear) {
    const std::uint64_t mask = -flag;
    Repr out;
    for (std::size_t i = 0; i < kLimbs; ++i) out[i] = (if_set[i] & mask) | (if_clear[i] & ~mask);
    return out;
  }

  // Brings a value in [0, 2*modulus) into [0, modulus).
  void reduce_once() {
    Repr reduced;
    const std::uint64_t borrow = sub_limbs(m_limbs, Params::kModulus, reduced);
    m_limbs = select(borrow, m_limbs, reduced);
  }

  Repr m_limbs{};
};

}  // namespace hwbench::bls12_381
