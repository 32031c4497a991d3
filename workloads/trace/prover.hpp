#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/backend.hpp"
#include "workloads/trace/proof.hpp"
#include "workloads/trace/vm.hpp"

namespace hwbench::trace {

// Leaves hashed and the tree built one aligned subtree of kSubtreeLeaves at a time, so each subtree's
// levels are made while its leaves are still in cache; the levels above run level by level.
constexpr std::size_t kSubtreeLeaves = 4096;

// Fills `nodes` (tree_shape(rows.size()).nodes x 32 bytes) with every level of the commitment's tree.
void commit(std::span<const Row> rows, std::byte* nodes, const Executor& executor);

struct Proof {
  std::vector<std::byte> bytes;
  Registers output{};
  friend bool operator==(const Proof&, const Proof&) = default;
};

struct ProofOptions {
  unsigned challenges = kDefaultChallenges;
  std::uint64_t max_rows = 0;  // a program that runs longer is an error
};

// The CPU prover: runs the program, commits to its trace and opens k challenge rows. Its trace and
// tree buffers are kept from one proof to the next (a batch shares one set-up).
class Prover {
 public:
  void prove(const Program& program, const Registers& input, const ProofOptions& options,
             const Executor& executor, Proof& out);

 private:
  std::vector<Row> m_rows;
  std::vector<std::byte> m_nodes;
};

}  // namespace hwbench::trace
