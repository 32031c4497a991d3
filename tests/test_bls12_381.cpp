// BLS12-381 field and G1 arithmetic: Montgomery constants, field laws on random values, group laws,
// known multiples of the generator and the compressed encoding's accept/reject rules.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/rng.hpp"
#include "workloads/bls12_381/fp_ifma.hpp"
#if defined(HWBENCH_WITH_CUDA)
#include "backends/cuda/device.hpp"
#include "tests/device_field.hpp"
#endif
#include "workloads/bls12_381/g1.hpp"

namespace hwbench::bls12_381 {
namespace {

template <class F>
F random_element(Rng& rng) {
  typename F::Repr limbs;
  do {
    for (auto& l : limbs) l = rng.next();
    limbs.back() >>= 1;  // both moduli are below 2^(64N - 1)
  } while (!F::is_canonical(limbs));
  return F::from_canonical(limbs);
}

Scalar scalar_from_hex(const std::string& hex) {
  Scalar s{};
  for (std::size_t i = 0; i < 64; ++i) {
    const auto digit = static_cast<std::uint64_t>(std::stoi(hex.substr(63 - i, 1), nullptr, 16));
    s[i / 16] |= digit << (4 * (i % 16));
  }
  return s;
}

G1Compressed bytes_from_hex(const std::string& hex) {
  G1Compressed b{};
  for (std::size_t i = 0; i < 48; ++i)
    b[i] = static_cast<std::uint8_t>(std::stoi(hex.substr(2 * i, 2), nullptr, 16));
  return b;
}

std::string hex_of(const G1Compressed& b) {
  std::string s;
  char buf[3];
  for (auto v : b) {
    std::snprintf(buf, sizeof buf, "%02x", v);
    s += buf;
  }
  return s;
}

nlohmann::json vectors() {
  const char* dir = std::getenv("HWBENCH_TEST_VECTORS_DIR");
  std::ifstream f(std::string(dir != nullptr ? dir : HWBENCH_TEST_VECTORS) + "/bls12_381_g1.json");
  return nlohmann::json::parse(f);
}

template <class Params>
void check_montgomery_constants() {
  using F = Field<Params>;
  // inv * m[0] == -1 mod 2^64
  EXPECT_EQ(Params::kInv * Params::kModulus[0], ~std::uint64_t{0});
  // one() is the canonical 1; R2 maps 1 to R.
  typename F::Repr one{};
  one[0] = 1;
  EXPECT_EQ(F::one().to_canonical(), one);
  EXPECT_EQ(F::from_canonical(one), F::one());
  EXPECT_TRUE(F::is_canonical(Params::kOne));
  EXPECT_TRUE(F::is_canonical(Params::kR2));
}

TEST(Bls12381Field, MontgomeryConstants) {
  check_montgomery_constants<FpParams>();
  check_montgomery_constants<FrParams>();
}

template <class F>
void check_field_laws(std::uint64_t seed) {
  Rng rng(seed);
  for (int i = 0; i < 200; ++i) {
    const F a = random_element<F>(rng), b = random_element<F>(rng), c = random_element<F>(rng);
    ASSERT_EQ((a * b) * c, a * (b * c)) << "seed " << seed;
    ASSERT_EQ(a * (b + c), a * b + a * c);
    ASSERT_EQ(a * b, b * a);
    ASSERT_EQ(a.squared(), a * a);
    ASSERT_EQ((a - b) + b, a);
    ASSERT_EQ(a + (-a), F::zero());
    ASSERT_EQ(F::from_canonical(a.to_canonical()), a);
    if (!a.is_zero()) {
      ASSERT_EQ(a * a.inverse(), F::one());
    }
  }
  // Edge values: 0, 1, modulus - 1.
  const F minus_one = -F::one();
  EXPECT_EQ(minus_one * minus_one, F::one());
  EXPECT_EQ(minus_one.squared(), F::one());
  EXPECT_EQ(minus_one + F::one(), F::zero());
  EXPECT_EQ(F::zero().inverse(), F::zero());
  EXPECT_EQ((F::one().doubled()).to_canonical()[0], 2u);
}

// The mulx/adx multiplication (operator* on CPUs that have it) against the portable CIOS loop, on
// random elements and on the largest ones, where the final conditional subtraction matters.
template <class F>
void check_against_portable(std::uint64_t seed) {
  Rng rng(seed);
  std::vector<F> values = {F::zero(), F::one(), -F::one(), -F::one().doubled(), F::from_u64(2)};
  for (int i = 0; i < 2000; ++i) values.push_back(random_element<F>(rng));
  for (std::size_t i = 0; i < values.size(); ++i) {
    const F& a = values[i];
    const F& b = values[(i * 7 + 3) % values.size()];
    ASSERT_EQ(a * b, F::portable_mul(a, b)) << "seed " << seed << " index " << i;
    ASSERT_EQ(a.squared(), a.portable_squared()) << "seed " << seed << " index " << i;
    ASSERT_TRUE(F::is_canonical((a * b).montgomery()));
  }
}

TEST(Bls12381Field, MultiplicationPathsAgree) {
  if (!adx::kAvailable) GTEST_SKIP() << "this CPU lacks BMI2/ADX: only the portable multiplication runs";
  check_against_portable<Fp>(::testing::UnitTest::GetInstance()->random_seed());
  check_against_portable<Fr>(::testing::UnitTest::GetInstance()->random_seed());
}

#if defined(HWBENCH_WITH_CUDA)
// The device's multiplication and squaring against the host's, on random elements, the largest values
// and one whose low words are all ones (carries through every column, the final subtraction).
TEST(Bls12381Field, DeviceMultiplicationMatchesTheHost) {
  if (const std::string& why = cuda::discover().error; !why.empty()) {
    GTEST_SKIP() << "the device's Fp multiplication is not checked here: " << why;
  }
  const std::uint64_t seed = ::testing::UnitTest::GetInstance()->random_seed();
  Rng rng(seed);
  Fp::Repr p_minus_1 = FpParams::kModulus;
  p_minus_1[0] -= 1;
  const Fp::Repr ones_360 = {~0ull, ~0ull, ~0ull, ~0ull, ~0ull, (1ull << 40) - 1};
  std::vector<Fp> values = {Fp::zero(),
                            Fp::one(),
                            -Fp::one(),
                            -Fp::one().doubled(),
                            Fp::from_u64(2),
                            Fp::from_montgomery(p_minus_1),
                            Fp::from_montgomery(ones_360)};
  const std::size_t special = values.size();
  for (int i = 0; i < 3000; ++i) values.push_back(random_element<Fp>(rng));
  std::vector<testing::FpLimbs> a, b;
  for (std::size_t i = 0; i < special; ++i) {  // the special values pairwise
    for (std::size_t j = 0; j < special; ++j) {
      a.push_back(values[i].montgomery());
      b.push_back(values[j].montgomery());
    }
  }
  for (std::size_t i = special; i < values.size(); ++i) {  // random pairs
    a.push_back(values[i].montgomery());
    b.push_back(values[(i * 7 + 3) % values.size()].montgomery());
  }
  const auto products = testing::device_fp(testing::DeviceFpOp::multiply, a, b);
  const auto squares = testing::device_fp(testing::DeviceFpOp::square, a, b);
  for (std::size_t i = 0; i < a.size(); ++i) {
    const Fp x = Fp::from_montgomery(a[i]), y = Fp::from_montgomery(b[i]);
    ASSERT_EQ(products[i], (x * y).montgomery()) << "product, seed " << seed << " index " << i;
    ASSERT_EQ(squares[i], x.squared().montgomery()) << "square, seed " << seed << " index " << i;
  }
}
#endif

// The AVX-512 IFMA form: conversions both ways keep the element, canonical values stay canonical,
// and negation agrees with the host field's.
TEST(Bls12381Field, PackedFormRoundTrips) {
  if (!ifma::available()) GTEST_SKIP() << "this CPU lacks AVX-512 IFMA: the packed form is not used";
  Rng rng(::testing::UnitTest::GetInstance()->random_seed());
  std::vector<Fp> values = {Fp::zero(), Fp::one(), -Fp::one(), Fp::from_u64(2)};
  for (int i = 0; i < 101; ++i) values.push_back(random_element<Fp>(rng));
  std::vector<ifma::PackedFp> packed(values.size());
  ifma::pack(values, packed);
  std::vector<Fp> back(values.size());
  ifma::unpack(packed, back);
  for (std::size_t i = 0; i < values.size(); ++i) {
    ASSERT_EQ(back[i], values[i]) << "index " << i;
    for (auto limb : packed[i].limb) ASSERT_LE(limb, ifma::kMask);
    Fp negated;
    const ifma::PackedFp minus = ifma::negate(packed[i]);
    ifma::unpack(std::span(&minus, 1), std::span(&negated, 1));
    ASSERT_EQ(negated, -values[i]) << "index " << i;
  }
}

// The almost-inverse inversion against Fermat's, on random elements and on the values whose binary
// GCD takes the shortest and longest paths (1, 2, small integers, powers of two, modulus - 1, and
// raw Montgomery limbs with a zero low limb, which shift by a whole limb).
template <class F>
void check_inverse_against_fermat(std::uint64_t seed) {
  Rng rng(seed);
  std::vector<F> values = {F::one(), -F::one(), F::from_u64(2), F::from_u64(3), -F::from_u64(2)};
  for (std::uint64_t v = 1; v < 64; ++v) values.push_back(F::from_u64(std::uint64_t{1} << v));
  for (std::size_t limb = 0; limb < F::kLimbs; ++limb) {
    typename F::Repr raw{};
    raw[limb] = 1;
    values.push_back(F::from_montgomery(raw));
    raw[limb] = 1ull << 40;
    values.push_back(F::from_montgomery(raw));
  }
  for (int i = 0; i < 500; ++i) values.push_back(random_element<F>(rng));
  for (std::size_t i = 0; i < values.size(); ++i) {
    ASSERT_EQ(values[i].inverse(), values[i].inverse_by_fermat()) << "seed " << seed << " index " << i;
  }
}

TEST(Bls12381Field, InversionMatchesFermat) {
  check_inverse_against_fermat<Fp>(::testing::UnitTest::GetInstance()->random_seed());
  check_inverse_against_fermat<Fr>(::testing::UnitTest::GetInstance()->random_seed());
}

TEST(Bls12381Field, FpLaws) { check_field_laws<Fp>(::testing::UnitTest::GetInstance()->random_seed()); }
TEST(Bls12381Field, FrLaws) { check_field_laws<Fr>(::testing::UnitTest::GetInstance()->random_seed()); }

TEST(Bls12381G1, GeneratorIsOnCurveInSubgroupAndEncodes) {
  const auto& g = g1_generator();
  EXPECT_TRUE(is_on_curve(g));
  EXPECT_TRUE(in_subgroup(g));
  EXPECT_EQ(hex_of(compress(g)), vectors()["generator_compressed"].get<std::string>());
}

TEST(Bls12381G1, KnownMultiplesOfTheGenerator) {
  const auto doc = vectors();
  for (const auto& v : doc["multiples"]) {
    const Scalar k = scalar_from_hex(v["scalar"]);
    const G1Affine p = scalar_multiply(g1_generator(), k).to_affine();
    EXPECT_EQ(hex_of(compress(p)), v["compressed"].get<std::string>()) << "k = " << v["scalar"];
    const auto back = decompress(bytes_from_hex(v["compressed"]));
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(*back, p);
  }
}

TEST(Bls12381G1, OrderTimesGeneratorIsInfinity) {
  EXPECT_TRUE(scalar_multiply(g1_generator(), kGroupOrder).is_infinity());
  const auto doc = vectors();
  const auto inf = decompress(bytes_from_hex(doc["infinity_compressed"]));
  ASSERT_TRUE(inf.has_value());
  EXPECT_TRUE(inf->infinity);
  EXPECT_EQ(hex_of(compress(G1Affine{})), doc["infinity_compressed"].get<std::string>());
}

TEST(Bls12381G1, RejectsInvalidEncodings) {
  const auto doc = vectors();
  for (const auto& v : doc["invalid"]) {
    std::string why;
    EXPECT_FALSE(decompress(bytes_from_hex(v["bytes"]), &why).has_value()) << v["why"];
    EXPECT_FALSE(why.empty());
  }
}

TEST(Bls12381G1, GroupLaws) {
  Rng rng(::testing::UnitTest::GetInstance()->random_seed());
  const auto& g = g1_generator();
  for (int i = 0; i < 8; ++i) {
    Scalar a{}, b{};
    a[0] = rng.next();
    a[1] = rng.next() >> 1;
    b[0] = rng.next();
    const G1Affine pa = scalar_multiply(g, a).to_affine();
    const G1Affine pb = scalar_multiply(g, b).to_affine();
    // [a]G + [b]G == [a + b]G (no carry past limb 1 here)
    Scalar sum = a;
    const u128 s0 = static_cast<u128>(a[0]) + b[0];
    sum[0] = static_cast<std::uint64_t>(s0);
    sum[1] += static_cast<std::uint64_t>(s0 >> 64);
    G1Xyzz lhs = G1Xyzz::from_affine(pa);
    lhs.add_affine(pb);
    EXPECT_EQ(lhs.to_affine(), scalar_multiply(g, sum).to_affine());
    // Mixed and full additions agree; doubling equals adding to itself.
    G1Xyzz full = G1Xyzz::from_affine(pa);
    full.add(G1Xyzz::from_affine(pb));
    EXPECT_EQ(full.to_affine(), lhs.to_affine());
    G1Xyzz twice = G1Xyzz::from_affine(pa);
    twice.add_affine(pa);
    G1Xyzz dbl = G1Xyzz::from_affine(pa);
    dbl.double_in_place();
    EXPECT_EQ(twice.to_affine(), dbl.to_affine());
    // P + (-P) = infinity, in both forms.
    G1Xyzz zero = G1Xyzz::from_affine(pa);
    zero.add_affine(pa.negated());
    EXPECT_TRUE(zero.is_infinity());
    G1Xyzz zero2 = G1Xyzz::from_affine(pa);
    zero2.add(G1Xyzz::from_affine(pa).negated());
    EXPECT_TRUE(zero2.is_infinity());
  }
}

TEST(Bls12381G1, BatchToAffineMatchesOneByOne) {
  std::vector<G1Xyzz> points;
  G1Xyzz acc = G1Xyzz::infinity();
  for (int i = 0; i < 20; ++i) {
    points.push_back(acc);  // includes infinity first
    acc.add_affine(g1_generator());
    acc.double_in_place();
  }
  std::vector<G1Affine> batch(points.size());
  batch_to_affine(points, batch);
  for (std::size_t i = 0; i < points.size(); ++i) EXPECT_EQ(batch[i], points[i].to_affine()) << i;
}

}  // namespace
}  // namespace hwbench::bls12_381
