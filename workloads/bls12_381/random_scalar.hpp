#pragma once

#include "core/rng.hpp"
#include "workloads/bls12_381/params.hpp"

namespace hwbench::bls12_381 {

// Uniform in [0, r) (or [1, r) when nonzero) by rejection on 255-bit draws: about half are kept.
inline Scalar uniform_scalar(Rng& rng, bool nonzero) {
  while (true) {
    Scalar s{rng.next(), rng.next(), rng.next(), rng.next() >> 1};
    if (less_than(s, kGroupOrder) && (!nonzero || (s[0] | s[1] | s[2] | s[3]) != 0)) return s;
  }
}

}  // namespace hwbench::bls12_381
