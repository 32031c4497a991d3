#pragma once

// Fp for AVX-512 IFMA: eight field elements per operation, each as 8 limbs of 52 bits in a Montgomery
// form of its own (R' = 2^416), multiplied with vpmadd52luq / vpmadd52huq. R' exceeds p by a factor of
// about 2^35, so products of unreduced operands (up to a few multiples of p) come back below 2 p
// without a final subtraction; additions and subtractions stay unreduced too, and values are made
// canonical only where they are stored or compared.
//
// PackedFp is one element in that form, canonical, in memory; pack() and unpack() convert from and to
// the host Fp (64-bit limbs, R = 2^384). Only call the vector code where available() is true.
#include <array>
#include <cstdint>
#include <span>

#include "workloads/bls12_381/g1.hpp"
#include "workloads/bls12_381/limbs52.hpp"

namespace hwbench::bls12_381::ifma {

inline constexpr int kLimbs = 8;

struct PackedFp {
  Limbs52<kLimbs> limb{};
  // The low limbs first: bucket code compares many x coordinates that differ.
  friend bool operator==(const PackedFp& a, const PackedFp& b) {
    return a.limb[0] == b.limb[0] && a.limb == b.limb;
  }
};

// Whether this CPU (and build) runs the AVX-512 IFMA code.
bool available();

// x (host form) -> packed canonical IFMA form, and back. Groups of eight go through the vector unit.
void pack(std::span<const Fp> in, std::span<PackedFp> out);
void unpack(std::span<const PackedFp> in, std::span<Fp> out);

// p - x for canonical x (0 stays 0), in scalar code.
PackedFp negate(const PackedFp& x);

// An affine G1 point with packed coordinates.
struct PackedAffine {
  PackedFp x;
  PackedFp y;
  bool infinity = true;
  PackedAffine negated() const { return infinity ? *this : PackedAffine{x, negate(y), false}; }
};

void pack(std::span<const G1Affine> in, std::span<PackedAffine> out);
void unpack(std::span<const PackedAffine> in, std::span<G1Affine> out);

}  // namespace hwbench::bls12_381::ifma
