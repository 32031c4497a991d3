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
// Rows the VM writes between handing finished subtrees to the other threads.
constexpr std::uint64_t kPieceRows = 16 * kSubtreeLeaves;

// Level l from level l-1 for the nodes [first, first + count) of level l-1 (first even).
void hash_level(const TreeShape& s, unsigned l, std::uint64_t first, std::uint64_t count, std::byte* nodes) {
  const std::byte* in = nodes + (s.offset[l - 1] + first) * kNodeBytes;
  std::byte* out = nodes + (s.offset[l] + first / 2) * kNodeBytes;
  sha256::hash_batch(in, 2 * kNodeBytes, count / 2, out);
  if (count % 2 == 1) std::memcpy(out + count / 2 * kNodeBytes, in + (count - 1) * kNodeBytes, kNodeBytes);
}

// Leaves and the levels inside subtree c (kSubtreeLeaves rows, or fewer for the last).
void hash_subtree(const Row* rows, const TreeShape& s, std::size_t c, std::byte* nodes) {
  const unsigned blocked = std::min(kSubtreeLevels, s.levels - 1);
  std::uint64_t first = c * kSubtreeLeaves;
  std::uint64_t count = std::min<std::uint64_t>(kSubtreeLeaves, s.count[0] - first);
  sha256::hash_batch(reinterpret_cast<const std::byte*>(rows + first), kRowBytes, count,
                     nodes + first * kNodeBytes);
  for (unsigned l = 1; l <= blocked; ++l) {
    hash_level(s, l, first, count, nodes);
    first /= 2;
    count = (count + 1) / 2;
  }
}

// The levels above the subtrees, level by level.
void hash_upper(const TreeShape& s, std::byte* nodes, const Executor& executor) {
  for (unsigned l = std::min(kSubtreeLevels, s.levels - 1) + 1; l < s.levels; ++l) {
    const std::uint64_t below = s.count[l - 1];
    executor.for_range(below / 2 + below % 2, kPairGrain, [&](std::size_t begin, std::size_t end) {
      hash_level(s, l, 2 * begin, std::min<std::uint64_t>(2 * end, below) - 2 * begin, nodes);
    });
  }
}

std::size_t subtrees(std::uint64_t rows) { return (rows + kSubtreeLeaves - 1) / kSubtreeLeaves; }

}  // namespace

void commit(std::span<const Row> rows, std::byte* nodes, const Executor& executor) {
  const TreeShape s = tree_shape(rows.size());
  executor.for_range(subtrees(rows.size()), 1, [&](std::size_t begin, std::size_t end) {
    for (std::size_t c = begin; c < end; ++c) hash_subtree(rows.data(), s, c, nodes);
  });
  hash_upper(s, nodes, executor);
}

// The VM runs on the calling thread in pieces; every subtree it completes is hashed by the executor's
// other threads meanwhile, into the layout of the buffers' capacity (where the levels stay whatever the
// trace's final length). When the trace outgrows the buffers they grow and hashing starts over.
void Prover::prove(const Program& program, const Registers& input, const ProofOptions& options,
                   const Executor& executor, Proof& out) {
  Machine machine(program, input);
  std::uint64_t rows = 0;
  std::size_t hashed = 0;  // subtrees handed to the group
  auto group = executor.task_group();
  for (;;) {
    if (m_rows.size() == rows) {
      if (rows >= options.max_rows) {
        throw std::runtime_error(fmt::format("the program did not halt within {} steps", options.max_rows));
      }
      group->wait();
      hashed = 0;
      m_rows.resize(
          std::min<std::uint64_t>(options.max_rows, std::max<std::uint64_t>(kSubtreeLeaves, 2 * rows)));
    }
    const TreeShape room = tree_shape(m_rows.size(), m_rows.size());
    if (m_nodes.size() < room.nodes * kNodeBytes) {
      group->wait();
      hashed = 0;
      m_nodes.resize(room.nodes * kNodeBytes);
    }
    rows += machine.run(m_rows.data() + rows, std::min<std::uint64_t>(kPieceRows, m_rows.size() - rows));
    if (machine.halted()) break;
    for (; hashed < rows / kSubtreeLeaves; ++hashed) {
      group->run([this, room, c = hashed] { hash_subtree(m_rows.data(), room, c, m_nodes.data()); });
    }
  }
  // Now the length is known: the last subtrees (the partial one shaped by it), then the levels above.
  const TreeShape s = tree_shape(rows, m_rows.size());
  for (; hashed < subtrees(rows); ++hashed) {
    group->run([this, &s, c = hashed] { hash_subtree(m_rows.data(), s, c, m_nodes.data()); });
  }
  group->wait();
  hash_upper(s, m_nodes.data(), executor);
  const std::span<const Row> trace(m_rows.data(), rows);
  write_proof(program, input, trace, s, m_nodes, options.challenges, out.bytes);
  out.output = trace.back().r;
}

}  // namespace hwbench::trace
