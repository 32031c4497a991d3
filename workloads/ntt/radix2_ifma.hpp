#pragma once

// The CPU transform with AVX-512 IFMA: the same decimation-in-time stages as radix2.hpp, eight
// butterflies per vector operation. Elements live in a working copy as 5 limbs of 52 bits, eight
// consecutive elements per Block (limb-major), and keep the host's Montgomery form (x 2^256): the
// twiddles are stored as w 2^260 mod r, the vector Montgomery form, so a product of the two is again
// x w 2^256 and no conversion pass is needed. Values stay unreduced through the stages (each adds at
// most 2r to the bound; a stage whose bound would pass 33r first reduces the input of each butterfly
// that no twiddle multiplies, with one more product), and one last product by s 2^260 (s = 1, or 1/n for the
// inverse) with a subtraction makes them canonical on the way out. The first three stages pair lanes of one
// Block; they run on two Blocks at a time, regrouped with lane permutations.
#include <cstdint>
#include <span>
#include <vector>

#include "core/backend.hpp"
#include "workloads/bls12_381/limbs52.hpp"
#include "workloads/ntt/domain.hpp"

namespace hwbench::ntt {

class Radix2Ifma {
 public:
  static constexpr int kLimbs = 5;
  static constexpr std::size_t kMinSize = 16;  // two Blocks

  // Whether this CPU (and build) runs the vector code.
  static bool available();

  // stage_twiddles(domain, direction) as computed by the caller; domain.size >= kMinSize.
  Radix2Ifma(const Domain& domain, Direction direction, std::span<const Fr> stage_twiddles);

  // output = the transform of input (sizes of the domain).
  void operator()(std::span<const Fr> input, std::span<Fr> output, const Executor& executor);

  struct alignas(64) Block {
    std::uint64_t limb[kLimbs][8];
  };

 private:
  std::size_t m_size;
  unsigned m_log_size;
  std::vector<Block> m_twiddles;             // stage h >= 8: Blocks h/8 .. h/4 - 1
  std::vector<Block> m_lane_twiddles;        // stages h = 2 and 4, laid out as lane_stage pairs them
  std::vector<bool> m_reduce;                // per stage (index log2 h): reduce the unmultiplied inputs first
  bls12_381::ifma::Limbs52<kLimbs> m_final;  // s 2^260 mod r
  std::vector<Block> m_work;
};

}  // namespace hwbench::ntt
