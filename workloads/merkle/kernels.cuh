#pragma once

#include <cstddef>
#include <cstdint>

#include "workloads/sha256/sha256_device.cuh"

namespace hwbench::merkle::kernels {

// Each block reduces kNodesPerBlock consecutive nodes (an aligned subtree) to one, keeping the
// levels in between in shared memory: three launches take 2^24 leaves to the root.
constexpr unsigned kThreadsPerBlock = 256;
constexpr unsigned kNodesPerBlock = 2 * kThreadsPerBlock;

// in: m nodes of 32 bytes (as uint4 pairs); out: ceil(m / kNodesPerBlock) nodes.
__global__ void __launch_bounds__(kThreadsPerBlock)
    reduce_kernel(const uint4* __restrict__ in, std::size_t m, uint4* __restrict__ out) {
  __shared__ uint4 level[kThreadsPerBlock][2];
  const std::size_t base = static_cast<std::size_t>(blockIdx.x) * kNodesPerBlock;
  unsigned count = static_cast<unsigned>(m - base < kNodesPerBlock ? m - base : kNodesPerBlock);
  const unsigned t = threadIdx.x;

  // First level straight from global memory: thread t hashes nodes 2t and 2t+1.
  const std::size_t left = base + 2 * t;
  if (2 * t + 1 < count) {
    uint4 pair[4], node[2];
#pragma unroll
    for (int q = 0; q < 4; ++q) pair[q] = __ldg(in + 2 * left + q);
    sha256::kernels::hash64_vectors(pair, node);
    level[t][0] = node[0];
    level[t][1] = node[1];
  } else if (2 * t + 1 == count) {  // odd last node: carried up
    level[t][0] = in[2 * left];
    level[t][1] = in[2 * left + 1];
  }
  count = (count + 1) / 2;

  while (count > 1) {
    __syncthreads();
    uint4 node[2];
    const bool active = t < count / 2 || (count % 2 == 1 && t == count / 2);
    if (t < count / 2) {
      const uint4 pair[4] = {level[2 * t][0], level[2 * t][1], level[2 * t + 1][0], level[2 * t + 1][1]};
      sha256::kernels::hash64_vectors(pair, node);
    } else if (active) {
      node[0] = level[2 * t][0];
      node[1] = level[2 * t][1];
    }
    __syncthreads();
    if (active) {
      level[t][0] = node[0];
      level[t][1] = node[1];
    }
    count = (count + 1) / 2;
  }
  if (t == 0) {
    out[2 * blockIdx.x] = level[0][0];
    out[2 * blockIdx.x + 1] = level[0][1];
  }
}

}  // namespace hwbench::merkle::kernels
