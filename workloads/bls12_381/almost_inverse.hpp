#pragma once

// Inversion modulo an odd prime m by Kaliski's almost inverse, a binary extended GCD: for a in
// [1, m) it returns a^-1 2^k mod m and the number k of halvings it made (between bits(m) and
// 2 bits(m)); the caller removes 2^k with one multiplication by a tabled power of two. About five
// times faster than Fermat's a^(m - 2) for 381 bits. Variable time: its branches follow the bits
// of a. hwbench inverts only public values (batch denominators of bucket additions, conversions of
// results to affine form), never secrets.
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>

namespace hwbench::bls12_381 {

template <std::size_t N>
struct AlmostInverse {
  std::array<std::uint64_t, N> value{};  // a^-1 2^k mod m, canonical
  unsigned k = 0;
};

namespace almost_inverse_detail {

template <std::size_t N>
using Limbs = std::array<std::uint64_t, N>;

// x >>= t, 0 < t < 64.
template <std::size_t N>
inline void shift_right(Limbs<N>& x, unsigned t) {
  for (std::size_t i = 0; i + 1 < N; ++i) x[i] = (x[i] >> t) | (x[i + 1] << (64 - t));
  x[N - 1] >>= t;
}

// x <<= t, 0 < t < 64 (the caller knows the result fits).
template <std::size_t N>
inline void shift_left(Limbs<N>& x, unsigned t) {
  for (std::size_t i = N; i-- > 1;) x[i] = (x[i] << t) | (x[i - 1] >> (64 - t));
  x[0] <<= t;
}

template <std::size_t N>
inline void add_in_place(Limbs<N>& x, const Limbs<N>& y) {
  unsigned char carry = 0;
  for (std::size_t i = 0; i < N; ++i) {
    const std::uint64_t s = x[i] + y[i];
    const unsigned char c1 = s < x[i];
    x[i] = s + carry;
    carry = static_cast<unsigned char>(c1 | (x[i] < s));
  }
}

template <std::size_t N>
inline void sub_in_place(Limbs<N>& x, const Limbs<N>& y) {
  unsigned char borrow = 0;
  for (std::size_t i = 0; i < N; ++i) {
    const std::uint64_t d = x[i] - y[i];
    const unsigned char b1 = x[i] < y[i];
    x[i] = d - borrow;
    borrow = static_cast<unsigned char>(b1 | (d < borrow));
  }
}

template <std::size_t N>
inline bool greater(const Limbs<N>& x, const Limbs<N>& y) {
  for (std::size_t i = N; i-- > 0;) {
    if (x[i] != y[i]) return x[i] > y[i];
  }
  return false;
}

template <std::size_t N>
inline bool is_zero(const Limbs<N>& x) {
  std::uint64_t acc = 0;
  for (auto l : x) acc |= l;
  return acc == 0;
}

// The number of trailing zero bits of an even x to shift away at once: those of the low limb, at
// most 63 (a zero low limb shifts by 63, and the next round takes the rest).
template <std::size_t N>
inline unsigned even_shift(const Limbs<N>& x) {
  return x[0] == 0 ? 63u : static_cast<unsigned>(std::countr_zero(x[0]));
}

}  // namespace almost_inverse_detail

// Requires m odd, m < 2^(64 N - 1), a in [1, m). Invariant of the loop: m = u s + v r with u, v > 0,
// so r and s stay at most m; each halving of u doubles s, each of v doubles r.
template <std::size_t N>
AlmostInverse<N> almost_inverse(const std::array<std::uint64_t, N>& a,
                                const std::array<std::uint64_t, N>& m) {
  namespace d = almost_inverse_detail;
  d::Limbs<N> u = m, v = a, r{}, s{};
  s[0] = 1;
  unsigned k = 0;
  while (!d::is_zero(v)) {
    if ((u[0] & 1) == 0) {
      const unsigned t = d::even_shift(u);
      d::shift_right(u, t);
      d::shift_left(s, t);
      k += t;
    } else if ((v[0] & 1) == 0) {
      const unsigned t = d::even_shift(v);
      d::shift_right(v, t);
      d::shift_left(r, t);
      k += t;
    } else if (d::greater(u, v)) {
      d::sub_in_place(u, v);
      d::add_in_place(r, s);
    } else {
      d::sub_in_place(v, u);
      d::add_in_place(s, r);
    }
  }
  // Now u = 1 and -r = a^-1 2^k mod m, with 0 < r <= m.
  AlmostInverse<N> out;
  if (!d::greater(m, r)) d::sub_in_place(r, m);
  out.value = m;
  d::sub_in_place(out.value, r);
  if (!d::greater(m, out.value)) out.value = {};
  out.k = k;
  return out;
}

}  // namespace hwbench::bls12_381
