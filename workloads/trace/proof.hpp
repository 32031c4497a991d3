#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "workloads/trace/proof_format.hpp"
#include "workloads/trace/vm.hpp"

namespace hwbench::trace {

using Digest = std::array<std::byte, 32>;

// Fiat-Shamir: the seed binds the statement and the commitment; challenge j is a row index in [0, T-1),
// so every opened row has a successor.
Digest transcript_seed(const Digest& program_hash, const Registers& input, std::uint64_t rows,
                       const Row& final_row, std::span<const std::byte, kNodeBytes> root);
std::vector<std::uint64_t> challenges(const Digest& seed, unsigned k, std::uint64_t rows);

// Writes the proof of a committed trace: `nodes` holds every level of the tree, laid out as `layout`
// says (tree_shape.hpp; by default the compact tree_shape(rows.size())).
void write_proof(const Program& program, const Registers& input, std::span<const Row> rows,
                 std::span<const std::byte> nodes, unsigned k, std::vector<std::byte>& out);
void write_proof(const Program& program, const Registers& input, std::span<const Row> rows,
                 const TreeShape& layout, std::span<const std::byte> nodes, unsigned k,
                 std::vector<std::byte>& out);

struct Verdict {
  bool accepted = false;
  std::string reason;  // why not
  std::uint64_t rows = 0;
  Registers output{};  // the final row's registers
};

// Checks a proof of `program` on `input` with k openings: its length, the final row halts, row 0 is the
// input's initial state, every opened row steps to its successor, and every path leads to the root.
Verdict verify(const Program& program, const Registers& input, std::span<const std::byte> proof, unsigned k);

}  // namespace hwbench::trace
