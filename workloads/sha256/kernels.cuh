#pragma once

#include <cstddef>
#include <cstdint>

#include "workloads/sha256/sha256_device.cuh"

namespace hwbench::sha256::kernels {

// Threads per block for the hashing kernels: 256 keeps 8 blocks of ~48-register threads resident
// per Hopper SM (full occupancy is not needed: the rounds give each thread long dependency-free runs).
constexpr unsigned kThreadsPerBlock = 256;

// n messages of exactly 64 bytes: one message per thread, 16-byte loads and stores.
__global__ void hash64_kernel(const uint4* __restrict__ messages, uint4* __restrict__ digests,
                              std::size_t n) {
  const std::size_t stride = static_cast<std::size_t>(gridDim.x) * blockDim.x;
  for (std::size_t i = static_cast<std::size_t>(blockIdx.x) * blockDim.x + threadIdx.x; i < n; i += stride) {
    uint4 in[4], out[2];
#pragma unroll
    for (int q = 0; q < 4; ++q) in[q] = __ldg(messages + 4 * i + q);
    hash64_vectors(in, out);
    digests[2 * i] = out[0];
    digests[2 * i + 1] = out[1];
  }
}

// Word j of block b of a padded message of `length` bytes, read byte by byte.
__device__ __forceinline__ std::uint32_t padded_word(const unsigned char* message, std::size_t length,
                                                     std::size_t b, int j, std::size_t blocks) {
  const std::uint64_t bits = static_cast<std::uint64_t>(length) * 8;
  if (b == blocks - 1 && j == 14) return static_cast<std::uint32_t>(bits >> 32);
  if (b == blocks - 1 && j == 15) return static_cast<std::uint32_t>(bits);
  std::uint32_t word = 0;
  for (int k = 0; k < 4; ++k) {
    const std::size_t p = b * 64 + 4 * static_cast<std::size_t>(j) + k;
    const std::uint32_t byte = p < length ? message[p] : (p == length ? 0x80u : 0u);
    word = (word << 8) | byte;
  }
  return word;
}

// n messages of any length: one message per thread; whole blocks read as words when the length
// is a multiple of 4, the final padded blocks assembled byte by byte.
__global__ void hash_kernel(const unsigned char* __restrict__ messages, std::size_t length, std::size_t n,
                            unsigned char* __restrict__ digests) {
  const std::size_t stride = static_cast<std::size_t>(gridDim.x) * blockDim.x;
  const std::size_t blocks = (length + 9 + 63) / 64;
  const std::size_t word_blocks = length % 4 == 0 ? length / 64 : 0;
  for (std::size_t i = static_cast<std::size_t>(blockIdx.x) * blockDim.x + threadIdx.x; i < n; i += stride) {
    const unsigned char* message = messages + i * length;
    std::uint32_t state[8], w[16];
#pragma unroll
    for (int j = 0; j < 8; ++j) state[j] = initial_state(j);
    for (std::size_t b = 0; b < blocks; ++b) {
      if (b < word_blocks) {
        const auto* words = reinterpret_cast<const std::uint32_t*>(message + b * 64);
#pragma unroll
        for (int j = 0; j < 16; ++j) w[j] = bswap(words[j]);
      } else {
#pragma unroll
        for (int j = 0; j < 16; ++j) w[j] = padded_word(message, length, b, j, blocks);
      }
      compress(state, w);
    }
#pragma unroll
    for (int j = 0; j < 8; ++j) {
      const std::uint32_t v = state[j];
      digests[i * 32 + 4 * j + 0] = static_cast<unsigned char>(v >> 24);
      digests[i * 32 + 4 * j + 1] = static_cast<unsigned char>(v >> 16);
      digests[i * 32 + 4 * j + 2] = static_cast<unsigned char>(v >> 8);
      digests[i * 32 + 4 * j + 3] = static_cast<unsigned char>(v);
    }
  }
}

}  // namespace hwbench::sha256::kernels
