#pragma once

#include <cstdint>

#include "core/hd.hpp"

namespace hwbench::trace {

// The commitment's Merkle tree over T rows: leaf i = SHA-256(row i) (48 bytes, one block), node =
// SHA-256(left || right); an odd last node is carried up unchanged. Leaves and nodes hash messages
// of different lengths, so a node can never pass for a leaf. All levels are kept, level 0 (the
// leaves) first, back to back: the prover reads paths from them.
constexpr unsigned kMaxLevels = 40;  // T < 2^39

struct TreeShape {
  unsigned levels = 0;                 // including the leaves and the root
  std::uint64_t count[kMaxLevels]{};   // nodes per level
  std::uint64_t offset[kMaxLevels]{};  // index of the level's first node in the node array
  std::uint64_t nodes = 0;             // all levels together, with their room
};

// Levels are laid out back to back, each with room for the tree of `capacity` leaves (>= leaves): a
// prover that does not yet know the trace's length can store subtrees where they will stay.
HWBENCH_HD TreeShape tree_shape(std::uint64_t leaves, std::uint64_t capacity) {
  TreeShape s;
  std::uint64_t m = leaves;
  std::uint64_t room = capacity;
  for (;;) {
    s.count[s.levels] = m;
    s.offset[s.levels] = s.nodes;
    s.nodes += room;
    ++s.levels;
    if (m <= 1) break;
    m = (m + 1) / 2;
    room = (room + 1) / 2;
  }
  return s;
}

HWBENCH_HD TreeShape tree_shape(std::uint64_t leaves) { return tree_shape(leaves, leaves); }

// The path from leaf i to the root lists the sibling at each level that has one (a carried-up node
// has none): its length depends on i only near the right edge of a tree whose size is not a power of 2.
HWBENCH_HD unsigned path_length(const TreeShape& s, std::uint64_t i) {
  unsigned length = 0;
  for (unsigned l = 0; l + 1 < s.levels; ++l, i /= 2) length += (i ^ 1) < s.count[l];
  return length;
}

}  // namespace hwbench::trace
