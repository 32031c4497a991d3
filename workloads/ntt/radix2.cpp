#include "workloads/ntt/radix2.hpp"

#include <algorithm>

#include "workloads/ntt/radix2_ifma.hpp"

namespace hwbench::ntt {
namespace {

// Stages h = 1, 2, 4, .. < limit on values[0, count); the first stage's twiddles are all 1.
void small_stages(Fr* values, std::size_t count, std::size_t limit, const Fr* twiddles) {
  if (limit > 1) {
    for (std::size_t i = 0; i + 1 < count; i += 2) {
      const Fr u = values[i];
      const Fr v = values[i + 1];
      values[i] = u + v;
      values[i + 1] = u - v;
    }
  }
  for (std::size_t h = 2; h < limit; h *= 2) {
    for (std::size_t group = 0; group < count; group += 2 * h) {
      Fr* a = values + group;
      Fr* b = a + h;
      const Fr* w = twiddles + h;
      for (std::size_t j = 0; j < h; ++j) {
        const Fr t = b[j] * w[j];
        b[j] = a[j] - t;
        a[j] = a[j] + t;
      }
    }
  }
}

}  // namespace

Radix2::Radix2(const Domain& domain, Direction direction, const Executor& executor, bool vector)
    : m_domain(domain), m_direction(direction), m_twiddles(stage_twiddles(domain, direction, executor)) {
  if (vector && domain.size >= Radix2Ifma::kMinSize && Radix2Ifma::available()) {
    m_vector = std::make_unique<Radix2Ifma>(domain, direction, m_twiddles);
    return;
  }
  if (direction == Direction::inverse) {
    const std::size_t h = domain.size / 2;
    m_scaled_last.assign(m_twiddles.begin() + static_cast<std::ptrdiff_t>(h), m_twiddles.end());
    scale(m_scaled_last, domain.size_inv, executor);
  }
}

Radix2::~Radix2() = default;

std::size_t Radix2::small_limit() const {
  const std::size_t block = std::min(m_domain.size, kBlock);
  // The inverse's last stage always runs as a sweep, where the scaling is folded in.
  return m_direction == Direction::inverse ? std::min(block, m_domain.size / 2) : block;
}

void Radix2::operator()(std::span<const Fr> input, std::span<Fr> values, const Executor& executor) {
  if (m_vector) {
    (*m_vector)(input, values, executor);
    return;
  }
  const std::size_t n = m_domain.size;
  const unsigned bits = m_domain.log_size;
  executor.for_range(n, 1 << 14, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) values[bit_reverse(i, bits)] = input[i];
  });
  if (n < 2) return;

  const std::size_t block = std::min(n, kBlock);
  const std::size_t limit = small_limit();
  executor.for_range(n / block, 1, [&](std::size_t begin, std::size_t end) {
    for (std::size_t b = begin; b < end; ++b)
      small_stages(values.data() + b * block, block, limit, m_twiddles.data());
  });
  for (std::size_t h = limit; h < n; h *= 2) {
    const bool scaled = !m_scaled_last.empty() && h == n / 2;
    const Fr* w = scaled ? m_scaled_last.data() : m_twiddles.data() + h;
    // Butterfly q of this stage pairs (group * 2h + j, + h), j = q mod h.
    executor.for_range(n / 2, 1 << 11, [&](std::size_t begin, std::size_t end) {
      for (std::size_t q = begin; q < end;) {
        const std::size_t j0 = q % h;
        const std::size_t j1 = std::min(h, j0 + (end - q));
        Fr* a = values.data() + (q / h) * 2 * h;
        Fr* b = a + h;
        for (std::size_t j = j0; j < j1; ++j) {
          const Fr t = b[j] * w[j];
          const Fr u = scaled ? a[j] * m_domain.size_inv : a[j];
          b[j] = u - t;
          a[j] = u + t;
        }
        q += j1 - j0;
      }
    });
  }
}

}  // namespace hwbench::ntt
