#pragma once

#include <cstddef>
#include <cstdint>

namespace hwbench {

// 64-bit integers in files and proofs: little-endian whatever the host.
inline void store_le64(std::byte* out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out[i] = static_cast<std::byte>(v >> (8 * i));
}

inline std::uint64_t load_le64(const std::byte* in) {
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= std::to_integer<std::uint64_t>(in[i]) << (8 * i);
  return v;
}

}  // namespace hwbench
