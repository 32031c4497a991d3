#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/workload.hpp"

namespace hwbench::merkle {

// The tree: node = SHA-256(left || right) over 32-byte nodes, level by level; an odd last node is
// carried up unchanged (the shape of RFC 6962's tree, without its domain-separation prefixes).
constexpr std::size_t kNodeBytes = 32;

struct Input : CaseInput {
  std::uint64_t count = 0;
  std::vector<std::byte> leaves;  // count x 32 bytes
};

struct Output : CaseOutput {
  std::vector<std::byte> root;                 // 32 bytes
  std::vector<std::vector<std::byte>> levels;  // every level above the leaves; filled by the reference only
};

// Reduces m nodes in place to their root, in nodes[0..32) (hwbench's native SHA-256).
void reduce_in_place(std::byte* nodes, std::size_t m);

}  // namespace hwbench::merkle
