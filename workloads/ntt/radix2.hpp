#pragma once

// The CPU transform: a bit-reversing copy, then Cooley-Tukey (decimation-in-time) radix-2 stages,
// natural order in and out. Stages up to kBlock elements wide run block by block so that a block
// stays in cache through them; wider stages sweep the whole array. Both parallelize over
// independent blocks or butterflies through the executor. The inverse's 1/n is folded into its last
// stage: u/n +- v (w/n), two multiplications per butterfly instead of one plus a scaling pass.
#include <span>
#include <vector>

#include "core/backend.hpp"
#include "workloads/ntt/domain.hpp"

namespace hwbench::ntt {

constexpr std::size_t kBlock = std::size_t{1} << 12;  // 128 KiB of Fr

class Radix2 {
 public:
  // Twiddle tables are computed here, once.
  Radix2(const Domain& domain, Direction direction, const Executor& executor);

  // output = the transform of input (same size as the domain, distinct memory).
  void operator()(std::span<const Fr> input, std::span<Fr> output, const Executor& executor) const;

 private:
  // Stages h < limit run inside cache blocks; the rest sweep the array.
  std::size_t small_limit() const;

  Domain m_domain;
  Direction m_direction;
  std::vector<Fr> m_twiddles;     // stage_twiddles()
  std::vector<Fr> m_scaled_last;  // inverse: the last stage's twiddles times 1/n
};

}  // namespace hwbench::ntt
