// Ed25519: the arithmetic the device runs (checked here on the host against OpenSSL's BIGNUM and
// SHA-512), RFC 8032 vectors, the small-order points, the spoiled-batch generator and its cache, and
// every backend's verdicts against OpenSSL's on fresh seeded batches holding every kind of bad item.
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>

#include "core/error.hpp"
#include "core/rng.hpp"
#include "tests/support.hpp"
#include "workloads/ed25519/field51.hpp"
#include "workloads/ed25519/native_verifier.hpp"
#include "workloads/ed25519/openssl_verifier.hpp"
#include "workloads/ed25519/verify.hpp"
#include "workloads/ed25519/workload.hpp"

namespace hwbench {
namespace {

using namespace ed25519;
using Bn = std::unique_ptr<BIGNUM, decltype(&BN_free)>;

std::vector<std::uint8_t> from_hex(const std::string& h) {
  std::vector<std::uint8_t> v;
  for (std::size_t i = 0; i + 1 < h.size(); i += 2)
    v.push_back(static_cast<std::uint8_t>(std::stoi(h.substr(i, 2), nullptr, 16)));
  return v;
}

Bn bn_le(const std::uint8_t* bytes, int length) { return Bn(BN_lebin2bn(bytes, length, nullptr), BN_free); }
Bn bn_of(const Fe& a) { return bn_le(reinterpret_cast<const std::uint8_t*>(a.v), 32); }
// The value the limbs stand for, whatever their size: sum v_i 2^(51 i).
Bn bn_of(const Fe51& a) {
  Bn r(BN_new(), BN_free), limb(BN_new(), BN_free);
  BN_zero(r.get());
  for (int i = 4; i >= 0; --i) {
    BN_lshift(r.get(), r.get(), 51);
    BN_set_word(limb.get(), static_cast<BN_ULONG>(a.v[i]));
    BN_add(r.get(), r.get(), limb.get());
  }
  return r;
}
Bn bn_hex(const char* h) {
  BIGNUM* b = nullptr;
  BN_hex2bn(&b, h);
  return Bn(b, BN_free);
}
const Bn& prime() {
  static const Bn p = bn_hex("7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffed");
  return p;
}
const Bn& order() {
  static const Bn l = bn_hex("1000000000000000000000000000000014def9dea2f79cd65812631a5cf5d3ed");
  return l;
}

// a mod p as BIGNUMs, for comparing field results whatever their representative.
template <class F>
bool same_mod_p(const F& got, const BIGNUM* want) {
  BN_CTX* ctx = BN_CTX_new();
  Bn g = bn_of(got), w(BN_dup(want), BN_free);
  BN_nnmod(g.get(), g.get(), prime().get(), ctx);
  BN_nnmod(w.get(), w.get(), prime().get(), ctx);
  BN_CTX_free(ctx);
  return BN_cmp(g.get(), w.get()) == 0;
}

// Random 256-bit values, and the edge values that stress the folds: 0, 1, p - 1, p, p + 1, 2^255 - 1,
// 2^256 - 1, 2^256 - 38; as eight 32-bit words, the form both field types take (of_words).
std::vector<Fe> field_samples(std::uint64_t seed) {
  std::vector<Fe> samples;
  auto words = [](std::uint32_t low, std::uint32_t middle, std::uint32_t top) {
    return Fe{{low, middle, middle, middle, middle, middle, middle, top}};
  };
  samples.push_back(fe_zero());
  samples.push_back(fe_one());
  samples.push_back(words(0xffffffec, 0xffffffff, 0x7fffffff));
  samples.push_back(words(0xffffffed, 0xffffffff, 0x7fffffff));
  samples.push_back(words(0xffffffee, 0xffffffff, 0x7fffffff));
  samples.push_back(words(0xffffffff, 0xffffffff, 0x7fffffff));
  samples.push_back(words(0xffffffff, 0xffffffff, 0xffffffff));
  samples.push_back(words(0xffffffda, 0xffffffff, 0xffffffff));
  Rng rng(seed, 1);
  for (int i = 0; i < 200; ++i) {
    Fe a;
    for (auto& w : a.v) w = static_cast<std::uint32_t>(rng.next());
    samples.push_back(a);
  }
  return samples;
}

// Both field types (the device's words, the native verifier's 51-bit limbs) against BIGNUM mod p, on
// the samples and on results of operations (which carry the loosest limbs the operations produce).
template <class F>
class Ed25519Field : public ::testing::Test {};
using FieldTypes = ::testing::Types<Fe, Fe51>;
TYPED_TEST_SUITE(Ed25519Field, FieldTypes);

TYPED_TEST(Ed25519Field, OperationsAgreeWithBignumModP) {
  using F = TypeParam;
  std::vector<F> samples;
  for (const Fe& words : field_samples(::testing::UnitTest::GetInstance()->random_seed()))
    samples.push_back(F::of_words(words.v));
  const std::size_t n = samples.size();
  for (std::size_t i = 0; i < n; ++i) {
    const F a = samples[i], b = samples[(i * 7 + 3) % n];  // copies: the pushes below move the elements
    samples.push_back(i % 2 == 0 ? a + b : a - b);
    samples.push_back(a * b);
  }
  BN_CTX* ctx = BN_CTX_new();
  Bn want(BN_new(), BN_free);
  for (std::size_t i = 0; i < samples.size(); ++i) {
    const F& a = samples[i];
    const F& b = samples[(i * 7 + 3) % samples.size()];
    const Bn x = bn_of(a), y = bn_of(b);
    BN_mod_mul(want.get(), x.get(), y.get(), prime().get(), ctx);
    EXPECT_TRUE(same_mod_p(a * b, want.get())) << "mul " << i;
    BN_mod_sqr(want.get(), x.get(), prime().get(), ctx);
    EXPECT_TRUE(same_mod_p(square(a), want.get())) << "square " << i;
    BN_mod_add(want.get(), x.get(), y.get(), prime().get(), ctx);
    EXPECT_TRUE(same_mod_p(a + b, want.get())) << "add " << i;
    BN_mod_sub(want.get(), x.get(), y.get(), prime().get(), ctx);
    EXPECT_TRUE(same_mod_p(a - b, want.get())) << "sub " << i;
    // canonical() is the unique representative below p; the bytes and the sign are of that value.
    BN_nnmod(want.get(), x.get(), prime().get(), ctx);
    EXPECT_EQ(BN_cmp(bn_of(canonical(a)).get(), want.get()), 0) << "canonical " << i;
    std::uint8_t bytes[32];
    to_bytes(a, bytes);
    EXPECT_EQ(BN_cmp(bn_le(bytes, 32).get(), want.get()), 0) << "to_bytes " << i;
    EXPECT_EQ(is_negative(a), BN_is_odd(want.get()) == 1) << "sign " << i;
    if (!is_zero(a)) {
      EXPECT_TRUE(is_zero(invert(a) * a - fe_one<F>())) << "invert " << i;
    }
  }
  EXPECT_TRUE(is_zero(invert(fe_zero<F>())));
  EXPECT_TRUE(is_zero(square(sqrt_minus_1<F>()) + fe_one<F>()));
  BN_CTX_free(ctx);
}

// Encodings are read alike by both field types: the low 255 bits as they are, y >= p included.
TEST(Ed25519FieldBytes, BothFieldTypesReadTheSameValue) {
  Rng rng(::testing::UnitTest::GetInstance()->random_seed(), 4);
  for (int i = 0; i < 200; ++i) {
    std::uint8_t bytes[32];
    rng.fill(std::as_writable_bytes(std::span(bytes)));
    if (i == 0) std::memset(bytes, 0xff, 32);  // 2^255 - 1 with the sign bit set
    EXPECT_EQ(BN_cmp(bn_of(Fe::from_bytes(bytes)).get(), bn_of(Fe51::from_bytes(bytes)).get()), 0) << i;
  }
}

TEST(Ed25519Sha512, MatchesOpensslForEveryBlockBoundary) {
  Rng rng(::testing::UnitTest::GetInstance()->random_seed(), 2);
  std::vector<std::uint8_t> data(64 + 400);
  rng.fill(std::as_writable_bytes(std::span(data)));
  for (std::size_t length :
       {0, 1, 31, 32, 47, 48, 63, 64, 100, 111, 112, 175, 176, 200, 239, 240, 300, 400}) {
    std::uint8_t got[64], want[64];
    sha512_ram(data.data(), data.data() + 32, data.data() + 64, length, got);
    unsigned int size = 0;
    EVP_Digest(data.data(), 64 + length, want, &size, EVP_sha512(), nullptr);
    EXPECT_EQ(std::memcmp(got, want, 64), 0) << "message of " << length << " bytes";
  }
}

// sum d(i) 2^(shift i) over i < count.
template <class Digit>
Bn sum_of_digits(int count, int shift, const Digit& d) {
  Bn sum(BN_new(), BN_free), term(BN_new(), BN_free);
  BN_zero(sum.get());
  for (int i = count - 1; i >= 0; --i) {
    BN_lshift(sum.get(), sum.get(), shift);
    BN_set_word(term.get(), static_cast<BN_ULONG>(std::abs(d(i))));
    if (d(i) >= 0) {
      BN_add(sum.get(), sum.get(), term.get());
    } else {
      BN_sub(sum.get(), sum.get(), term.get());
    }
  }
  return sum;
}

// The native verifier's digits of s: they add back up to s, each 0 or odd and below 2^(W-1) in size,
// non-zero ones at least W bits apart.
template <int W>
void expect_non_adjacent_form(const Scalar& s) {
  const NonAdjacentForm<W> naf(s);
  int last = -W;
  for (int i = 0; i < NonAdjacentForm<W>::kDigits; ++i) {
    const int d = naf.digit[i];
    if (d == 0) continue;
    EXPECT_EQ(d % 2 != 0, true) << "digit " << i << " of width " << W;
    EXPECT_LT(std::abs(d), 1 << (W - 1)) << "digit " << i << " of width " << W;
    EXPECT_GE(i - last, W) << "digit " << i << " of width " << W;
    last = i;
  }
  const Bn sum = sum_of_digits(NonAdjacentForm<W>::kDigits, 1, [&](int i) { return naf.digit[i]; });
  EXPECT_EQ(BN_cmp(sum.get(), bn_le(reinterpret_cast<const std::uint8_t*>(s.v), 32).get()), 0)
      << "width " << W;
}

TEST(Ed25519Scalar, ReductionAndRangeAgreeWithBignum) {
  Rng rng(::testing::UnitTest::GetInstance()->random_seed(), 3);
  BN_CTX* ctx = BN_CTX_new();
  Bn want(BN_new(), BN_free);
  for (int i = 0; i < 300; ++i) {
    std::uint8_t h[64];
    rng.fill(std::as_writable_bytes(std::span(h)));
    if (i == 0) std::memset(h, 0xff, 64);
    if (i == 1) std::memset(h, 0, 64);
    const Scalar k = reduce_mod_order(h, 64);
    BN_nnmod(want.get(), bn_le(h, 64).get(), order().get(), ctx);
    EXPECT_EQ(BN_cmp(bn_le(reinterpret_cast<const std::uint8_t*>(k.v), 32).get(), want.get()), 0) << i;
    EXPECT_TRUE(below_order(k));
    // Signed windows add back up to the scalar, with digits in range.
    const SignedWindows<kWindow> digits(k);
    for (int w = 0; w < SignedWindows<kWindow>::kCount; ++w)
      EXPECT_LE(std::abs(digits.digit(w)), kTableSize) << "window " << w;
    const Bn sum =
        sum_of_digits(SignedWindows<kWindow>::kCount, kWindow, [&](int w) { return digits.digit(w); });
    EXPECT_EQ(BN_cmp(sum.get(), want.get()), 0) << "digits of scalar " << i;
    expect_non_adjacent_form<5>(k);
    expect_non_adjacent_form<8>(k);
  }
  BN_CTX_free(ctx);
  // L - 1 passes, L and L + 1 do not.
  Scalar l;
  for (int w = 0; w < 8; ++w) l.v[w] = order_word(w);
  EXPECT_FALSE(below_order(l));
  l.v[0] -= 1;
  EXPECT_TRUE(below_order(l));
  l.v[0] += 2;
  EXPECT_FALSE(below_order(l));
  // The largest scalars the digits must hold: L - 1 and 2^253 - 1 (every window negative, the last
  // carry out of bit 252).
  l.v[0] -= 2;
  expect_non_adjacent_form<5>(l);
  expect_non_adjacent_form<8>(l);
  const Scalar top{
      {0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0x1fffffff}};
  expect_non_adjacent_form<5>(top);
  expect_non_adjacent_form<8>(top);
}

TEST(Ed25519Curve, SmallOrderPointsDecodeAndVanishAfterEightDoublings) {
  const char* encodings[] = {"0100000000000000000000000000000000000000000000000000000000000000",
                             "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
                             "0000000000000000000000000000000000000000000000000000000000000000",
                             "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
                             "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"};
  for (const char* e : encodings) {
    const auto bytes = from_hex(e);
    Extended p;
    ASSERT_TRUE(decode(bytes.data(), p)) << e;
    Projective q = to_projective(p);
    for (int i = 0; i < 3; ++i) q = to_projective(dbl(q));  // [8]P
    EXPECT_TRUE(is_zero(q.x)) << e;
    EXPECT_TRUE(q.y == q.z) << e;
    std::uint8_t again[32];
    encode(to_projective(p), again);
    EXPECT_EQ(std::memcmp(again, bytes.data(), 32), 0) << e;
  }
  // The base point: its encoding, and [L]B = identity through the double-scalar path with k = 0.
  std::uint8_t encoded[32];
  encode(to_projective(base_point()), encoded);
  EXPECT_EQ(encoded[0], 0x58);
  EXPECT_EQ(encoded[31], 0x66);
  // A y with no x: 2 is not the y of any point.
  std::uint8_t two[32] = {2};
  Extended none;
  EXPECT_FALSE(decode(two, none));
}

struct Rfc8032Vector {
  const char* key;
  const char* message;
  const char* signature;
};

// RFC 8032 section 7.1, tests 1, 2, 3 and SHA(abc).
const Rfc8032Vector kRfcVectors[] = {
    {"d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
     "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f"
     "0595bbe24655141438e7a100b"},
    {"3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
     "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2ea"
     "eb4302aeeb00d291612bb0c00"},
    {"fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
     "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e"
     "9716ed28dc027beceea1ec40a"},
    {"ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
     "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d442"
     "3643ce80e2a"
     "9ac94fa54ca49f",
     "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431e0303dca179"
     "c138ac17ad9bef1177331a704"},
};

// An input of the given triples, each also with one bit of S flipped (rejected).
Input input_of(const std::vector<Rfc8032Vector>& vectors, std::size_t msg_bytes) {
  Input in;
  in.msg_bytes = msg_bytes;
  for (const auto& v : vectors) {
    for (int spoiled = 0; spoiled < 2; ++spoiled) {
      const auto key = from_hex(v.key), message = from_hex(v.message);
      auto signature = from_hex(v.signature);
      if (spoiled) signature[40] ^= 1;
      in.keys.insert(in.keys.end(), key.begin(), key.end());
      in.messages.insert(in.messages.end(), message.begin(), message.end());
      in.signatures.insert(in.signatures.end(), signature.begin(), signature.end());
      in.tampering.push_back(static_cast<std::uint8_t>(spoiled ? Tamper::s_bit : Tamper::none));
      ++in.count;
    }
  }
  return in;
}

class Ed25519OnBackend : public ::testing::TestWithParam<std::string> {};

TEST_P(Ed25519OnBackend, Rfc8032Vectors) {
  HWBENCH_REQUIRE_BACKEND(backend, GetParam());
  // Messages of one length per input: each vector on its own.
  for (const auto& v : kRfcVectors) {
    const Input in = input_of({v}, std::strlen(v.message) / 2);
    AffineCached table[kTableSize];
    base_table(table);
    for (std::size_t i = 0; i < in.count; ++i) {
      EXPECT_EQ(openssl_verify(in.key(i), in.message(i), in.msg_bytes, in.signature(i)), i % 2 == 0);
      EXPECT_EQ(verify(in.key(i), in.message(i), in.msg_bytes, in.signature(i), table), i % 2 == 0);
      EXPECT_EQ(native_verify(in.key(i), in.message(i), in.msg_bytes, in.signature(i)), i % 2 == 0);
    }
    const int ran = testing::for_each_output<Output>("ed25519", *backend, in,
                                                     [&](const Output& out, const std::string& label) {
                                                       ASSERT_EQ(out.accepted.size(), 2u) << label;
                                                       EXPECT_EQ(out.accepted[0], 1) << label << " " << v.key;
                                                       EXPECT_EQ(out.accepted[1], 0) << label << " " << v.key;
                                                     });
    EXPECT_GT(ran, 0);
  }
}

signatures::InvalidRatio ratio_of(const std::string& text) {
  signatures::InvalidRatio ratio;
  ratio.set(text);
  return ratio;
}

// Every backend's verdicts equal OpenSSL's on a batch where half the items are spoiled, for messages
// of 0 bytes, 32 bytes and 200 bytes (three SHA-512 blocks).
TEST_P(Ed25519OnBackend, SpoiledBatchesMatchOpenssl) {
  HWBENCH_REQUIRE_BACKEND(backend, GetParam());
  const std::uint64_t seed = ::testing::UnitTest::GetInstance()->random_seed();
  const auto ratio = ratio_of("1/2");
  for (std::size_t msg_bytes : {0, 32, 200}) {
    const Input in = generate_batch(seed, 400, msg_bytes, ratio);
    Output want;
    for (std::size_t i = 0; i < in.count; ++i) {
      want.accepted.push_back(openssl_verify(in.key(i), in.message(i), in.msg_bytes, in.signature(i)) ? 1
                                                                                                      : 0);
    }
    const int ran = testing::for_each_output<Output>(
        "ed25519", *backend, in, [&](const Output& out, const std::string& label) {
          const auto v = signatures::compare_verdicts(want, out, in.tampering, tamper_name);
          EXPECT_TRUE(v.ok) << label << ", " << msg_bytes << "-byte messages, seed " << seed << ": "
                            << v.detail;
        });
    EXPECT_GT(ran, 0);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, Ed25519OnBackend, ::testing::ValuesIn(testing::kBackends));

// The device's algorithm run on the host, and the native verifier: equal to OpenSSL on every kind of
// spoiled item. The first is what CI checks of the device code where there is no GPU.
TEST(Ed25519Verify, DeviceAlgorithmOnTheHostAndNativeVerifierMatchOpenssl) {
  const std::uint64_t seed = ::testing::UnitTest::GetInstance()->random_seed();
  const Input in = generate_batch(seed, 600, 32, ratio_of("3/4"));
  AffineCached table[kTableSize];
  base_table(table);
  std::map<std::string, std::pair<int, int>> by_kind;  // accepted, items
  for (std::size_t i = 0; i < in.count; ++i) {
    const bool want = openssl_verify(in.key(i), in.message(i), in.msg_bytes, in.signature(i));
    const bool device = verify(in.key(i), in.message(i), in.msg_bytes, in.signature(i), table);
    const bool native = native_verify(in.key(i), in.message(i), in.msg_bytes, in.signature(i));
    const auto kind = static_cast<Tamper>(in.tampering[i]);
    EXPECT_EQ(device, want) << "device algorithm, item " << i << " (" << to_string(kind) << "), seed "
                            << seed;
    EXPECT_EQ(native, want) << "native, item " << i << " (" << to_string(kind) << "), seed " << seed;
    auto& [accepted, items] = by_kind[std::string(to_string(kind))];
    accepted += want;
    ++items;
  }
  // Every kind occurs; the labels mean what they say where the outcome is certain.
  EXPECT_EQ(by_kind.size(), static_cast<std::size_t>(kTamperKinds + 1));
  for (const char* always_rejected :
       {"r-bit", "s-bit", "message-bit", "key-bit", "s-plus-order", "noncanonical-r"}) {
    EXPECT_EQ(by_kind[always_rejected].first, 0) << always_rejected;
  }
  EXPECT_EQ(by_kind["valid"].first, by_kind["valid"].second);
  // Forged signatures for non-canonical and small-order keys: OpenSSL accepts some (the identity, or k a
  // multiple of the key's order) and rejects others; the device must agree on each, checked above.
  EXPECT_GT(by_kind["small-order-key"].first, 0);
  EXPECT_LT(by_kind["small-order-key"].first, by_kind["small-order-key"].second);
  EXPECT_GT(by_kind["noncanonical-key"].first, 0);
}

// The native verifier over item ranges of every length from 0 to 19 and every start from 0 to 8: lane
// groups that are full, partial (the rest of the lanes repeat an item) and straddle the range's start.
TEST(Ed25519Verify, NativeItemRangesOfEveryLengthMatchOpenssl) {
  const std::uint64_t seed = ::testing::UnitTest::GetInstance()->random_seed();
  const Input in = generate_batch(seed, 27, 32, ratio_of("1/2"));
  std::vector<std::uint8_t> want(in.count);
  for (std::size_t i = 0; i < in.count; ++i)
    want[i] = openssl_verify(in.key(i), in.message(i), in.msg_bytes, in.signature(i)) ? 1 : 0;
  for (std::size_t begin = 0; begin <= 8; ++begin) {
    for (std::size_t end = begin; end <= begin + 19; ++end) {
      std::vector<std::uint8_t> got(in.count, 2);
      native_verify_items(in, begin, end, got.data());
      for (std::size_t i = 0; i < in.count; ++i) {
        const bool inside = i >= begin && i < end;
        EXPECT_EQ(got[i], inside ? want[i] : 2)
            << "item " << i << " of [" << begin << ", " << end << "), seed " << seed
            << (native_lanes_available() ? " (IFMA lanes)" : "");
      }
    }
  }
}

TEST(Ed25519Generate, SameSeedSameBatchAndTheCacheIsCheckedOnLoad) {
  const auto folder =
      std::filesystem::temp_directory_path() / ("hwbench-ed25519-cache-" + std::to_string(::getpid()));
  const char* before = std::getenv("XDG_CACHE_HOME");
  const std::string saved = before != nullptr ? before : "";
  ::setenv("XDG_CACHE_HOME", folder.c_str(), 1);
  const auto ratio = ratio_of("1/16");
  const Input a = generate_batch(11, 50, 32, ratio);  // computed and cached
  const Input b = generate_batch(11, 30, 32, ratio);  // a prefix, from the cache
  EXPECT_TRUE(std::equal(b.signatures.begin(), b.signatures.end(), a.signatures.begin()));
  EXPECT_TRUE(std::equal(b.keys.begin(), b.keys.end(), a.keys.begin()));
  // A damaged file is ignored and the batch computed again, the same.
  const auto file = folder / "hwbench" / "ed25519-v1-seed-11-msg-32.bin";
  ASSERT_TRUE(std::filesystem::exists(file));
  {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(100);
    f.put('\x5a');
  }
  const Input c = generate_batch(11, 50, 32, ratio);
  EXPECT_EQ(c.signatures, a.signatures);
  EXPECT_EQ(c.tampering, a.tampering);
  // Another seed differs.
  EXPECT_NE(generate_batch(12, 50, 32, ratio).keys, a.keys);
  std::filesystem::remove_all(folder);
  if (before != nullptr) {
    ::setenv("XDG_CACHE_HOME", saved.c_str(), 1);
  } else {
    ::unsetenv("XDG_CACHE_HOME");
  }
}

TEST(SignatureOptions, InvalidRatioParsesFractionsAndRefusesTheRest) {
  EXPECT_DOUBLE_EQ(ratio_of("1/16").value(), 1.0 / 16);
  EXPECT_DOUBLE_EQ(ratio_of("0.25").value(), 0.25);
  EXPECT_DOUBLE_EQ(ratio_of("0").value(), 0);
  EXPECT_DOUBLE_EQ(ratio_of("1").value(), 1);
  for (const char* bad : {"2", "-1", "1/0", "a/b", "", "1/2/3", "0.5x", "nan", "1/inf", "inf/inf", "-0/inf",
                          "1e999/1e999", "inf", "0x1p-2/"}) {
    EXPECT_THROW(ratio_of(bad), UsageError) << bad;
  }
  // The share drawn is close to the ratio.
  const auto quarter = ratio_of("1/4");
  int spoiled = 0;
  for (std::uint64_t i = 0; i < 4000; ++i) spoiled += quarter.draw(1, 0, i, 8) >= 0;
  EXPECT_NEAR(spoiled, 1000, 120);
}

}  // namespace
}  // namespace hwbench
