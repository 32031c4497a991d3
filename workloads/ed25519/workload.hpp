#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/workload.hpp"
#include "workloads/signatures/verdicts.hpp"

namespace hwbench::ed25519 {

constexpr std::size_t kKeyBytes = 32;
constexpr std::size_t kSignatureBytes = 64;

// How an item was spoiled. Verdicts are OpenSSL's, not these labels: some spoiled items still verify
// (a small-order key with a forged signature, say), and the device must agree on those too.
enum class Tamper : std::uint8_t {
  none,
  r_bit,             // one bit of R flipped
  s_bit,             // one of the low 252 bits of S flipped
  message_bit,       // one bit of the message flipped (of the key when messages are empty)
  key_bit,           // one bit of A flipped
  s_plus_order,      // S + L: the same value mod L, refused by the S < L rule
  noncanonical_r,    // R replaced by an encoding of y >= p
  noncanonical_key,  // A an encoding of y >= p (y = 0 or 1 mod p), R and S forged for it
  small_order_key,   // A of order 1, 2, 4 or 8, R = [a]B and S = a: holds when [k]A is the identity
};
constexpr int kTamperKinds = 8;
std::string_view to_string(Tamper tamper);
// The same for a Tamper stored as a byte (a signatures::KindName).
std::string_view tamper_name(std::uint8_t tamper);

// N (public key, message, signature) triples, back to back in three arrays.
struct Input : CaseInput {
  std::uint64_t count = 0;
  std::size_t msg_bytes = 0;
  std::vector<std::uint8_t> keys;        // 32 bytes per item
  std::vector<std::uint8_t> messages;    // msg_bytes per item
  std::vector<std::uint8_t> signatures;  // 64 bytes per item: R || S
  std::vector<std::uint8_t> tampering;   // Tamper per item

  const std::uint8_t* key(std::size_t i) const { return keys.data() + i * kKeyBytes; }
  const std::uint8_t* message(std::size_t i) const { return messages.data() + i * msg_bytes; }
  const std::uint8_t* signature(std::size_t i) const { return signatures.data() + i * kSignatureBytes; }
};

using Output = signatures::Verdicts;

// The batch of a seed: keys from seeded 32-byte secrets and signatures made by OpenSSL (cached on disk,
// see generate.cpp), then the items picked by `ratio` spoiled. Item i does not depend on n.
Input generate_batch(std::uint64_t seed, std::uint64_t n, std::size_t msg_bytes,
                     const signatures::InvalidRatio& ratio);

}  // namespace hwbench::ed25519
