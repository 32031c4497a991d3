#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace hwbench {

// Deterministic input generator: xoshiro256** seeded through SplitMix64. Every workload draws its
// inputs from (seed, stream) so that the same --seed gives the same inputs on every backend and
// every machine. `stream` separates independent inputs of one case (e.g. two vectors).
class Rng {
 public:
  Rng(std::uint64_t seed, std::uint64_t stream = 0);

  std::uint64_t next();
  // Uniform in [0, bound), without modulo bias.
  std::uint64_t below(std::uint64_t bound);
  void fill(std::span<std::byte> out);

 private:
  std::uint64_t m_state[4];
};

}  // namespace hwbench
