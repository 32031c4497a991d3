#pragma once

// Integers as limbs of 52 bits, the form the AVX-512 IFMA code computes on (vpmadd52 multiplies the
// low 52 bits of each 64-bit lane), and the conversions from and to the host's 64-bit limbs.
// Host code only; the vector arithmetic is in ifma_lanes.hpp.
#include <array>
#include <cstdint>

#include "workloads/bls12_381/field.hpp"

namespace hwbench::bls12_381::ifma {

inline constexpr std::uint64_t kMask = (std::uint64_t{1} << 52) - 1;

template <std::size_t N>
using Limbs52 = std::array<std::uint64_t, N>;

// Bits [52 j, 52 j + 52) of a little-endian 64-bit-limb integer, for j < N52 (higher bits dropped).
template <std::size_t N52, std::size_t N64>
constexpr Limbs52<N52> to_52(const Limbs<N64>& v) {
  Limbs52<N52> out{};
  for (std::size_t j = 0; j < N52; ++j) {
    const std::size_t bit = 52 * j, limb = bit / 64, shift = bit % 64;
    std::uint64_t x = limb < N64 ? v[limb] >> shift : 0;
    if (shift > 12 && limb + 1 < N64) x |= v[limb + 1] << (64 - shift);
    out[j] = x & kMask;
  }
  return out;
}

// The inverse of to_52 for normalized limbs (each below 2^52); bits beyond 64 N64 are dropped.
template <std::size_t N64, std::size_t N52>
constexpr Limbs<N64> from_52(const Limbs52<N52>& v) {
  Limbs<N64> out{};
  for (std::size_t j = 0; j < N52; ++j) {
    const std::size_t bit = 52 * j, limb = bit / 64, shift = bit % 64;
    if (limb < N64) out[limb] |= v[j] << shift;
    if (shift > 12 && limb + 1 < N64) out[limb + 1] |= v[j] >> (64 - shift);
  }
  return out;
}

// A multiple M of a modulus in 52-bit limbs, re-spread so that every limb but the top one is raised by
// 2^52 and the next one lowered by one: the same value, but a - b + M can then be formed limb by limb
// with every limb but the top one non-negative, for any b < M with normalized limbs (the top limb may
// dip to -1 there; the carries from below, which normalizing adds, bring it back).
template <std::size_t N>
constexpr Limbs52<N> raised(const Limbs52<N>& multiple) {
  Limbs52<N> out{};
  for (std::size_t j = 0; j < N; ++j) {
    const std::uint64_t raise = j + 1 < N ? std::uint64_t{1} << 52 : 0;
    const std::uint64_t lower = j > 0 ? 1 : 0;
    out[j] = multiple[j] + raise - lower;
  }
  return out;
}

}  // namespace hwbench::bls12_381::ifma
