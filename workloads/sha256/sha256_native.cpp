#include "workloads/sha256/sha256_native.hpp"

#include <immintrin.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <optional>

#include "core/host_info.hpp"
#include "workloads/sha256/sha256_core.hpp"

namespace hwbench::sha256 {
namespace {

constexpr std::size_t kBlock = 64;
// Messages hashed together through the SHA extensions (see ni_rounds); measured on Sapphire
// Rapids-class Xeons, 2 lanes beat 4 (13.8 vs 12.2 M 64-byte messages/s per core).
constexpr int kLanes = 2;

// Builds the final one or two blocks of a message: its last `rest` bytes, 0x80, zeros, and the
// message length in bits as a big-endian 64-bit number. Returns the number of blocks (1 or 2).
std::size_t tail_blocks(const std::byte* rest, std::size_t rest_length, std::uint64_t total_length,
                        std::byte out[2 * kBlock]) {
  std::memset(out, 0, 2 * kBlock);
  std::memcpy(out, rest, rest_length);
  out[rest_length] = std::byte{0x80};
  const std::size_t blocks = rest_length + 9 <= kBlock ? 1 : 2;
  const std::uint64_t bits = total_length * 8;
  for (int i = 0; i < 8; ++i) out[blocks * kBlock - 1 - i] = static_cast<std::byte>(bits >> (8 * i));
  return blocks;
}

std::uint32_t load_be32(const std::byte* p) {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  return byte_swap(v);
}

void portable_hash(const std::byte* message, std::size_t length, std::byte* digest) {
  std::uint32_t state[8];
  for (int i = 0; i < 8; ++i) state[i] = initial_state(i);
  std::uint32_t w[16];
  auto consume = [&](const std::byte* block) {
    for (int i = 0; i < 16; ++i) w[i] = load_be32(block + 4 * i);
    compress(state, w);
  };
  const std::size_t full = length / kBlock;
  for (std::size_t b = 0; b < full; ++b) consume(message + b * kBlock);
  std::byte tail[2 * kBlock];
  const std::size_t blocks = tail_blocks(message + full * kBlock, length - full * kBlock, length, tail);
  for (std::size_t b = 0; b < blocks; ++b) consume(tail + b * kBlock);
  for (int i = 0; i < 8; ++i) {
    const std::uint32_t be = byte_swap(state[i]);
    std::memcpy(digest + 4 * i, &be, 4);
  }
}

#define HWBENCH_SHA_NI __attribute__((target("sha,sse4.1,ssse3")))

// The round constants in memory, 16-byte aligned for vector loads.
alignas(16) constexpr std::array<std::uint32_t, 64> kRoundConstants = [] {
  std::array<std::uint32_t, 64> k{};
  for (int i = 0; i < 64; ++i) k[static_cast<std::size_t>(i)] = round_constant(i);
  return k;
}();

// The SHA extensions keep the state as two vectors, ABEF and CDGH (word A in the high lane).
// L independent messages go through the rounds together so that the latency of one message's
// sha256rnds2 chain is hidden behind the other's.
// Four big-endian message words from 16 bytes.
HWBENCH_SHA_NI inline __m128i ni_load_words(const std::byte* p) {
  const __m128i byte_order = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
  return _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), byte_order);
}

// Rounds over blocks given as their message words, W[4g..4g+3] in w[l][g] (overwritten).
template <int L>
HWBENCH_SHA_NI inline void ni_rounds_words(__m128i abef[L], __m128i cdgh[L], __m128i w[L][4]) {
  __m128i save_abef[L], save_cdgh[L];
  for (int l = 0; l < L; ++l) {
    save_abef[l] = abef[l];
    save_cdgh[l] = cdgh[l];
  }
  // Unrolled, so that the schedule's four vectors stay in registers instead of an indexed stack array.
#pragma GCC unroll 16
  for (int g = 0; g < 16; ++g) {
    const __m128i k = _mm_load_si128(reinterpret_cast<const __m128i*>(kRoundConstants.data() + 4 * g));
    for (int l = 0; l < L; ++l) {
      if (g >= 4) {
        // W[g] = msg2(msg1(W[g-4], W[g-3]) + (W[g-2]:W[g-1] >> 1 word), W[g-1]); W[g-4] sits in slot g&3.
        const __m128i w1 = w[l][(g + 3) & 3], w2 = w[l][(g + 2) & 3], w3 = w[l][(g + 1) & 3];
        __m128i next = _mm_sha256msg1_epu32(w[l][g & 3], w3);
        next = _mm_add_epi32(next, _mm_alignr_epi8(w1, w2, 4));
        w[l][g & 3] = _mm_sha256msg2_epu32(next, w1);
      }
      __m128i msg = _mm_add_epi32(w[l][g & 3], k);
      cdgh[l] = _mm_sha256rnds2_epu32(cdgh[l], abef[l], msg);
      msg = _mm_shuffle_epi32(msg, 0x0e);
      abef[l] = _mm_sha256rnds2_epu32(abef[l], cdgh[l], msg);
    }
  }
  for (int l = 0; l < L; ++l) {
    abef[l] = _mm_add_epi32(abef[l], save_abef[l]);
    cdgh[l] = _mm_add_epi32(cdgh[l], save_cdgh[l]);
  }
}

template <int L>
HWBENCH_SHA_NI inline void ni_rounds(__m128i abef[L], __m128i cdgh[L], const std::byte* const block[L]) {
  __m128i w[L][4];
  for (int l = 0; l < L; ++l) {
    for (int g = 0; g < 4; ++g) w[l][g] = ni_load_words(block[l] + 16 * g);
  }
  ni_rounds_words<L>(abef, cdgh, w);
}

// Rounds over a block whose schedule is known in advance (W[t] + K[t] for all 64 t): the padding
// block of a message whose length is a multiple of 64 is the same for every message of a batch.
template <int L>
HWBENCH_SHA_NI inline void ni_rounds_scheduled(__m128i abef[L], __m128i cdgh[L], const std::uint32_t* wk) {
  __m128i save_abef[L], save_cdgh[L];
  for (int l = 0; l < L; ++l) {
    save_abef[l] = abef[l];
    save_cdgh[l] = cdgh[l];
  }
  for (int g = 0; g < 16; ++g) {
    const __m128i msg = _mm_load_si128(reinterpret_cast<const __m128i*>(wk + 4 * g));
    const __m128i high = _mm_shuffle_epi32(msg, 0x0e);
    for (int l = 0; l < L; ++l) {
      cdgh[l] = _mm_sha256rnds2_epu32(cdgh[l], abef[l], msg);
      abef[l] = _mm_sha256rnds2_epu32(abef[l], cdgh[l], high);
    }
  }
  for (int l = 0; l < L; ++l) {
    abef[l] = _mm_add_epi32(abef[l], save_abef[l]);
    cdgh[l] = _mm_add_epi32(cdgh[l], save_cdgh[l]);
  }
}

// W[t] + K[t] of the padding block that follows a message of `length` bytes, length % 64 == 0.
struct PaddingSchedule {
  explicit PaddingSchedule(std::uint64_t length) {
    std::uint32_t w[64] = {0x80000000u};
    w[14] = static_cast<std::uint32_t>((length * 8) >> 32);
    w[15] = static_cast<std::uint32_t>(length * 8);
    for (int t = 16; t < 64; ++t) {
      const std::uint32_t s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
      const std::uint32_t s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
      w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    for (int t = 0; t < 64; ++t) wk[t] = w[t] + round_constant(t);
  }
  alignas(16) std::uint32_t wk[64];
};

template <int L>
HWBENCH_SHA_NI void ni_hash(const std::byte* const message[L], std::size_t length, std::byte* const digest[L],
                            const PaddingSchedule* padding) {
  // Initial state rearranged into ABEF / CDGH.
  const __m128i abef0 = _mm_set_epi32(static_cast<int>(initial_state(0)), static_cast<int>(initial_state(1)),
                                      static_cast<int>(initial_state(4)), static_cast<int>(initial_state(5)));
  const __m128i cdgh0 = _mm_set_epi32(static_cast<int>(initial_state(2)), static_cast<int>(initial_state(3)),
                                      static_cast<int>(initial_state(6)), static_cast<int>(initial_state(7)));
  __m128i abef[L], cdgh[L];
  for (int l = 0; l < L; ++l) {
    abef[l] = abef0;
    cdgh[l] = cdgh0;
  }
  const std::size_t full = length / kBlock;
  const std::byte* block[L];
  for (std::size_t b = 0; b < full; ++b) {
    for (int l = 0; l < L; ++l) block[l] = message[l] + b * kBlock;
    ni_rounds<L>(abef, cdgh, block);
  }
  const std::size_t rest = length - full * kBlock;
  if (padding != nullptr) {
    ni_rounds_scheduled<L>(abef, cdgh, padding->wk);
  } else if (rest % 16 == 0 && rest + 9 <= kBlock) {
    // One last block whose padding fills whole vectors (e.g. 48-byte trace rows): built in registers,
    // since a block assembled in memory byte by byte stalls the vector loads that read it back.
    const auto low = static_cast<int>(static_cast<std::uint32_t>(length * 8));
    const auto high = static_cast<int>(static_cast<std::uint32_t>((std::uint64_t{length} * 8) >> 32));
    __m128i w[L][4];
    for (int l = 0; l < L; ++l) {
      for (std::size_t g = 0; g < 4; ++g) {
        const std::size_t at = full * kBlock + 16 * g;
        if (16 * g < rest) {
          w[l][g] = ni_load_words(message[l] + at);
        } else {
          const int first = 16 * g == rest ? static_cast<int>(0x80000000u) : 0;
          w[l][g] = _mm_set_epi32(g == 3 ? low : 0, g == 3 ? high : 0, 0, first);  // W[15] ... W[4g]
        }
      }
    }
    ni_rounds_words<L>(abef, cdgh, w);
  } else {
    alignas(16) std::byte tail[L][2 * kBlock];
    std::size_t blocks = 0;
    for (int l = 0; l < L; ++l) {
      blocks = tail_blocks(message[l] + full * kBlock, length - full * kBlock, length, tail[l]);
    }
    for (std::size_t b = 0; b < blocks; ++b) {
      for (int l = 0; l < L; ++l) block[l] = tail[l] + b * kBlock;
      ni_rounds<L>(abef, cdgh, block);
    }
  }
  const __m128i byte_order = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
  for (int l = 0; l < L; ++l) {
    // Back to A..D and E..H in lane order, then big-endian bytes.
    const __m128i feba = _mm_shuffle_epi32(abef[l], 0x1b);
    const __m128i dchg = _mm_shuffle_epi32(cdgh[l], 0xb1);
    const __m128i dcba = _mm_blend_epi16(feba, dchg, 0xf0);
    const __m128i hgfe = _mm_alignr_epi8(dchg, feba, 8);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(digest[l]), _mm_shuffle_epi8(dcba, byte_order));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(digest[l] + 16), _mm_shuffle_epi8(hgfe, byte_order));
  }
}

}  // namespace

NativePath native_path() { return cpu_features().sha_ni ? NativePath::sha_ni : NativePath::portable; }

std::string_view to_string(NativePath path) { return path == NativePath::sha_ni ? "sha-ni-x2" : "portable"; }

void hash_batch(const std::byte* messages, std::size_t length, std::size_t n, std::byte* digests,
                NativePath path) {
  if (path == NativePath::sha_ni) {
    // Merkle nodes (64 bytes) are hashed a few at a time near a tree's top and in proofs: their
    // schedule is made once, as it costs more than the hash of one message.
    static const PaddingSchedule node_padding(2 * 32);
    std::optional<PaddingSchedule> padding;
    if (length % kBlock == 0 && length != 2 * 32) padding.emplace(length);
    const PaddingSchedule* pad = length == 2 * 32 ? &node_padding : padding ? &*padding : nullptr;
    std::size_t i = 0;
    for (; i + kLanes <= n; i += kLanes) {
      const std::byte* in[kLanes];
      std::byte* out[kLanes];
      for (int l = 0; l < kLanes; ++l) {
        in[l] = messages + (i + l) * length;
        out[l] = digests + (i + l) * 32;
      }
      ni_hash<kLanes>(in, length, out, pad);
    }
    for (; i < n; ++i) {
      const std::byte* in[1] = {messages + i * length};
      std::byte* out[1] = {digests + i * 32};
      ni_hash<1>(in, length, out, pad);
    }
    return;
  }
  for (std::size_t i = 0; i < n; ++i) portable_hash(messages + i * length, length, digests + i * 32);
}

}  // namespace hwbench::sha256
