#pragma once

// SHA-512 (FIPS 180-4) of R || A || M, the challenge hash of Ed25519 verification, written once for the
// host and the device. The three parts are read in place: each 128-byte block is gathered byte by byte
// from them and the padding, so no buffer of the whole message is needed. On the device the 80 rounds
// unroll and the round constants fold into the instructions.
#include <cstddef>
#include <cstdint>

#include "core/hd.hpp"

namespace hwbench::ed25519 {

HWBENCH_HD constexpr std::uint64_t sha512_round_constant(int i) {
  constexpr std::uint64_t k[80] = {
      0x428a2f98d728ae22ULL, 0x7137449123ef65cdULL, 0xb5c0fbcfec4d3b2fULL, 0xe9b5dba58189dbbcULL,
      0x3956c25bf348b538ULL, 0x59f111f1b605d019ULL, 0x923f82a4af194f9bULL, 0xab1c5ed5da6d8118ULL,
      0xd807aa98a3030242ULL, 0x12835b0145706fbeULL, 0x243185be4ee4b28cULL, 0x550c7dc3d5ffb4e2ULL,
      0x72be5d74f27b896fULL, 0x80deb1fe3b1696b1ULL, 0x9bdc06a725c71235ULL, 0xc19bf174cf692694ULL,
      0xe49b69c19ef14ad2ULL, 0xefbe4786384f25e3ULL, 0x0fc19dc68b8cd5b5ULL, 0x240ca1cc77ac9c65ULL,
      0x2de92c6f592b0275ULL, 0x4a7484aa6ea6e483ULL, 0x5cb0a9dcbd41fbd4ULL, 0x76f988da831153b5ULL,
      0x983e5152ee66dfabULL, 0xa831c66d2db43210ULL, 0xb00327c898fb213fULL, 0xbf597fc7beef0ee4ULL,
      0xc6e00bf33da88fc2ULL, 0xd5a79147930aa725ULL, 0x06ca6351e003826fULL, 0x142929670a0e6e70ULL,
      0x27b70a8546d22ffcULL, 0x2e1b21385c26c926ULL, 0x4d2c6dfc5ac42aedULL, 0x53380d139d95b3dfULL,
      0x650a73548baf63deULL, 0x766a0abb3c77b2a8ULL, 0x81c2c92e47edaee6ULL, 0x92722c851482353bULL,
      0xa2bfe8a14cf10364ULL, 0xa81a664bbc423001ULL, 0xc24b8b70d0f89791ULL, 0xc76c51a30654be30ULL,
      0xd192e819d6ef5218ULL, 0xd69906245565a910ULL, 0xf40e35855771202aULL, 0x106aa07032bbd1b8ULL,
      0x19a4c116b8d2d0c8ULL, 0x1e376c085141ab53ULL, 0x2748774cdf8eeb99ULL, 0x34b0bcb5e19b48a8ULL,
      0x391c0cb3c5c95a63ULL, 0x4ed8aa4ae3418acbULL, 0x5b9cca4f7763e373ULL, 0x682e6ff3d6b2b8a3ULL,
      0x748f82ee5defb2fcULL, 0x78a5636f43172f60ULL, 0x84c87814a1f0ab72ULL, 0x8cc702081a6439ecULL,
      0x90befffa23631e28ULL, 0xa4506cebde82bde9ULL, 0xbef9a3f7b2c67915ULL, 0xc67178f2e372532bULL,
      0xca273eceea26619cULL, 0xd186b8c721c0c207ULL, 0xeada7dd6cde0eb1eULL, 0xf57d4f7fee6ed178ULL,
      0x06f067aa72176fbaULL, 0x0a637dc5a2c898a6ULL, 0x113f9804bef90daeULL, 0x1b710b35131c471bULL,
      0x28db77f523047d84ULL, 0x32caab7b40c72493ULL, 0x3c9ebe0a15c9bebcULL, 0x431d67c49c100d4cULL,
      0x4cc5d4becb3e42b6ULL, 0x597f299cfc657e2aULL, 0x5fcb6fab3ad6faecULL, 0x6c44198c4a475817ULL,
  };
  return k[i];
}

HWBENCH_HD constexpr std::uint64_t sha512_initial_state(int i) {
  constexpr std::uint64_t h[8] = {0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL,
                                  0xa54ff53a5f1d36f1ULL, 0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL,
                                  0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL};
  return h[i];
}

HWBENCH_HD constexpr std::uint64_t rotr64(std::uint64_t x, int n) { return (x >> n) | (x << (64 - n)); }

// state <- state + rounds(state, w); w holds the block's 16 big-endian words and is overwritten.
HWBENCH_HD void sha512_compress(std::uint64_t state[8], std::uint64_t w[16]) {
  std::uint64_t a = state[0], b = state[1], c = state[2], d = state[3];
  std::uint64_t e = state[4], f = state[5], g = state[6], h = state[7];
#if defined(__CUDA_ARCH__)
#pragma unroll
#endif
  for (int i = 0; i < 80; ++i) {
    if (i >= 16) {
      const std::uint64_t w15 = w[(i - 15) & 15], w2 = w[(i - 2) & 15];
      const std::uint64_t s0 = rotr64(w15, 1) ^ rotr64(w15, 8) ^ (w15 >> 7);
      const std::uint64_t s1 = rotr64(w2, 19) ^ rotr64(w2, 61) ^ (w2 >> 6);
      w[i & 15] += s0 + w[(i - 7) & 15] + s1;
    }
    const std::uint64_t t1 = h + (rotr64(e, 14) ^ rotr64(e, 18) ^ rotr64(e, 41)) + ((e & f) ^ (~e & g)) +
                             sha512_round_constant(i) + w[i & 15];
    const std::uint64_t t2 = (rotr64(a, 28) ^ rotr64(a, 34) ^ rotr64(a, 39)) + ((a & b) ^ (a & c) ^ (b & c));
    h = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  state[0] += a;
  state[1] += b;
  state[2] += c;
  state[3] += d;
  state[4] += e;
  state[5] += f;
  state[6] += g;
  state[7] += h;
}

// SHA-512(r[0..32) || a[0..32) || m[0..length)) into out[64].
HWBENCH_HD void sha512_ram(const std::uint8_t* r, const std::uint8_t* a, const std::uint8_t* m,
                           std::size_t length, std::uint8_t out[64]) {
  const std::size_t total = 64 + length;
  const std::size_t blocks = (total + 1 + 16 + 127) / 128;
  std::uint64_t state[8];
  for (int i = 0; i < 8; ++i) state[i] = sha512_initial_state(i);
  HWBENCH_ROLLED
  for (std::size_t block = 0; block < blocks; ++block) {
    std::uint64_t w[16];
    HWBENCH_ROLLED
    for (int word = 0; word < 16; ++word) {
      std::uint64_t x = 0;
      for (int byte = 0; byte < 8; ++byte) {
        const std::size_t at = block * 128 + static_cast<std::size_t>(word * 8 + byte);
        std::uint8_t v = 0;
        if (at < 32) {
          v = r[at];
        } else if (at < 64) {
          v = a[at - 32];
        } else if (at < total) {
          v = m[at - 64];
        } else if (at == total) {
          v = 0x80;
        }
        x = (x << 8) | v;
      }
      w[word] = x;
    }
    if (block + 1 == blocks) w[15] = static_cast<std::uint64_t>(total) * 8;  // length in bits (< 2^64)
    sha512_compress(state, w);
  }
  for (int i = 0; i < 8; ++i) {
    for (int byte = 0; byte < 8; ++byte)
      out[8 * i + byte] = static_cast<std::uint8_t>(state[i] >> (56 - 8 * byte));
  }
}

}  // namespace hwbench::ed25519
