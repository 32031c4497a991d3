#pragma once

#include <cstddef>
#include <cstdint>

#include "core/hd.hpp"
#include "workloads/trace/tree_shape.hpp"
#include "workloads/trace/vm.hpp"

namespace hwbench::trace {

// A proof that `program` run on `input` halts after T rows with the final row's registers as output
// (docs/TRACE.md). Integers little-endian; every byte is checked by the verifier.
//   magic "HWT1"              4
//   T                         8
//   final row                48   (step T-1, at a halt)
//   root                     32
//   path of leaf 0                 (row 0 is the input's initial state; the verifier rebuilds it)
//   path of leaf T-1               (the final row)
//   k openings: row i, row i+1, path of i, path of i+1, for the k challenge indices i
// A path is its siblings from the leaf up, 32 bytes each (tree_shape.hpp says which levels have one).
// Challenges: seed = SHA-256(domain || program hash || input || T || final row || root), then
// i_j = (first 8 bytes of SHA-256(seed || j as 4 bytes), little-endian) mod (T - 1).
constexpr std::size_t kNodeBytes = 32;
constexpr std::uint32_t kMagic = 0x31545748;  // "HWT1" as a little-endian word
constexpr std::size_t kHeaderBytes = 4 + 8 + kRowBytes + kNodeBytes;
constexpr char kTranscriptDomain[17] = "hwbench-trace-v1";  // 16 bytes, without the terminator
constexpr std::size_t kDomainBytes = 16;
constexpr std::size_t kSeedMessageBytes = kDomainBytes + 32 + 8 * kRegisters + 8 + kRowBytes + kNodeBytes;
constexpr std::size_t kChallengeMessageBytes = kNodeBytes + 4;
constexpr unsigned kDefaultChallenges = 32;
constexpr unsigned kMaxChallenges =
    1024;  // --challenges; the device keeps 2 words per challenge in shared memory

HWBENCH_HD std::uint64_t opening_bytes(const TreeShape& s, std::uint64_t i) {
  return 2 * kRowBytes + kNodeBytes * (path_length(s, i) + path_length(s, i + 1));
}

// Bytes before the first challenge opening.
HWBENCH_HD std::uint64_t fixed_bytes(const TreeShape& s) {
  return kHeaderBytes + kNodeBytes * (path_length(s, 0) + path_length(s, s.count[0] - 1));
}

// The most a proof over T rows with k openings can take (every path at its longest).
HWBENCH_HD std::uint64_t max_proof_bytes(const TreeShape& s, unsigned k) {
  return kHeaderBytes + (2 + 2 * std::uint64_t{k}) * kNodeBytes * (s.levels - 1) +
         2 * std::uint64_t{k} * kRowBytes;
}

}  // namespace hwbench::trace
