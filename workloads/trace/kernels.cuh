#pragma once

// Device side of the trace commitment: leaves and tree levels by aligned 512-node subtrees in shared
// memory, then one block per proof deriving the Fiat-Shamir challenges and writing the proof bytes in
// the format of proof_format.hpp. Every launch covers all programs of a batch (blockIdx.y / blockIdx.x).
#include <cstddef>
#include <cstdint>

#include "workloads/sha256/sha256_device.cuh"
#include "workloads/trace/proof_format.hpp"
#include "workloads/trace/tree_shape.hpp"

namespace hwbench::trace::kernels {

constexpr unsigned kThreadsPerBlock = 256;
constexpr unsigned kNodesPerBlock = 2 * kThreadsPerBlock;
constexpr unsigned kLevelsPerPass = 9;  // log2(kNodesPerBlock): one launch takes 512 nodes to one
constexpr unsigned kOpenThreads = 64;
constexpr std::size_t kRowVectors = kRowBytes / sizeof(uint4);    // 3
constexpr std::size_t kNodeVectors = kNodeBytes / sizeof(uint4);  // 2
// The statement's fixed part of the seed message: domain, program hash, input.
constexpr std::size_t kStatementBytes = kDomainBytes + 32 + 8 * kRegisters;

struct Statement {
  unsigned char bytes[kStatementBytes];
};

using sha256::kernels::bswap;

// SHA-256 of one 48-byte row (one block: the row, 0x80, zeros, bit length 384).
__device__ __forceinline__ void hash_row(const uint4* __restrict__ row, uint4 out[2]) {
  std::uint32_t w[16], state[8];
#pragma unroll
  for (int q = 0; q < 3; ++q) {
    const uint4 v = __ldg(row + q);
    w[4 * q + 0] = bswap(v.x);
    w[4 * q + 1] = bswap(v.y);
    w[4 * q + 2] = bswap(v.z);
    w[4 * q + 3] = bswap(v.w);
  }
  w[12] = 0x80000000u;
  w[13] = 0;
  w[14] = 0;
  w[15] = kRowBytes * 8;
#pragma unroll
  for (int i = 0; i < 8; ++i) state[i] = sha256::initial_state(i);
  sha256::compress(state, w);
  out[0] = make_uint4(bswap(state[0]), bswap(state[1]), bswap(state[2]), bswap(state[3]));
  out[1] = make_uint4(bswap(state[4]), bswap(state[5]), bswap(state[6]), bswap(state[7]));
}

// SHA-256 of a short byte string in local memory (the transcript's messages).
__device__ void hash_bytes(const unsigned char* message, unsigned length, unsigned char digest[32]) {
  std::uint32_t state[8];
  for (int i = 0; i < 8; ++i) state[i] = sha256::initial_state(i);
  const unsigned blocks = (length + 9 + 63) / 64;
  for (unsigned b = 0; b < blocks; ++b) {
    std::uint32_t w[16];
    for (int i = 0; i < 16; ++i) {
      std::uint32_t word = 0;
      for (int k = 0; k < 4; ++k) {
        const unsigned pos = 64 * b + 4 * i + k;
        unsigned byte = pos < length ? message[pos] : pos == length ? 0x80u : 0u;
        if (b + 1 == blocks && i >= 14) {  // the bit length, big-endian, in the last 8 bytes
          const std::uint64_t bits = std::uint64_t{length} * 8;
          byte = static_cast<unsigned>(bits >> (8 * (7 - (4 * (i - 14) + k)))) & 0xff;
        }
        word = word << 8 | byte;
      }
      w[i] = word;
    }
    sha256::compress(state, w);
  }
  for (int i = 0; i < 32; ++i) digest[i] = static_cast<unsigned char>(state[i / 4] >> (24 - 8 * (i % 4)));
}

// Level `first` (the leaves, hashed from the rows, when kFromRows) and up to kLevelsPerPass levels
// above it, for the aligned 512-node group first_group + blockIdx.x of program first_program + blockIdx.y.
template <bool kFromRows>
__global__ void __launch_bounds__(kThreadsPerBlock)
    subtree_kernel(const uint4* __restrict__ rows, uint4* __restrict__ nodes, TreeShape shape, unsigned first,
                   std::uint64_t first_group, unsigned first_program) {
  __shared__ uint4 level[kNodesPerBlock][kNodeVectors];
  const unsigned t = threadIdx.x;
  const std::uint64_t program = first_program + blockIdx.y;
  uint4* tree = nodes + program * shape.nodes * kNodeVectors;
  std::uint64_t pos = (first_group + blockIdx.x) * kNodesPerBlock;
  const std::uint64_t left = shape.count[first] - pos;
  unsigned count = left < kNodesPerBlock ? static_cast<unsigned>(left) : kNodesPerBlock;

  for (unsigned q = t; q < count; q += kThreadsPerBlock) {
    if constexpr (kFromRows) {
      const uint4* row = rows + (program * shape.count[0] + pos + q) * kRowVectors;
      hash_row(row, level[q]);
      uint4* out = tree + (pos + q) * kNodeVectors;
      out[0] = level[q][0];
      out[1] = level[q][1];
    } else {
      const uint4* in = tree + (shape.offset[first] + pos + q) * kNodeVectors;
      level[q][0] = in[0];
      level[q][1] = in[1];
    }
  }
  for (unsigned l = first; l + 1 < shape.levels && l < first + kLevelsPerPass; ++l) {
    __syncthreads();
    const unsigned parents = (count + 1) / 2;
    uint4 node[2];
    if (t < count / 2) {
      const uint4 pair[4] = {level[2 * t][0], level[2 * t][1], level[2 * t + 1][0], level[2 * t + 1][1]};
      sha256::kernels::hash64_vectors(pair, node);
    } else if (t < parents) {  // odd last node: carried up
      node[0] = level[2 * t][0];
      node[1] = level[2 * t][1];
    }
    __syncthreads();
    pos /= 2;
    if (t < parents) {
      level[t][0] = node[0];
      level[t][1] = node[1];
      uint4* out = tree + (shape.offset[l + 1] + pos + t) * kNodeVectors;
      out[0] = node[0];
      out[1] = node[1];
    }
    count = parents;
  }
}

__device__ __forceinline__ void put_u64(unsigned char* out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out[i] = static_cast<unsigned char>(v >> (8 * i));
}

__device__ __forceinline__ void copy_bytes(unsigned char* out, const void* in, unsigned bytes) {
  const auto* p = static_cast<const unsigned char*>(in);
  for (unsigned i = 0; i < bytes; ++i) out[i] = p[i];
}

// Writes the path of leaf i at `out`; returns the bytes written.
__device__ unsigned write_path(unsigned char* out, const uint4* tree, const TreeShape& s, std::uint64_t i) {
  unsigned written = 0;
  for (unsigned l = 0; l + 1 < s.levels; ++l, i /= 2) {
    if ((i ^ 1) < s.count[l]) {
      copy_bytes(out + written, tree + (s.offset[l] + (i ^ 1)) * kNodeVectors, kNodeBytes);
      written += kNodeBytes;
    }
  }
  return written;
}

// One block per program: the proof of its committed trace, into proofs + program * stride, and its
// length into lengths[program]. Dynamic shared memory: 2k 64-bit words.
__global__ void __launch_bounds__(kOpenThreads)
    open_kernel(const uint4* __restrict__ rows, const uint4* __restrict__ nodes, TreeShape shape,
                const Statement* __restrict__ statements, unsigned k, unsigned char* __restrict__ proofs,
                std::uint64_t stride, std::uint64_t* __restrict__ lengths) {
  extern __shared__ std::uint64_t shared[];
  std::uint64_t* index = shared;
  std::uint64_t* offset = shared + k;
  __shared__ unsigned char seed[32];
  const unsigned program = blockIdx.x;
  const std::uint64_t t_rows = shape.count[0];
  const unsigned char* trace = reinterpret_cast<const unsigned char*>(rows + program * t_rows * kRowVectors);
  const uint4* tree = nodes + program * shape.nodes * kNodeVectors;
  const unsigned char* root =
      reinterpret_cast<const unsigned char*>(tree + shape.offset[shape.levels - 1] * kNodeVectors);
  const unsigned char* final_row = trace + (t_rows - 1) * kRowBytes;
  unsigned char* proof = proofs + program * stride;

  if (threadIdx.x == 0) {
    unsigned char message[kSeedMessageBytes];
    copy_bytes(message, statements[program].bytes, kStatementBytes);
    put_u64(message + kStatementBytes, t_rows);
    copy_bytes(message + kStatementBytes + 8, final_row, kRowBytes);
    copy_bytes(message + kStatementBytes + 8 + kRowBytes, root, kNodeBytes);
    hash_bytes(message, kSeedMessageBytes, seed);
  }
  __syncthreads();
  for (unsigned j = threadIdx.x; j < k; j += blockDim.x) {
    unsigned char message[kChallengeMessageBytes], digest[32];
    copy_bytes(message, seed, 32);
    for (int b = 0; b < 4; ++b) message[32 + b] = static_cast<unsigned char>(j >> (8 * b));
    hash_bytes(message, kChallengeMessageBytes, digest);
    std::uint64_t v = 0;
    for (int b = 7; b >= 0; --b) v = v << 8 | digest[b];
    index[j] = v % (t_rows - 1);
  }
  __syncthreads();
  if (threadIdx.x == 0) {
    std::uint64_t at = fixed_bytes(shape);
    for (unsigned j = 0; j < k; ++j) {
      offset[j] = at;
      at += opening_bytes(shape, index[j]);
    }
    lengths[program] = at;
    for (int b = 0; b < 4; ++b) proof[b] = static_cast<unsigned char>(kMagic >> (8 * b));
    put_u64(proof + 4, t_rows);
    copy_bytes(proof + 12, final_row, kRowBytes);
    copy_bytes(proof + 12 + kRowBytes, root, kNodeBytes);
    unsigned char* out = proof + kHeaderBytes;
    out += write_path(out, tree, shape, 0);
    write_path(out, tree, shape, t_rows - 1);
  }
  __syncthreads();
  for (unsigned j = threadIdx.x; j < k; j += blockDim.x) {
    unsigned char* out = proof + offset[j];
    const std::uint64_t i = index[j];
    copy_bytes(out, trace + i * kRowBytes, 2 * kRowBytes);
    out += 2 * kRowBytes;
    out += write_path(out, tree, shape, i);
    write_path(out, tree, shape, i + 1);
  }
}

}  // namespace hwbench::trace::kernels
