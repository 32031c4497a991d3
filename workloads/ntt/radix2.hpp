#pragma once

// The CPU transform: a bit-reversing copy, then Cooley-Tukey (decimation-in-time) radix-2 stages,
// natural order in and out. Stages up to kBlock elements wide run block by block so that a block
// stays in cache through them; wider stages sweep the whole array. Both parallelize over
// independent blocks or butterflies through the executor. The inverse's 1/n is folded into its last
// stage: u/n +- v (w/n), two multiplications per butterfly instead of one plus a scaling pass.
// Where the CPU runs AVX-512 IFMA, the same stages run eight butterflies at a time (radix2_ifma.hpp).
#include <memory>
#include <span>
#include <vector>

#include "core/backend.hpp"
#include "workloads/ntt/domain.hpp"

namespace hwbench::ntt {

constexpr std::size_t kBlock = std::size_t{1} << 12;  // 128 KiB of Fr

class Radix2Ifma;

class Radix2 {
 public:
  // Twiddle tables are computed here, once. vector: use the IFMA transform where the CPU has it.
  Radix2(const Domain& domain, Direction direction, const Executor& executor, bool vector = true);
  ~Radix2();

  // output = the transform of input (same size as the domain, distinct memory).
  void operator()(std::span<const Fr> input, std::span<Fr> output, const Executor& executor);

  // Whether operator() runs the IFMA transform.
  bool vectorized() const { return m_vector != nullptr; }

 private:
  // Stages h < limit run inside cache blocks; the rest sweep the array.
  std::size_t small_limit() const;

  Domain m_domain;
  Direction m_direction;
  std::vector<Fr> m_twiddles;     // stage_twiddles()
  std::vector<Fr> m_scaled_last;  // inverse: the last stage's twiddles times 1/n
  std::unique_ptr<Radix2Ifma> m_vector;
};

}  // namespace hwbench::ntt
