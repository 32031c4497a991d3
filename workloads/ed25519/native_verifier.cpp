#include "workloads/ed25519/native_verifier.hpp"

#include <openssl/evp.h>

#include <array>
#include <cstring>
#include <memory>

#include "workloads/bls12_381/fp_ifma.hpp"
#include "workloads/ed25519/edwards.hpp"
#include "workloads/ed25519/field51.hpp"
#include "workloads/ed25519/lanes_ifma.hpp"
#include "workloads/ed25519/scalar.hpp"
#include "workloads/ed25519/sha512.hpp"

namespace hwbench::ed25519 {
namespace {

constexpr int kKeyWidth = 5;   // 8 odd multiples of -A, built per signature: 1 doubling, 7 additions
constexpr int kBaseWidth = 8;  // 64 odd multiples of B, built once: 7.5 KB, in L1
constexpr int kKeyMultiples = 1 << (kKeyWidth - 2);
constexpr int kBaseMultiples = 1 << (kBaseWidth - 2);

using Point = ExtendedPoint<Fe51>;

// [1, 3, 5, ...](p).
template <int kCount>
std::array<Point, kCount> odd_multiples(const Point& p) {
  std::array<Point, kCount> multiples;
  const CachedPoint<Fe51> twice = to_cached(to_extended(dbl(to_projective(p))));
  multiples[0] = p;
  for (int i = 1; i < kCount; ++i) multiples[i] = to_extended(add<false>(multiples[i - 1], twice));
  return multiples;
}

// [1, 3, 5, ..., 127]B with Z = 1, once per process.
const std::array<AffineCachedPoint<Fe51>, kBaseMultiples>& base_multiples() {
  static const auto table = [] {
    std::array<AffineCachedPoint<Fe51>, kBaseMultiples> affine;
    const auto multiples = odd_multiples<kBaseMultiples>(base_point<Fe51>());
    for (int i = 0; i < kBaseMultiples; ++i) affine[i] = to_affine_cached(multiples[i]);
    return affine;
  }();
  return table;
}

// SHA-512(R || A || M) through OpenSSL's digest (its vector code: a quarter of the time of sha512.hpp's
// portable rounds), one context per thread; sha512.hpp's should OpenSSL fail.
void challenge_hash(const std::uint8_t* r, const std::uint8_t* a, const std::uint8_t* m, std::size_t length,
                    std::uint8_t out[64]) {
  static EVP_MD* const sha512 = EVP_MD_fetch(nullptr, "SHA512", nullptr);
  thread_local const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(),
                                                                                 EVP_MD_CTX_free);
  unsigned int size = 0;
  if (sha512 != nullptr && ctx != nullptr && EVP_DigestInit_ex2(ctx.get(), sha512, nullptr) == 1 &&
      EVP_DigestUpdate(ctx.get(), r, 32) == 1 && EVP_DigestUpdate(ctx.get(), a, 32) == 1 &&
      EVP_DigestUpdate(ctx.get(), m, length) == 1 && EVP_DigestFinal_ex(ctx.get(), out, &size) == 1 &&
      size == 64) {
    return;
  }
  sha512_ram(r, a, m, length, out);
}

template <class Table>
CompletedPoint<Fe51> add_digit(const Point& p, const Table& table, int digit) {
  return digit > 0 ? add<false>(p, table[digit / 2]) : add<true>(p, table[-digit / 2]);
}

}  // namespace

bool native_verify(const std::uint8_t public_key[32], const std::uint8_t* message, std::size_t length,
                   const std::uint8_t signature[64]) {
  const Scalar s = scalar_from_bytes(signature + 32);
  if (!below_order(s)) return false;
  Point a;
  if (!decode(public_key, a)) return false;
  a.x = -a.x;
  a.t = -a.t;
  std::uint8_t h[64];
  challenge_hash(signature, public_key, message, length, h);
  const NonAdjacentForm<kKeyWidth> k_digits(reduce_mod_order(h, 64));
  const NonAdjacentForm<kBaseWidth> s_digits(s);
  std::array<CachedPoint<Fe51>, kKeyMultiples> a_multiples;
  const auto multiples = odd_multiples<kKeyMultiples>(a);
  for (int i = 0; i < kKeyMultiples; ++i) a_multiples[i] = to_cached(multiples[i]);
  const auto& b_multiples = base_multiples();

  int top = NonAdjacentForm<kKeyWidth>::kDigits - 1;
  while (top >= 0 && k_digits.digit[top] == 0 && s_digits.digit[top] == 0) --top;
  // [k](-A) + [S]B from the top digit down: a doubling per bit, an addition per non-zero digit; a
  // doubling's result goes on to projective coordinates unless an addition follows.
  ProjectivePoint<Fe51> r = to_projective(identity<Fe51>());
  for (int i = top; i >= 0; --i) {
    CompletedPoint<Fe51> t = dbl(r);
    if (const int d = k_digits.digit[i]; d != 0) t = add_digit(to_extended(t), a_multiples, d);
    if (const int d = s_digits.digit[i]; d != 0) t = add_digit(to_extended(t), b_multiples, d);
    r = to_projective(t);
  }
  std::uint8_t encoded[32];
  encode(r, encoded);
  return std::memcmp(encoded, signature, 32) == 0;
}

bool native_lanes_available() { return bls12_381::ifma::available(); }

void native_verify_items(const Input& in, std::size_t begin, std::size_t end, std::uint8_t* verdicts) {
#if defined(__x86_64__)
  const bool lanes = native_lanes_available();
#else
  constexpr bool lanes = false;  // lanes_ifma.cpp is x86-64 code
#endif
  if (!lanes) {
    for (std::size_t i = begin; i < end; ++i)
      verdicts[i] = native_verify(in.key(i), in.message(i), in.msg_bytes, in.signature(i)) ? 1 : 0;
    return;
  }
#if defined(__x86_64__)
  static_assert(lanes::kWindows == SignedWindows<lanes::kWindowBits>::kCount);
  static_assert(lanes::kLanes == kNativeLanes);
  for (std::size_t first = begin; first < end; first += lanes::kLanes) {
    // Lanes past the end repeat the group's first item; their verdicts are dropped.
    lanes::Group group;
    bool in_range[lanes::kLanes];
    for (int lane = 0; lane < lanes::kLanes; ++lane) {
      const std::size_t i = first + static_cast<std::size_t>(lane) < end ? first + lane : first;
      std::memcpy(group.key[lane], in.key(i), 32);
      std::memcpy(group.r[lane], in.signature(i), 32);
      const Scalar s = scalar_from_bytes(in.signature(i) + 32);
      in_range[lane] = below_order(s);
      std::uint8_t h[64];
      challenge_hash(in.signature(i), in.key(i), in.message(i), in.msg_bytes, h);
      const SignedWindows<lanes::kWindowBits> k_windows(reduce_mod_order(h, 64)), s_windows(s);
      for (int w = 0; w < lanes::kWindows; ++w) {
        group.k_digits[lane][w] = static_cast<std::int8_t>(k_windows.digit(w));
        // An S out of range is refused whatever the rest; its digits are not read as a scalar.
        group.s_digits[lane][w] = in_range[lane] ? static_cast<std::int8_t>(s_windows.digit(w)) : 0;
      }
    }
    std::uint8_t lane_verdicts[lanes::kLanes];
    lanes::verify(group, lane_verdicts);
    for (int lane = 0; lane < lanes::kLanes && first + lane < end; ++lane)
      verdicts[first + lane] = in_range[lane] ? lane_verdicts[lane] : 0;
  }
#endif
}

}  // namespace hwbench::ed25519
