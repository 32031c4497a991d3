#pragma once

// BLS12-381 constants (draft-irtf-cfrg-pairing-friendly-curves, section 4.2.1). The Montgomery
// constants were derived from the moduli: kOne = 2^(64N) mod m, kR2 = 2^(128N) mod m,
// kInv = -m^(-1) mod 2^64; tests/test_bls12_381.cpp re-derives them.
#include "workloads/bls12_381/field.hpp"

namespace hwbench::bls12_381 {

struct FpParams {
  static constexpr std::size_t kLimbs = 6;
  static constexpr Limbs<6> kModulus = {0xb9feffffffffaaabULL, 0x1eabfffeb153ffffULL, 0x6730d2a0f6b0f624ULL,
                                        0x64774b84f38512bfULL, 0x4b1ba7b6434bacd7ULL, 0x1a0111ea397fe69aULL};
  static constexpr Limbs<6> kOne = {0x760900000002fffdULL, 0xebf4000bc40c0002ULL, 0x5f48985753c758baULL,
                                    0x77ce585370525745ULL, 0x5c071a97a256ec6dULL, 0x15f65ec3fa80e493ULL};
  static constexpr Limbs<6> kR2 = {0xf4df1f341c341746ULL, 0x0a76e6a609d104f1ULL, 0x8de5476c4c95b6d5ULL,
                                   0x67eb88a9939d83c0ULL, 0x9a793e85b519952dULL, 0x11988fe592cae3aaULL};
  static constexpr std::uint64_t kInv = 0x89f3fffcfffcfffdULL;
};

struct FrParams {
  static constexpr std::size_t kLimbs = 4;
  static constexpr Limbs<4> kModulus = {0xffffffff00000001ULL, 0x53bda402fffe5bfeULL, 0x3339d80809a1d805ULL,
                                        0x73eda753299d7d48ULL};
  static constexpr Limbs<4> kOne = {0x00000001fffffffeULL, 0x5884b7fa00034802ULL, 0x998c4fefecbc4ff5ULL,
                                    0x1824b159acc5056fULL};
  static constexpr Limbs<4> kR2 = {0xc999e990f3f29c6dULL, 0x2b6cedcb87925c23ULL, 0x05d314967254398fULL,
                                   0x0748d9d99f59ff11ULL};
  static constexpr std::uint64_t kInv = 0xfffffffeffffffffULL;
};

using Fp = Field<FpParams>;
using Fr = Field<FrParams>;

// A scalar as a canonical 255-bit integer (little-endian limbs), the form MSM digits are cut from.
using Scalar = Limbs<4>;
inline constexpr Scalar kGroupOrder = FrParams::kModulus;

}  // namespace hwbench::bls12_381
