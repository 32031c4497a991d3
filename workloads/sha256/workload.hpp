#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/workload.hpp"

namespace hwbench::sha256 {

constexpr std::size_t kDigestBytes = 32;

// N messages of msg_bytes each, back to back.
struct Input : CaseInput {
  std::uint64_t count = 0;
  std::size_t msg_bytes = 0;
  std::vector<std::byte> messages;
};

// N digests of 32 bytes, back to back.
struct Output : CaseOutput {
  std::vector<std::byte> digests;
};

}  // namespace hwbench::sha256
