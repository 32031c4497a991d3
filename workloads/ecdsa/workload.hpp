#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/workload.hpp"
#include "workloads/signatures/verdicts.hpp"

namespace hwbench::ecdsa {

enum class Curve { p256, secp256k1 };
std::string_view to_string(Curve curve);
std::optional<Curve> parse_curve(std::string_view name);
// OpenSSL's name of the curve's group (e.g. "prime256v1").
const char* group_name(Curve curve);

constexpr std::size_t kKeyBytes = 65;     // uncompressed SEC1 point: 04 || x || y
constexpr std::size_t kDigestBytes = 32;  // a SHA-256 digest, signed as it is
constexpr std::size_t kSlotBytes = 80;    // room for a DER signature and the spoiled forms below

// How an item was spoiled; verdicts are OpenSSL's (a negated s still verifies, for one).
enum class Tamper : std::uint8_t {
  none,
  r_bit,             // one bit of r flipped, re-encoded
  s_bit,             // one bit of s flipped, re-encoded
  digest_bit,        // one bit of the digest flipped
  key_bit,           // one bit of the key's x or y flipped
  s_plus_order,      // s + n: out of range
  negated_s,         // n - s: the other valid signature (ECDSA is malleable)
  noncanonical_der,  // r with a superfluous leading zero byte: not DER
  zero_r,            // r = 0
};
constexpr int kTamperKinds = 8;
std::string_view to_string(Tamper tamper);
// The same for a Tamper stored as a byte (a signatures::KindName).
std::string_view tamper_name(std::uint8_t tamper);

struct Input : CaseInput {
  std::uint64_t count = 0;
  Curve curve = Curve::p256;
  std::vector<std::uint8_t> keys;        // kKeyBytes per item
  std::vector<std::uint8_t> digests;     // kDigestBytes per item
  std::vector<std::uint8_t> signatures;  // kSlotBytes per item, the DER bytes first
  std::vector<std::uint8_t> lengths;     // DER length per item
  std::vector<std::uint8_t> tampering;   // Tamper per item

  const std::uint8_t* key(std::size_t i) const { return keys.data() + i * kKeyBytes; }
  const std::uint8_t* digest(std::size_t i) const { return digests.data() + i * kDigestBytes; }
  const std::uint8_t* signature(std::size_t i) const { return signatures.data() + i * kSlotBytes; }
};

using Output = signatures::Verdicts;

// Keys, digests and signatures of a seed, computed with OpenSSL's EC and BN arithmetic from seeded
// secrets and nonces (so the same seed gives the same signatures anywhere) and cached on disk; then
// the items `ratio` picks are spoiled. Item i does not depend on n.
Input generate_batch(std::uint64_t seed, std::uint64_t n, Curve curve, const signatures::InvalidRatio& ratio);

// Verification through OpenSSL: the key imported from its SEC1 bytes (EVP_PKEY_fromdata), then
// EVP_PKEY_verify over the digest. Thread-safe.
bool openssl_verify(Curve curve, const std::uint8_t key[kKeyBytes], const std::uint8_t digest[kDigestBytes],
                    const std::uint8_t* der, std::size_t der_length);

}  // namespace hwbench::ecdsa
