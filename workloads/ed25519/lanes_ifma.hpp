#pragma once

// Eight Ed25519 verifications at once on AVX-512 IFMA, one per 64-bit lane, for the native verifier
// (native_verifier.cpp): the field as five limbs of 52 bits multiplied with vpmadd52luq/huq, and the
// device's branch-free algorithm (verify.hpp: signed 5-bit windows, table entries chosen per lane, here
// by gathers). The caller does the per-item scalar work (S < L, SHA-512, k mod L, the digits); this
// part decodes A, computes [S]B - [k]A and compares its encoding with R, under OpenSSL's rules.
#include <cstdint>

namespace hwbench::ed25519::lanes {

constexpr int kLanes = 8;
constexpr int kWindowBits = 5;
constexpr int kWindows = (253 + kWindowBits) / kWindowBits;  // SignedWindows<kWindowBits>::kCount

struct Group {
  std::uint8_t key[kLanes][32];            // A as encoded
  std::uint8_t r[kLanes][32];              // R as encoded
  std::int8_t k_digits[kLanes][kWindows];  // k in signed 5-bit windows, lowest first
  std::int8_t s_digits[kLanes][kWindows];  // S the same
};

// verdicts[l] = 1 where lane l's A decodes and the encoding of [S]B - [k]A equals its R, else 0. Call
// only where the CPU runs AVX-512 IFMA (bls12_381::ifma::available()).
void verify(const Group& group, std::uint8_t verdicts[kLanes]);

}  // namespace hwbench::ed25519::lanes
