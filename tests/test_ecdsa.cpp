// ECDSA on P-256 and secp256k1: the generator's signatures are valid DER that OpenSSL accepts, each
// kind of spoiled item gets the verdict its kind implies, and every CPU backend equals OpenSSL's
// verdicts; the cuda backend reports the case as skipped.
#include <openssl/ecdsa.h>

#include <CLI/CLI.hpp>
#include <map>

#include "core/error.hpp"
#include "tests/support.hpp"
#include "workloads/ecdsa/workload.hpp"

namespace hwbench {
namespace {

using namespace ecdsa;

signatures::InvalidRatio ratio_of(const std::string& text) {
  signatures::InvalidRatio ratio;
  ratio.set(text);
  return ratio;
}

class EcdsaOnCurve : public ::testing::TestWithParam<Curve> {};

TEST_P(EcdsaOnCurve, EveryKindOfSpoiledItemGetsItsVerdict) {
  const std::uint64_t seed = ::testing::UnitTest::GetInstance()->random_seed();
  const Input in = generate_batch(seed, 400, GetParam(), ratio_of("3/4"));
  std::map<Tamper, std::pair<int, int>> by_kind;  // accepted, items
  for (std::size_t i = 0; i < in.count; ++i) {
    const auto kind = static_cast<Tamper>(in.tampering[i]);
    const bool ok = openssl_verify(in.curve, in.key(i), in.digest(i), in.signature(i), in.lengths[i]);
    by_kind[kind].first += ok;
    ++by_kind[kind].second;
    if (kind == Tamper::none) {
      // Minimal DER: OpenSSL's decoder and encoder give back the same bytes.
      const unsigned char* p = in.signature(i);
      ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &p, in.lengths[i]);
      ASSERT_NE(sig, nullptr) << "item " << i;
      unsigned char* der = nullptr;
      const int length = i2d_ECDSA_SIG(sig, &der);
      EXPECT_EQ(length, in.lengths[i]);
      EXPECT_EQ(std::memcmp(der, in.signature(i), in.lengths[i]), 0);
      OPENSSL_free(der);
      ECDSA_SIG_free(sig);
    }
  }
  EXPECT_EQ(by_kind.size(), static_cast<std::size_t>(kTamperKinds + 1)) << "every kind drawn";
  for (const auto& [kind, counts] : by_kind) {
    const bool valid = kind == Tamper::none || kind == Tamper::negated_s;
    EXPECT_EQ(counts.first, valid ? counts.second : 0) << to_string(kind) << " on " << to_string(GetParam());
  }
}

TEST_P(EcdsaOnCurve, CpuBackendsMatchOpensslAndCudaSkips) {
  const std::uint64_t seed = ::testing::UnitTest::GetInstance()->random_seed();
  const Input in = generate_batch(seed, 300, GetParam(), ratio_of("1/2"));
  Output want;
  for (std::size_t i = 0; i < in.count; ++i) {
    want.accepted.push_back(
        openssl_verify(in.curve, in.key(i), in.digest(i), in.signature(i), in.lengths[i]));
  }
  for (const std::string name : {"cpu-serial", "cpu-tbb"}) {
    std::string reason;
    Backend* backend = testing::usable_backend(name, reason);
    ASSERT_NE(backend, nullptr) << reason;
    const int ran = testing::for_each_output<Output>(
        "ecdsa", *backend, in, [&](const Output& out, const std::string& label) {
          const auto v = signatures::compare_verdicts(want, out, in.tampering, tamper_name);
          EXPECT_TRUE(v.ok) << label << ": " << v.detail;
        });
    EXPECT_EQ(ran, 1) << name;
  }
  for (const Implementation* impl : Registry::instance().implementations("ecdsa")) {
    if (impl->backend != "cuda") continue;
    std::string reason;
    Backend* cuda = testing::usable_backend("cuda", reason);
    if (cuda == nullptr) continue;  // no device here: the backend itself is skipped
    const ExecContext ctx{*cuda, Mode::device, cuda->executor()};
    EXPECT_THROW(impl->make(in, ctx), SkipCase);
  }
}

TEST_P(EcdsaOnCurve, SameSeedSameSignatures) {
  const auto ratio = ratio_of("0");
  const Input a = generate_batch(5, 20, GetParam(), ratio);
  const Input b = generate_batch(5, 20, GetParam(), ratio);
  EXPECT_EQ(a.signatures, b.signatures);
  EXPECT_EQ(a.keys, b.keys);
  EXPECT_NE(generate_batch(6, 20, GetParam(), ratio).keys, a.keys);
}

INSTANTIATE_TEST_SUITE_P(Curves, EcdsaOnCurve, ::testing::Values(Curve::p256, Curve::secp256k1),
                         [](const auto& info) { return std::string(to_string(info.param)); });

}  // namespace
}  // namespace hwbench
