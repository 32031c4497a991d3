// The ecdsa batch of a seed.
//
// Item i: secret d and nonce k uniform in [1, n) from Rng(seed, kSecretStream + i); digest = 32 bytes of
// Rng(seed, kDigestStream + i); Q = [d]G; r = x([k]G) mod n, s = k^-1 (z + r d) mod n, DER-encoded.
// Computed with OpenSSL's EC_POINT and BN arithmetic, so they are deterministic (OpenSSL's own signing
// draws a random nonce), and cached (core/record_cache.hpp) as ecdsa-<curve>-v1-seed-<seed>.bin, one
// record of key || DER length || DER slot per item. Then the items --invalid-ratio picks are spoiled.
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/obj_mac.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <cstring>
#include <memory>
#include <stdexcept>

#include "core/record_cache.hpp"
#include "core/rng.hpp"
#include "workloads/ecdsa/workload.hpp"

namespace hwbench::ecdsa {
namespace {

constexpr std::uint64_t kSecretStream = 0x6563736b00000000ULL;  // "ecsk"
constexpr std::uint64_t kDigestStream = 0x6563646700000000ULL;  // "ecdg"
constexpr std::uint64_t kTamperStream = 0x6563746d00000000ULL;  // "ectm"
constexpr std::uint64_t kDetailStream = 0x6563647400000000ULL;  // "ecdt"
constexpr RecordCache::Magic kMagic = {'H', 'W', 'B', 'E', 'C', '1', '\0', '\0'};
constexpr std::size_t kRecordBytes = kKeyBytes + 1 + kSlotBytes;

using Bn = std::unique_ptr<BIGNUM, decltype(&BN_free)>;
using Point = std::unique_ptr<EC_POINT, decltype(&EC_POINT_free)>;

Bn bn() { return Bn(BN_new(), BN_free); }

void check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("OpenSSL failed to compute ") + what + " for an ECDSA batch");
}

int curve_nid(Curve curve) { return curve == Curve::p256 ? NID_X9_62_prime256v1 : NID_secp256k1; }

// What one thread needs: the group, its order and a BN context.
struct Arithmetic {
  explicit Arithmetic(Curve curve)
      : group(EC_GROUP_new_by_curve_name(curve_nid(curve)), EC_GROUP_free), ctx(BN_CTX_new(), BN_CTX_free) {
    check(group && ctx, "the curve group");
    order = EC_GROUP_get0_order(group.get());
  }

  // Uniform in [1, n) from 64 bytes of the stream (bias below 2^-250).
  Bn scalar(Rng& rng) const {
    std::uint8_t bytes[64];
    rng.fill(std::as_writable_bytes(std::span(bytes)));
    Bn x = bn(), n_minus_1 = bn();
    check(x && n_minus_1 && BN_bin2bn(bytes, sizeof(bytes), x.get()) && BN_copy(n_minus_1.get(), order) &&
              BN_sub_word(n_minus_1.get(), 1) && BN_nnmod(x.get(), x.get(), n_minus_1.get(), ctx.get()) &&
              BN_add_word(x.get(), 1),
          "a scalar");
    return x;
  }

  std::unique_ptr<EC_GROUP, decltype(&EC_GROUP_free)> group;
  std::unique_ptr<BN_CTX, decltype(&BN_CTX_free)> ctx;
  const BIGNUM* order = nullptr;
};

// DER of (r, s): SEQUENCE { INTEGER r, INTEGER s }, minimal encodings. Values up to 2^264.
std::size_t encode_der(const BIGNUM* r, const BIGNUM* s, std::uint8_t* out) {
  std::uint8_t ints[2][40];
  std::size_t lengths[2];
  for (int k = 0; k < 2; ++k) {
    const BIGNUM* v = k == 0 ? r : s;
    const int bytes = BN_num_bytes(v);
    check(bytes <= 34, "a DER integer");
    std::size_t at = 0;
    if (bytes == 0) {
      ints[k][at++] = 0;  // zero is one 0x00 byte
    } else {
      std::uint8_t magnitude[40];
      BN_bn2bin(v, magnitude);
      if (magnitude[0] & 0x80) ints[k][at++] = 0;  // keep it positive
      std::memcpy(ints[k] + at, magnitude, static_cast<std::size_t>(bytes));
      at += static_cast<std::size_t>(bytes);
    }
    lengths[k] = at;
  }
  std::size_t at = 0;
  out[at++] = 0x30;
  out[at++] = static_cast<std::uint8_t>(4 + lengths[0] + lengths[1]);
  for (int k = 0; k < 2; ++k) {
    out[at++] = 0x02;
    out[at++] = static_cast<std::uint8_t>(lengths[k]);
    std::memcpy(out + at, ints[k], lengths[k]);
    at += lengths[k];
  }
  return at;
}

// One valid record: key, DER length, DER.
void make_record(const Arithmetic& a, std::uint64_t seed, std::uint64_t i, std::uint8_t* record) {
  Rng rng(seed, kSecretStream + i);
  const Bn d = a.scalar(rng), k = a.scalar(rng);
  std::uint8_t digest[kDigestBytes];
  Rng(seed, kDigestStream + i).fill(std::as_writable_bytes(std::span(digest)));
  Point q(EC_POINT_new(a.group.get()), EC_POINT_free), kg(EC_POINT_new(a.group.get()), EC_POINT_free);
  Bn x = bn(), r = bn(), s = bn(), z = bn(), k_inverse = bn();
  check(q && kg && x && r && s && z && k_inverse, "buffers");
  check(EC_POINT_mul(a.group.get(), q.get(), d.get(), nullptr, nullptr, a.ctx.get()) &&
            EC_POINT_point2oct(a.group.get(), q.get(), POINT_CONVERSION_UNCOMPRESSED, record, kKeyBytes,
                               a.ctx.get()) == kKeyBytes,
        "a public key");
  check(EC_POINT_mul(a.group.get(), kg.get(), k.get(), nullptr, nullptr, a.ctx.get()) &&
            EC_POINT_get_affine_coordinates(a.group.get(), kg.get(), x.get(), nullptr, a.ctx.get()) &&
            BN_nnmod(r.get(), x.get(), a.order, a.ctx.get()) && BN_bin2bn(digest, kDigestBytes, z.get()) &&
            BN_mod_mul(s.get(), r.get(), d.get(), a.order, a.ctx.get()) &&
            BN_mod_add(s.get(), s.get(), z.get(), a.order, a.ctx.get()) &&
            BN_mod_inverse(k_inverse.get(), k.get(), a.order, a.ctx.get()) &&
            BN_mod_mul(s.get(), s.get(), k_inverse.get(), a.order, a.ctx.get()),
        "a signature");
  // r = 0 or s = 0 happen with probability 2^-256; a nonce that gave one would only make an invalid item.
  record[kKeyBytes] = static_cast<std::uint8_t>(encode_der(r.get(), s.get(), record + kKeyBytes + 1));
}

void spoil(const Arithmetic& a, Input& in, std::size_t i, Tamper how, std::uint64_t seed) {
  if (how == Tamper::none) return;
  Rng rng(seed, kDetailStream + i);
  std::uint8_t* der = in.signatures.data() + i * kSlotBytes;
  if (how == Tamper::digest_bit) {
    in.digests[i * kDigestBytes + rng.below(8 * kDigestBytes) / 8] ^=
        static_cast<std::uint8_t>(1u << rng.below(8));
    return;
  }
  if (how == Tamper::key_bit) {
    const auto bit = rng.below(8 * (kKeyBytes - 1));  // x or y, not the 04 prefix
    in.keys[i * kKeyBytes + 1 + bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
    return;
  }
  // The rest rewrite (r, s), decoded from the record's own minimal DER.
  const std::size_t r_length = der[3];
  const std::size_t s_length = der[5 + r_length];
  Bn r = bn(), s = bn();
  check(r && s && BN_bin2bn(der + 4, static_cast<int>(r_length), r.get()) &&
            BN_bin2bn(der + 6 + r_length, static_cast<int>(s_length), s.get()),
        "a decoded signature");
  switch (how) {
    case Tamper::r_bit:
    case Tamper::s_bit: {
      BIGNUM* v = how == Tamper::r_bit ? r.get() : s.get();
      const int bit = static_cast<int>(rng.below(256));
      check(BN_is_bit_set(v, bit) ? BN_clear_bit(v, bit) : BN_set_bit(v, bit), "a flipped bit");
      break;
    }
    case Tamper::s_plus_order:
      check(BN_add(s.get(), s.get(), a.order), "s + n");
      break;
    case Tamper::negated_s:
      check(BN_sub(s.get(), a.order, s.get()), "n - s");
      break;
    case Tamper::zero_r:
      BN_zero(r.get());
      break;
    default:
      break;
  }
  std::size_t length = encode_der(r.get(), s.get(), der);
  if (how == Tamper::noncanonical_der) {
    // 30 L 02 rl <r> ... -> 30 L+1 02 rl+1 00 <r> ...
    std::memmove(der + 5, der + 4, length - 4);
    der[4] = 0;
    der[3] = static_cast<std::uint8_t>(der[3] + 1);
    der[1] = static_cast<std::uint8_t>(der[1] + 1);
    ++length;
  }
  in.lengths[i] = static_cast<std::uint8_t>(length);
}

}  // namespace

std::string_view to_string(Curve curve) { return curve == Curve::p256 ? "p256" : "secp256k1"; }

std::optional<Curve> parse_curve(std::string_view name) {
  for (const Curve c : {Curve::p256, Curve::secp256k1}) {
    if (to_string(c) == name) return c;
  }
  return std::nullopt;
}
const char* group_name(Curve curve) { return curve == Curve::p256 ? "prime256v1" : "secp256k1"; }

std::string_view to_string(Tamper tamper) {
  switch (tamper) {
    case Tamper::none:
      return "valid";
    case Tamper::r_bit:
      return "r-bit";
    case Tamper::s_bit:
      return "s-bit";
    case Tamper::digest_bit:
      return "digest-bit";
    case Tamper::key_bit:
      return "key-bit";
    case Tamper::s_plus_order:
      return "s-plus-order";
    case Tamper::negated_s:
      return "negated-s";
    case Tamper::noncanonical_der:
      return "noncanonical-der";
    case Tamper::zero_r:
      return "zero-r";
  }
  return "?";
}

std::string_view tamper_name(std::uint8_t tamper) { return to_string(static_cast<Tamper>(tamper)); }

Input generate_batch(std::uint64_t seed, std::uint64_t n, Curve curve,
                     const signatures::InvalidRatio& ratio) {
  Input in;
  in.count = n;
  in.curve = curve;
  const RecordCache cache(
      "ecdsa-" + std::string(to_string(curve)) + "-v1-seed-" + std::to_string(seed) + ".bin", kMagic, seed,
      kRecordBytes);
  std::vector<std::byte> records = cache.load(n);
  if (records.empty() && n > 0) {
    records.resize(n * kRecordBytes);
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 256), [&](const auto& range) {
      const Arithmetic a(curve);
      for (std::size_t i = range.begin(); i < range.end(); ++i) {
        make_record(a, seed, i, reinterpret_cast<std::uint8_t*>(records.data() + i * kRecordBytes));
      }
    });
    cache.store(records);
  }
  in.keys.resize(n * kKeyBytes);
  in.digests.resize(n * kDigestBytes);
  in.signatures.assign(n * kSlotBytes, 0);
  in.lengths.resize(n);
  in.tampering.resize(n);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 256), [&](const auto& range) {
    const Arithmetic a(curve);
    for (std::size_t i = range.begin(); i < range.end(); ++i) {
      const auto* record = reinterpret_cast<const std::uint8_t*>(records.data() + i * kRecordBytes);
      std::memcpy(in.keys.data() + i * kKeyBytes, record, kKeyBytes);
      in.lengths[i] = record[kKeyBytes];
      std::memcpy(in.signatures.data() + i * kSlotBytes, record + kKeyBytes + 1, in.lengths[i]);
      Rng(seed, kDigestStream + i)
          .fill(std::as_writable_bytes(std::span(in.digests).subspan(i * kDigestBytes, kDigestBytes)));
      const auto how = static_cast<Tamper>(ratio.draw(seed, kTamperStream, i, kTamperKinds) + 1);
      in.tampering[i] = static_cast<std::uint8_t>(how);
      spoil(a, in, i, how, seed);
    }
  });
  return in;
}

}  // namespace hwbench::ecdsa
