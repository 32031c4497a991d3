#pragma once

// The evaluation domain of an NTT over BLS12-381 Fr: the 2^k-th roots of unity. r - 1 = 2^32 * t
// with t odd, so Fr holds roots of unity of every order up to 2^32; the primitive 2^k-th root is
// 7^((r - 1) / 2^k), 7 generating Fr's multiplicative group (the same domain as EIP-4844's).
#include <cstddef>
#include <span>
#include <vector>

#include "core/backend.hpp"
#include "workloads/bls12_381/params.hpp"

namespace hwbench::ntt {

using bls12_381::Fr;

enum class Direction { forward, inverse };
std::string_view to_string(Direction direction);

constexpr unsigned kTwoAdicity = 32;

struct Domain {
  explicit Domain(std::size_t n);  // n: a power of two, at most 2^32

  std::size_t size = 0;
  unsigned log_size = 0;
  Fr omega;      // primitive n-th root of unity
  Fr omega_inv;  // its inverse
  Fr size_inv;   // 1 / n

  // The root a transform in this direction evaluates at: omega or omega_inv.
  const Fr& root(Direction direction) const { return direction == Direction::forward ? omega : omega_inv; }
};

// Primitive 2^log_n-th root of unity.
Fr root_of_unity(unsigned log_n);

// w^0, w^1, ..., w^(count-1).
std::vector<Fr> powers(const Fr& w, std::size_t count, const Executor& executor);

// Twiddles of a radix-2 transform of size n, one stage after another: entry h + j (h = 1, 2, 4, ..,
// n/2; j < h) is w_(2h)^j, the j-th power of the primitive 2h-th root of unity in the direction's
// orientation. Entry 0 is unused. n entries in all.
std::vector<Fr> stage_twiddles(const Domain& domain, Direction direction, const Executor& executor);

// Multiplies every value by c.
void scale(std::span<Fr> values, const Fr& c, const Executor& executor);

// Index i with its low `bits` bits reversed.
inline std::size_t bit_reverse(std::size_t i, unsigned bits) {
  std::size_t r = 0;
  for (unsigned b = 0; b < bits; ++b) r |= ((i >> b) & 1) << (bits - 1 - b);
  return r;
}

}  // namespace hwbench::ntt
