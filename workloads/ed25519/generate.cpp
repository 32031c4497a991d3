// The ed25519 batch of a seed.
//
// Item i: secret key = 32 bytes from Rng(seed, kSecretStream + i); public key and signature from
// OpenSSL (EVP_PKEY_new_raw_private_key, EVP_DigestSign) over message i, the i-th msg_bytes of
// Rng(seed, kMessageStream). Those two are the costly part and are cached (core/record_cache.hpp) as
// ed25519-v1-seed-<seed>-msg-<bytes>.bin, 96 bytes per item (key || signature). Then the items that
// --invalid-ratio picks (Rng(seed, kTamperStream + i)) are spoiled in one of kTamperKinds ways, with the
// details drawn from Rng(seed, kDetailStream + i). Generation is never timed.
#include <openssl/evp.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <array>
#include <cstring>
#include <memory>
#include <span>
#include <stdexcept>

#include "core/record_cache.hpp"
#include "core/rng.hpp"
#include "workloads/ed25519/scalar.hpp"
#include "workloads/ed25519/workload.hpp"

namespace hwbench::ed25519 {
namespace {

constexpr std::uint64_t kSecretStream = 0x6564736b00000000ULL;   // "edsk"
constexpr std::uint64_t kMessageStream = 0x65646d7367000000ULL;  // "edmsg"
constexpr std::uint64_t kTamperStream = 0x6564746d00000000ULL;   // "edtm"
constexpr std::uint64_t kDetailStream = 0x6564647400000000ULL;   // "eddt"
constexpr RecordCache::Magic kMagic = {'H', 'W', 'B', 'E', 'D', '1', '\0', '\0'};
constexpr std::size_t kRecordBytes = kKeyBytes + kSignatureBytes;

// p + j as a 255-bit little-endian encoding (j < 19 keeps it below 2^255), sign bit as given.
void encode_p_plus(unsigned j, bool sign, std::uint8_t out[32]) {
  std::memset(out, 0xff, 32);
  out[0] = static_cast<std::uint8_t>(0xed + j);  // 0xed + 18 = 0xff: no carry
  out[31] = static_cast<std::uint8_t>(0x7f | (sign ? 0x80 : 0));
}

std::array<std::uint8_t, 32> secret_key(std::uint64_t seed, std::uint64_t i) {
  std::array<std::uint8_t, 32> sk{};
  Rng(seed, kSecretStream + i).fill(std::as_writable_bytes(std::span(sk)));
  return sk;
}

// Public key and signature of message m under the secret key sk, through OpenSSL.
void sign(const std::array<std::uint8_t, 32>& sk, const std::uint8_t* m, std::size_t length,
          std::uint8_t* record) {
  const std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, sk.data(), sk.size()), EVP_PKEY_free);
  const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  std::size_t key_length = kKeyBytes, signature_length = kSignatureBytes;
  if (!key || !ctx || EVP_PKEY_get_raw_public_key(key.get(), record, &key_length) != 1 ||
      EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1 ||
      EVP_DigestSign(ctx.get(), record + kKeyBytes, &signature_length, m, length) != 1) {
    throw std::runtime_error("OpenSSL could not make an Ed25519 signature");
  }
}

// a mod L, a = the clamped secret scalar of sk (RFC 8032 5.1.5): then [a mod L]B is sk's public key.
Scalar secret_scalar(const std::array<std::uint8_t, 32>& sk) {
  std::uint8_t h[64];
  unsigned int size = 0;
  EVP_Digest(sk.data(), sk.size(), h, &size, EVP_sha512(), nullptr);
  h[0] &= 248;
  h[31] = static_cast<std::uint8_t>((h[31] & 127) | 64);
  std::memset(h + 32, 0, 32);
  return reduce_mod_order(h, 64);
}

// The eight points of order dividing 8, canonically encoded.
constexpr std::array<std::array<std::uint8_t, 32>, 8> kSmallOrder = {{
    {0x01},  // identity
    {0xec, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
     0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f},  // order 2
    {0x00},                                                                                      // order 4
    {0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80},
    {0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef, 0x98, 0xf0, 0xd5,
     0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53, 0xfc, 0x05},  // order 8
    {0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef, 0x98, 0xf0,
     0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53, 0xfc, 0x85},
    {0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b, 0x76, 0x0d, 0x10, 0x67, 0x0f,
     0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39, 0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac, 0x03, 0x7a},
    {0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b, 0x76, 0x0d, 0x10, 0x67, 0x0f,
     0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39, 0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac, 0x03, 0xfa},
}};

void flip_bit(std::uint8_t* bytes, std::uint64_t bit) {
  bytes[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
}

void spoil(Input& in, std::size_t i, Tamper how, std::uint64_t seed) {
  Rng rng(seed, kDetailStream + i);
  std::uint8_t* key = in.keys.data() + i * kKeyBytes;
  std::uint8_t* message = in.messages.data() + i * in.msg_bytes;
  std::uint8_t* r = in.signatures.data() + i * kSignatureBytes;
  std::uint8_t* s = r + 32;
  switch (how) {
    case Tamper::none:
      break;
    case Tamper::r_bit:
      flip_bit(r, rng.below(256));
      break;
    case Tamper::s_bit:
      flip_bit(s, rng.below(252));
      break;
    case Tamper::message_bit:
      if (in.msg_bytes > 0) {
        flip_bit(message, rng.below(8 * in.msg_bytes));
      } else {
        flip_bit(key, rng.below(256));
      }
      break;
    case Tamper::key_bit:
      flip_bit(key, rng.below(256));
      break;
    case Tamper::s_plus_order: {
      unsigned carry = 0;
      Scalar l;
      for (int w = 0; w < 8; ++w) l.v[w] = order_word(w);
      std::uint8_t order[32];
      scalar_to_bytes(l, order);
      for (int b = 0; b < 32; ++b) {
        const unsigned sum = s[b] + order[b] + carry;
        s[b] = static_cast<std::uint8_t>(sum);
        carry = sum >> 8;
      }
      break;
    }
    case Tamper::noncanonical_r:
      encode_p_plus(static_cast<unsigned>(rng.below(19)), rng.below(2) != 0, r);
      break;
    case Tamper::noncanonical_key:
    case Tamper::small_order_key: {
      // The item's own key pair gives a scalar a with [a]B known: R = [a]B, S = a mod L. Then
      // [S]B - [k]A = R exactly when [k]A is the identity.
      const Scalar a = secret_scalar(secret_key(seed, i));
      std::memcpy(r, key, 32);
      scalar_to_bytes(a, s);
      if (how == Tamper::noncanonical_key) {
        // y = p + 1 (the identity, also with the sign bit set) or y = p (a point of order 4).
        const auto pick = rng.below(3);
        encode_p_plus(pick == 2 ? 0 : 1, pick == 1, key);
      } else {
        std::memcpy(key, kSmallOrder[rng.below(kSmallOrder.size())].data(), 32);
      }
      break;
    }
  }
}

}  // namespace

std::string_view to_string(Tamper tamper) {
  switch (tamper) {
    case Tamper::none:
      return "valid";
    case Tamper::r_bit:
      return "r-bit";
    case Tamper::s_bit:
      return "s-bit";
    case Tamper::message_bit:
      return "message-bit";
    case Tamper::key_bit:
      return "key-bit";
    case Tamper::s_plus_order:
      return "s-plus-order";
    case Tamper::noncanonical_r:
      return "noncanonical-r";
    case Tamper::noncanonical_key:
      return "noncanonical-key";
    case Tamper::small_order_key:
      return "small-order-key";
  }
  return "?";
}

std::string_view tamper_name(std::uint8_t tamper) { return to_string(static_cast<Tamper>(tamper)); }

Input generate_batch(std::uint64_t seed, std::uint64_t n, std::size_t msg_bytes,
                     const signatures::InvalidRatio& ratio) {
  Input in;
  in.count = n;
  in.msg_bytes = msg_bytes;
  in.messages.resize(n * msg_bytes);
  Rng(seed, kMessageStream).fill(std::as_writable_bytes(std::span(in.messages)));

  const RecordCache cache(
      "ed25519-v1-seed-" + std::to_string(seed) + "-msg-" + std::to_string(msg_bytes) + ".bin", kMagic, seed,
      kRecordBytes);
  std::vector<std::byte> records = cache.load(n);
  if (records.empty() && n > 0) {
    records.resize(n * kRecordBytes);
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 256), [&](const auto& range) {
      for (std::size_t i = range.begin(); i < range.end(); ++i) {
        sign(secret_key(seed, i), in.message(i), msg_bytes,
             reinterpret_cast<std::uint8_t*>(records.data() + i * kRecordBytes));
      }
    });
    cache.store(records);
  }
  in.keys.resize(n * kKeyBytes);
  in.signatures.resize(n * kSignatureBytes);
  in.tampering.resize(n);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 1024), [&](const auto& range) {
    for (std::size_t i = range.begin(); i < range.end(); ++i) {
      const auto* record = reinterpret_cast<const std::uint8_t*>(records.data() + i * kRecordBytes);
      std::memcpy(in.keys.data() + i * kKeyBytes, record, kKeyBytes);
      std::memcpy(in.signatures.data() + i * kSignatureBytes, record + kKeyBytes, kSignatureBytes);
      const int kind = ratio.draw(seed, kTamperStream, i, kTamperKinds);
      const auto how = static_cast<Tamper>(kind + 1);
      in.tampering[i] = static_cast<std::uint8_t>(how);
      spoil(in, i, how, seed);
    }
  });
  return in;
}

}  // namespace hwbench::ed25519
