#pragma once

// Device-side SHA-256 helpers shared by the sha256 and merkle kernels.
#include <cstdint>

#include "workloads/sha256/sha256_core.hpp"

namespace hwbench::sha256::kernels {

__device__ __forceinline__ std::uint32_t bswap(std::uint32_t x) { return __byte_perm(x, 0, 0x0123); }

// Hashes one 64-byte message held as 4 little-endian-loaded uint4s into 2 uint4s of digest bytes.
__device__ __forceinline__ void hash64_vectors(const uint4 in[4], uint4 out[2]) {
  std::uint32_t w[16], digest[8];
#pragma unroll
  for (int q = 0; q < 4; ++q) {
    w[4 * q + 0] = bswap(in[q].x);
    w[4 * q + 1] = bswap(in[q].y);
    w[4 * q + 2] = bswap(in[q].z);
    w[4 * q + 3] = bswap(in[q].w);
  }
  hash64(w, digest);
  out[0] = make_uint4(bswap(digest[0]), bswap(digest[1]), bswap(digest[2]), bswap(digest[3]));
  out[1] = make_uint4(bswap(digest[4]), bswap(digest[5]), bswap(digest[6]), bswap(digest[7]));
}

}  // namespace hwbench::sha256::kernels
