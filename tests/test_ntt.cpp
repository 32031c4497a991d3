// NTT: roots of unity, known answers, the reference's two algorithms against each other, the CPU
// transform against the reference at every small size, round trips, and every registered backend.
#include <array>
#include <string>

#include "core/rng.hpp"
#include "tests/support.hpp"
#include "workloads/ntt/radix2.hpp"
#include "workloads/ntt/radix2_ifma.hpp"
#include "workloads/ntt/workload.hpp"

namespace hwbench::ntt {
namespace {

Fr from_hex(const std::string& hex) {
  bls12_381::Scalar limbs{};
  for (std::size_t i = 0; i < 64; ++i) {
    const std::uint64_t nibble = std::stoull(hex.substr(63 - i, 1), nullptr, 16);
    limbs[i / 16] |= nibble << (4 * (i % 16));
  }
  return Fr::from_canonical(limbs);
}

std::uint64_t test_seed() { return ::testing::UnitTest::GetInstance()->random_seed(); }

// A multi-threaded executor for the CPU transform's parallel paths, whatever backend is registered.
const Executor& tbb_executor() {
  std::string reason;
  Backend* backend = testing::usable_backend("cpu-tbb", reason);
  return backend != nullptr ? backend->executor() : serial_executor();
}

std::vector<Fr> cpu_transform(const std::vector<Fr>& values, Direction direction, const Executor& executor) {
  std::vector<Fr> out(values.size());
  Radix2(Domain(values.size()), direction, executor)(values, out, executor);
  return out;
}

TEST(NttDomain, RootsOfUnityHaveTheirOrder) {
  // The 2^32-nd root from generator 7, as published for BLS12-381 Fr.
  EXPECT_EQ(root_of_unity(32), from_hex("16a2a19edfe81f20d09b681922c813b4b63683508c2280b93829971f439f0d2b"));
  const Fr minus_one = -Fr::one();
  for (unsigned k = 1; k <= kTwoAdicity; ++k) {
    const Fr w = root_of_unity(k);
    const Fr half = w.pow({std::uint64_t{1} << (k - 1), 0, 0, 0});
    EXPECT_EQ(half, minus_one) << "w^(n/2) for n = 2^" << k;
    EXPECT_EQ(half.squared(), Fr::one());
    if (k < kTwoAdicity) {
      EXPECT_EQ(root_of_unity(k + 1).squared(), w) << k;
    }
  }
  const Domain d(1 << 10);
  EXPECT_EQ(d.omega * d.omega_inv, Fr::one());
  EXPECT_EQ(d.size_inv * Fr::from_u64(1 << 10), Fr::one());
  EXPECT_THROW(Domain(3), std::invalid_argument);
  EXPECT_THROW(root_of_unity(33), std::invalid_argument);
}

TEST(NttReference, KnownAnswers) {
  // [1..8] forward, computed independently with Python integers.
  const std::array<const char*, 8> want = {
      "0000000000000000000000000000000000000000000000000000000000000024",
      "3d9c9167f96a9b25495c51a9576083ab432e241ab8def899b6781127e7c9c15f",
      "73eda753299d7d45fdf2a4ce3195c4c1a3b1a3f927f25bfefffbfffefffffffd",
      "3d9c9167f96a9b29b3eab81d0778aa32a346242e68f6f899b6801127e7c9c15f",
      "73eda753299d7d483339d80809a1d80553bda402fffe5bfefffffffefffffffd",
      "365115eb3032e21e7f4f1feb02292dd2b0777fd497076365497feed718363e9a",
      "000000000000000235473339d80c1343b00c0009d80c00000003fffffffffffc",
      "365115eb3032e222e9dd865eb241545a108f7fe8471f63654987eed718363e9a"};
  std::vector<Fr> x;
  for (std::uint64_t v = 1; v <= 8; ++v) x.push_back(Fr::from_u64(v));
  for (const auto& got : {reference_transform(x, Direction::forward, serial_executor()),
                          cpu_transform(x, Direction::forward, serial_executor())}) {
    for (std::size_t k = 0; k < 8; ++k) EXPECT_EQ(got[k], from_hex(want[k])) << k;
  }
  // A delta transforms to all ones; all ones to (n, 0, ..., 0); the inverse undoes both.
  for (std::size_t n : {2u, 64u, 4096u}) {
    std::vector<Fr> delta(n), ones(n, Fr::one());
    delta[0] = Fr::one();
    EXPECT_EQ(cpu_transform(delta, Direction::forward, serial_executor()), ones) << n;
    std::vector<Fr> spike(n);
    spike[0] = Fr::from_u64(n);
    EXPECT_EQ(cpu_transform(ones, Direction::forward, serial_executor()), spike) << n;
    EXPECT_EQ(cpu_transform(spike, Direction::inverse, serial_executor()), ones) << n;
  }
}

TEST(NttReference, DftAndDecimationInFrequencyAgree) {
  for (std::size_t n : {2u, 4u, 32u, 256u, 1024u}) {
    const auto x = generate_values(test_seed() + n, n);
    const Domain d(n);
    for (const Fr& root : {d.omega, d.omega_inv}) {
      EXPECT_EQ(dft(x, root, serial_executor()), decimation_in_frequency(x, root, serial_executor())) << n;
    }
  }
}

TEST(NttCpu, MatchesTheReferenceAtEverySize) {
  for (unsigned log_n = 1; log_n <= 14; ++log_n) {
    const std::size_t n = std::size_t{1} << log_n;
    const auto x = generate_values(test_seed() + log_n, n);
    for (Direction direction : {Direction::forward, Direction::inverse}) {
      const auto want = reference_transform(x, direction, tbb_executor());
      EXPECT_EQ(cpu_transform(x, direction, serial_executor()), want) << "serial, n = 2^" << log_n;
      EXPECT_EQ(cpu_transform(x, direction, tbb_executor()), want) << "tbb, n = 2^" << log_n;
    }
  }
}

// The IFMA transform against the scalar one, on random values and on values all r - 1 (largest
// canonical inputs, the worst case for the unreduced bounds), past 2^16 where a stage first reduces.
TEST(NttCpu, VectorTransformMatchesScalar) {
  if (!Radix2Ifma::available())
    GTEST_SKIP() << "this CPU lacks AVX-512 IFMA: the vector transform is not used";
  const Fr minus_one = -Fr::one();
  for (unsigned log_n : {4u, 5u, 6u, 7u, 10u, 12u, 13u, 17u, 18u}) {
    const std::size_t n = std::size_t{1} << log_n;
    const Domain domain(n);
    for (const auto& x : {generate_values(test_seed() * 3 + log_n, n), std::vector<Fr>(n, minus_one)}) {
      for (Direction direction : {Direction::forward, Direction::inverse}) {
        std::vector<Fr> want(n), got(n);
        Radix2 scalar(domain, direction, tbb_executor(), false);
        Radix2 vector(domain, direction, tbb_executor());
        ASSERT_FALSE(scalar.vectorized());
        ASSERT_TRUE(vector.vectorized());
        scalar(x, want, tbb_executor());
        vector(x, got, tbb_executor());
        ASSERT_EQ(got, want) << to_string(direction) << " n = 2^" << log_n
                             << (x[0] == minus_one ? " all r - 1" : "");
        vector(x, got, serial_executor());
        ASSERT_EQ(got, want) << "serial, " << to_string(direction) << " n = 2^" << log_n;
      }
    }
  }
}

TEST(NttCpu, InverseUndoesForward) {
  for (unsigned log_n = 1; log_n <= 17; ++log_n) {
    const auto x = generate_values(test_seed() ^ log_n, std::size_t{1} << log_n);
    const auto there = cpu_transform(x, Direction::forward, tbb_executor());
    EXPECT_EQ(cpu_transform(there, Direction::inverse, tbb_executor()), x) << "n = 2^" << log_n;
    EXPECT_EQ(evaluate(x, Fr::one()), there[0]) << "X[0] is the sum of the inputs";
  }
}

class NttBackends : public ::testing::TestWithParam<std::string> {};

// Every implementation on this backend, in every mode, at sizes around each of its code paths
// (one sub-transform, the four-step split, odd logarithms), then inverse(forward(x)) == x on it.
TEST_P(NttBackends, MatchReferenceAndRoundTrip) {
  HWBENCH_REQUIRE_BACKEND(backend, GetParam());
  const Workload* workload = Registry::instance().find_workload("ntt");
  ASSERT_NE(workload, nullptr);
  const bool gpu = GetParam() == "cuda";
  std::vector<std::uint64_t> sizes = {2, 4, 64, 128, 1024, 2048, 1 << 13};
  if (gpu) sizes.insert(sizes.end(), {1 << 16, 1 << 17, 1 << 20});
  for (std::uint64_t n : sizes) {
    const auto input = workload->generate(n, test_seed() + n);
    const auto reference = workload->reference(*input, backend->executor());
    int ran = testing::for_each_output<Output>(
        "ntt", *backend, *input, [&](const Output& got, const std::string& label) {
          const auto verdict = workload->verify(*input, *reference, got);
          EXPECT_TRUE(verdict.ok) << label << " n " << n << ": " << verdict.detail;
          // Round trip through this backend's own inverse.
          if (!got.forward.empty()) {
            Input back;
            back.count = n;
            back.values = got.forward;
            testing::for_each_output<Output>(
                "ntt", *backend, back, [&](const Output& again, const std::string& l2) {
                  if (!again.inverse.empty()) {
                    EXPECT_EQ(again.inverse, static_cast<const Input&>(*input).values)
                        << l2 << " after " << label;
                  }
                });
          }
        });
    EXPECT_EQ(ran, 2 * static_cast<int>(backend->modes().size())) << n;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, NttBackends, ::testing::ValuesIn(testing::kBackends));

}  // namespace
}  // namespace hwbench::ntt
