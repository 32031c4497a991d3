#pragma once

#include <cstdint>
#include <vector>

#include "core/workload.hpp"
#include "workloads/bls12_381/g1.hpp"

namespace hwbench::msm {

using bls12_381::G1Affine;
using bls12_381::Scalar;

// N affine G1 bases and N scalars in [0, r) -> sum of [s_i] P_i.
struct Input : CaseInput {
  std::uint64_t count = 0;
  std::vector<G1Affine> bases;
  std::vector<Scalar> scalars;  // canonical integers, little-endian 64-bit limbs
};

struct Output : CaseOutput {
  G1Affine result;
};

// Deterministic bases: base i = [k_i] G with k_i uniform in [1, r) drawn from (seed, i), computed
// with a fixed-base comb over G. Base i does not depend on N, so a cache of the first M bases of a
// seed serves every N <= M (see bases.cpp for the cache file).
std::vector<G1Affine> generate_bases(std::uint64_t seed, std::uint64_t n);
std::vector<Scalar> generate_scalars(std::uint64_t seed, std::uint64_t n);

}  // namespace hwbench::msm
