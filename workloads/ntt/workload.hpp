#pragma once

#include <cstdint>
#include <vector>

#include "core/workload.hpp"
#include "workloads/ntt/domain.hpp"

namespace hwbench::ntt {

constexpr unsigned kMaxLogSize = 24;

// N elements of Fr (uniform, Montgomery form), natural order.
struct Input : CaseInput {
  std::uint64_t count = 0;
  std::vector<Fr> values;
};

// An implementation fills the direction it computed; the reference fills both.
//  forward[k] = sum_j x_j w^(jk),  inverse[k] = (1/n) sum_j x_j w^(-jk),  w a primitive n-th root.
struct Output : CaseOutput {
  std::vector<Fr> forward;
  std::vector<Fr> inverse;
};

std::vector<Fr> generate_values(std::uint64_t seed, std::uint64_t n);

// The reference transforms, independent of every backend's: an O(n^2) DFT up to kDftLimit elements,
// a Gentleman-Sande (decimation-in-frequency) radix-2 transform on the portable multiplication above.
constexpr std::uint64_t kDftLimit = 1024;
std::vector<Fr> reference_transform(const std::vector<Fr>& values, Direction direction,
                                    const Executor& executor);

// Its two halves: output k = the input polynomial at root^k, O(n^2); and Gentleman-Sande, natural
// order in, bit-reversed stages, then the permutation. Neither scales the inverse.
std::vector<Fr> dft(const std::vector<Fr>& values, const Fr& root, const Executor& executor);
std::vector<Fr> decimation_in_frequency(std::vector<Fr> values, const Fr& root, const Executor& executor);

// sum_j values[j] x^j by Horner's rule.
Fr evaluate(const std::vector<Fr>& values, const Fr& x);

}  // namespace hwbench::ntt
