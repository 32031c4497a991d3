#pragma once

// Scalars modulo the group order L = 2^252 + c, c = 27742317777372353535851937790883648493, as 8
// little-endian 32-bit words, for host and device: the S < L check, reduction of the 512-bit challenge
// hash, and the signed-window digits of the double-scalar multiplication.
#include <cstdint>

#include "core/hd.hpp"

namespace hwbench::ed25519 {

struct Scalar {
  std::uint32_t v[8];
};

HWBENCH_HD constexpr std::uint32_t order_word(int i) {
  constexpr std::uint32_t l[8] = {0x5cf5d3ed, 0x5812631a, 0xa2f79cd6, 0x14def9de, 0, 0, 0, 0x10000000};
  return l[i];
}

HWBENCH_HD Scalar scalar_from_bytes(const std::uint8_t* s) {
  Scalar r;
  for (int i = 0; i < 8; ++i) {
    r.v[i] = std::uint32_t{s[4 * i]} | (std::uint32_t{s[4 * i + 1]} << 8) |
             (std::uint32_t{s[4 * i + 2]} << 16) | (std::uint32_t{s[4 * i + 3]} << 24);
  }
  return r;
}

HWBENCH_HD void scalar_to_bytes(const Scalar& s, std::uint8_t* out) {
  for (int i = 0; i < 8; ++i) {
    for (int b = 0; b < 4; ++b) out[4 * i + b] = static_cast<std::uint8_t>(s.v[i] >> (8 * b));
  }
}

// s < L: the canonical-S rule of RFC 8032 5.1.7.
HWBENCH_HD bool below_order(const Scalar& s) {
  for (int i = 7; i >= 0; --i) {
    if (s.v[i] != order_word(i)) return s.v[i] < order_word(i);
  }
  return false;
}

// x mod L for x of `bytes` little-endian bytes (even, at most 64), 16 bits at a time from the top:
// r <- r 2^16 + chunk, then the multiple q = floor(r / 2^252) of L comes off as q 2^252 (clearing the
// top bits) and q c (a subtraction that may go below zero by less than L, then L goes back on).
HWBENCH_HD Scalar reduce_mod_order(const std::uint8_t* x, int bytes) {
  Scalar r{{0, 0, 0, 0, 0, 0, 0, 0}};
  HWBENCH_ROLLED
  for (int i = bytes / 2 - 1; i >= 0; --i) {
    const std::uint32_t chunk = std::uint32_t{x[2 * i]} | (std::uint32_t{x[2 * i + 1]} << 8);
    std::uint32_t t[9];
    t[8] = r.v[7] >> 16;
    for (int k = 7; k > 0; --k) t[k] = (r.v[k] << 16) | (r.v[k - 1] >> 16);
    t[0] = (r.v[0] << 16) | chunk;
    const std::uint32_t q = (t[7] >> 28) | (t[8] << 4);  // below 2^17
    t[7] &= 0x0fffffffu;
    std::uint64_t product = 0;
    std::int64_t borrow = 0;
    for (int k = 0; k < 8; ++k) {
      product += k < 4 ? std::uint64_t{q} * order_word(k) : 0;
      const std::int64_t d = std::int64_t{t[k]} - static_cast<std::int64_t>(product & 0xffffffffu) + borrow;
      r.v[k] = static_cast<std::uint32_t>(d);
      borrow = d < 0 ? -1 : 0;
      product >>= 32;
    }
    if (borrow != 0) {
      std::uint64_t carry = 0;
      for (int k = 0; k < 8; ++k) {
        carry += std::uint64_t{r.v[k]} + order_word(k);
        r.v[k] = static_cast<std::uint32_t>(carry);
        carry >>= 32;
      }
    }
  }
  return r;
}

// A scalar below 2^253 as signed digits d_i in [-2^(W-1), 2^(W-1)] with s = sum d_i 2^(W i). Digit i is
// window i's bits plus the carry out of window i - 1 minus 2^W times its own carry; the carries are
// found once, bottom up, and kept as one bit per window, so digits can be read from the top.
template <int W>
struct SignedWindows {
  static constexpr int kCount = (253 + W) / W;  // the top window absorbs the last carry
  static_assert(kCount <= 64, "one carry bit per window in a 64-bit mask");

  Scalar s;
  std::uint64_t carries = 0;  // bit i: the carry into window i

  HWBENCH_HD explicit SignedWindows(const Scalar& scalar) : s(scalar) {
    std::uint32_t carry = 0;
    for (int i = 0; i < kCount; ++i) {
      const std::uint32_t e = bits(i) + carry;
      carry = e >= (1u << (W - 1)) ? 1u : 0u;
      if (carry != 0 && i + 1 < kCount) carries |= std::uint64_t{1} << (i + 1);
    }
  }

  HWBENCH_HD std::uint32_t bits(int i) const {
    const int bit = i * W;
    if (bit >= 256) return 0;
    const int word = bit / 32, offset = bit % 32;
    std::uint32_t x = s.v[word] >> offset;
    if (offset + W > 32 && word + 1 < 8) x |= s.v[word + 1] << (32 - offset);
    return x & ((1u << W) - 1);
  }

  HWBENCH_HD int digit(int i) const {
    const int in = static_cast<int>((carries >> i) & 1);
    const int out = i + 1 < kCount ? static_cast<int>((carries >> (i + 1)) & 1) : 0;
    return static_cast<int>(bits(i)) + in - (out << W);
  }
};

// A scalar below 2^253 in width-W non-adjacent form, for the host's variable-time multiplication: digits
// d_i, each 0 or odd with |d_i| < 2^(W-1), s = sum d_i 2^i, and any two non-zero digits at least W
// positions apart. Read bottom up: where the running value (bit plus carry) is odd, the next W bits
// become one digit, taken negative (with a carry up) when it is 2^(W-1) or more. A negative digit at
// bit 252 carries to bit 252 + W, so digits run to bit 263.
template <int W>
struct NonAdjacentForm {
  static_assert(W >= 2 && W <= 8, "digits in int8_t, a carry within the last word");
  static constexpr int kDigits = 264;

  std::int8_t digit[kDigits] = {};

  explicit NonAdjacentForm(const Scalar& s) {
    std::uint64_t words[5] = {0, 0, 0, 0, 0};
    for (int i = 0; i < 4; ++i) words[i] = std::uint64_t{s.v[2 * i]} | (std::uint64_t{s.v[2 * i + 1]} << 32);
    auto window = [&](int bit) {
      if (bit >= 256) return std::uint64_t{0};
      const int word = bit / 64, offset = bit % 64;
      std::uint64_t x = words[word] >> offset;
      if (offset + W > 64) x |= words[word + 1] << (64 - offset);
      return x & ((std::uint64_t{1} << W) - 1);
    };
    int carry = 0;
    for (int bit = 0; bit < kDigits;) {
      const int value = carry + static_cast<int>(window(bit));
      if ((value & 1) == 0) {  // the bit equals the carry: a zero digit, the carry goes on up
        ++bit;
        continue;
      }
      if (value < (1 << (W - 1))) {
        digit[bit] = static_cast<std::int8_t>(value);
        carry = 0;
      } else {
        digit[bit] = static_cast<std::int8_t>(value - (1 << W));
        carry = 1;
      }
      bit += W;
    }
  }
};

}  // namespace hwbench::ed25519
