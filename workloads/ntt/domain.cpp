#include "workloads/ntt/domain.hpp"

#include <bit>
#include <stdexcept>

namespace hwbench::ntt {

std::string_view to_string(Direction direction) {
  return direction == Direction::forward ? "forward" : "inverse";
}

Fr root_of_unity(unsigned log_n) {
  if (log_n > kTwoAdicity) throw std::invalid_argument("Fr has no root of unity of order above 2^32");
  // (r - 1) / 2^log_n
  const auto exponent = bls12_381::shift_right(bls12_381::sub_small(bls12_381::FrParams::kModulus, 1), log_n);
  return Fr::from_u64(7).pow(exponent);
}

Domain::Domain(std::size_t n) : size(n) {
  if (n == 0 || !std::has_single_bit(n)) throw std::invalid_argument("an NTT size is a power of two");
  log_size = static_cast<unsigned>(std::countr_zero(n));
  omega = root_of_unity(log_size);
  omega_inv = omega.inverse();
  size_inv = Fr::from_u64(n).inverse();
}

std::vector<Fr> powers(const Fr& w, std::size_t count, const Executor& executor) {
  std::vector<Fr> out(count);
  // Each range starts from its own w^begin, so ranges run independently.
  executor.for_range(count, 1 << 12, [&](std::size_t begin, std::size_t end) {
    Fr acc = w.pow({begin, 0, 0, 0});
    for (std::size_t i = begin; i < end; ++i) {
      out[i] = acc;
      acc = acc * w;
    }
  });
  return out;
}

std::vector<Fr> stage_twiddles(const Domain& domain, Direction direction, const Executor& executor) {
  std::vector<Fr> table(domain.size);
  if (domain.size < 2) return table;
  // Stage h's twiddles are every (n / 2h)-th power of the domain's root: take them from the last
  // stage's, w^j for j < n/2.
  const std::size_t half = domain.size / 2;
  const auto last = powers(domain.root(direction), half, executor);
  for (std::size_t h = 1; h <= half; h *= 2) {
    const std::size_t stride = half / h;
    for (std::size_t j = 0; j < h; ++j) table[h + j] = last[j * stride];
  }
  return table;
}

void scale(std::span<Fr> values, const Fr& c, const Executor& executor) {
  executor.for_range(values.size(), 1 << 12, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) values[i] = values[i] * c;
  });
}

}  // namespace hwbench::ntt
