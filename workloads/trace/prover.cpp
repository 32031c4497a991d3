// The CPU prover of the trace workload: interpreter, cache-blocked commitment, openings.
#include "workloads/trace/prover.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <stdexcept>

#include "workloads/sha256/sha256_native.hpp"
#include "workloads/trace/tree_shape.hpp"

namespace hwbench::trace {
namespace {

constexpr unsigned kSubtreeLevels = std::countr_zero(kSubtreeLeaves);
constexpr std::size_t kPairGrain = 1024;

// Level l from level l-1 for the nodes [first, first + count) of level l-1 (first even).
void hash_level(const TreeShape& s, unsigned l, std::uint64_t first, std::uint64_t count, std::byte* nodes) {
  const std::byte* in = nodes + (s.offset[l - 1] + first) * kNodeBytes;
  std::byte* out = nodes + (s.offset[l] + first / 2) * kNodeBytes;
  sha256::hash_batch(in, 2 * kNodeBytes, count / 2, out);
  if (count % 2 == 1) std::memcpy(out + count / 2 * kNodeBytes, in + (count - 1) * kNodeBytes, kNodeBytes);
}

}  // namespace

void commit(std::span<const Row> rows, std::byte* nodes, const Executor& executor) {
  const TreeShape s = tree_shape(rows.size());
  const unsigned blocked = std::min(kSubtreeLevels, s.levels - 1);
  const std::size_t subtrees = (rows.size() + kSubtreeLeaves - 1) / kSubtreeLeaves;
  executor.for_range(subtrees, 1, [&](std::size_t begin, std::size_t end) {
    for (std::size_t c = begin; c < end; ++c) {
      std::uint64_t first = c * kSubtreeLeaves;
      std::uint64_t count = std::min<std::uint64_t>(kSubtreeLeaves, rows.size() - first);
      sha256::hash_batch(reinterpret_cast<const std::byte*>(rows.data() + first), kRowBytes, count,
                         nodes + first * kNodeBytes);
      for (unsigned l = 1; l <= blocked; ++l) {
        hash_level(s, l, first, count, nodes);
        first /= 2;
        count = (count + 1) / 2;
      }
    }
  });
  for (unsigned l = blocked + 1; l < s.levels; ++l) {
    const std::uint64_t below = s.count[l - 1];
    executor.for_range(below / 2 + below % 2, kPairGrain, [&](std::size_t begin, std::size_t end) {
      hash_level(s, l, 2 * begin, std::min<std::uint64_t>(2 * end, below) - 2 * begin, nodes);
    });
  }
}

void Prover::prove(const Program& program, const Registers& input, const ProofOptions& options,
                   const Executor& executor, Proof& out) {
  Machine machine(program, input);
  std::size_t rows = 0;
  for (;;) {
    if (m_rows.size() == rows) {
      if (rows >= options.max_rows) {
        throw std::runtime_error(fmt::format("the program did not halt within {} steps", options.max_rows));
      }
      m_rows.resize(std::min<std::uint64_t>(options.max_rows, std::max<std::size_t>(1024, 2 * rows)));
    }
    rows += machine.run(m_rows.data() + rows, m_rows.size() - rows);
    if (machine.halted()) break;
  }
  const std::span<const Row> trace(m_rows.data(), rows);
  const TreeShape s = tree_shape(rows);
  if (m_nodes.size() < s.nodes * kNodeBytes) m_nodes.resize(s.nodes * kNodeBytes);
  commit(trace, m_nodes.data(), executor);
  write_proof(program, input, trace, std::span<const std::byte>(m_nodes.data(), s.nodes * kNodeBytes),
              options.challenges, out.bytes);
  out.output = trace.back().r;
}

}  // namespace hwbench::trace
