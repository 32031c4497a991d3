#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>

namespace hwbench::cuda {

// Blocks needed to give one thread to each of n items, capped at the grid's x limit; kernels that
// take more items than that loop over a grid stride.
inline unsigned blocks_for(std::size_t items, unsigned threads_per_block) {
  constexpr std::size_t kMaxGridX = 0x7fffffff;
  const std::size_t blocks = (items + threads_per_block - 1) / threads_per_block;
  return static_cast<unsigned>(std::clamp<std::size_t>(blocks, 1, kMaxGridX));
}

}  // namespace hwbench::cuda
