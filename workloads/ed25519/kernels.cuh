#pragma once

// The ed25519 verification kernel: one thread per signature, the whole check on the device (verify.hpp:
// S < L, decoding A, SHA-512 of R || A || M, [S]B - [k]A, encoding and comparison with R).
#include <cstddef>
#include <cstdint>

#include "workloads/ed25519/verify.hpp"

namespace hwbench::ed25519::kernels {

constexpr unsigned kThreadsPerBlock = 128;

// Verdicts of items [begin, end); the table of B's multiples is staged in shared memory per block.
__global__ void __launch_bounds__(kThreadsPerBlock)
    verify_kernel(const uint4* keys, const std::uint8_t* messages, std::size_t msg_bytes,
                  const uint4* signatures, std::size_t begin, std::size_t end,
                  const AffineCached* base_multiples, std::uint8_t* verdicts) {
  __shared__ AffineCached table[kTableSize];
  constexpr int kWords = static_cast<int>(sizeof(table) / sizeof(std::uint32_t));
  for (int w = static_cast<int>(threadIdx.x); w < kWords; w += static_cast<int>(blockDim.x)) {
    reinterpret_cast<std::uint32_t*>(table)[w] = reinterpret_cast<const std::uint32_t*>(base_multiples)[w];
  }
  __syncthreads();
  const std::size_t stride = static_cast<std::size_t>(gridDim.x) * blockDim.x;
  for (std::size_t i = begin + static_cast<std::size_t>(blockIdx.x) * blockDim.x + threadIdx.x; i < end;
       i += stride) {
    uint4 key[2], signature[4];
    key[0] = keys[2 * i];
    key[1] = keys[2 * i + 1];
#pragma unroll
    for (int q = 0; q < 4; ++q) signature[q] = signatures[4 * i + q];
    verdicts[i] = verify(reinterpret_cast<const std::uint8_t*>(key), messages + i * msg_bytes, msg_bytes,
                         reinterpret_cast<const std::uint8_t*>(signature), table)
                      ? 1
                      : 0;
  }
}

}  // namespace hwbench::ed25519::kernels
