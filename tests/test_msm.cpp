// MSM: Pippenger against the one-point-at-a-time sum, edge scalars, results at infinity, repeated
// bases, the signed-digit recoding, the bases cache, and every registered backend.
#include <filesystem>
#include <fstream>

#include "core/rng.hpp"
#include "tests/support.hpp"
#include "workloads/bls12_381/fp_ifma.hpp"
#include "workloads/msm/affine_buckets.hpp"
#include "workloads/msm/pippenger.hpp"
#include "workloads/msm/workload.hpp"

namespace hwbench::msm {
namespace {

using bls12_381::G1Xyzz;
using bls12_381::kGroupOrder;

Scalar small(std::uint64_t v) { return {v, 0, 0, 0}; }
Scalar order_minus(std::uint64_t v) { return bls12_381::sub_small(kGroupOrder, v); }

TEST(MsmDigits, RecodingReconstructsTheScalar) {
  Rng rng(::testing::UnitTest::GetInstance()->random_seed());
  for (unsigned c : {2u, 3u, 7u, 8u, 11u, 13u, 16u, 20u}) {
    const unsigned windows = windows_for(c);
    for (const Scalar& s : {generate_scalars(rng.next(), 1)[0], order_minus(1), small(0), small(1)}) {
      // sum_w d_w 2^(w c) mod 2^320, built with plain limb arithmetic
      std::array<std::uint64_t, 5> acc{};
      for (unsigned w = windows; w-- > 0;) {
        const int d = signed_digit(s, w, c);
        ASSERT_LE(std::abs(d), 1 << (c - 1)) << "c " << c;
        // acc = acc * 2^c + d
        for (std::size_t i = 5; i-- > 0;) acc[i] = (acc[i] << c) | (i > 0 ? acc[i - 1] >> (64 - c) : 0);
        std::uint64_t add = static_cast<std::uint64_t>(static_cast<std::int64_t>(d));
        std::uint64_t carry = 0;
        for (std::size_t i = 0; i < 5; ++i) {
          const std::uint64_t ext = d < 0 ? ~std::uint64_t{0} : 0;
          const bls12_381::u128 sum = static_cast<bls12_381::u128>(acc[i]) + (i == 0 ? add : ext) + carry;
          acc[i] = static_cast<std::uint64_t>(sum);
          carry = static_cast<std::uint64_t>(sum >> 64);
        }
      }
      for (std::size_t i = 0; i < 4; ++i) ASSERT_EQ(acc[i], s[i]) << "c " << c << " limb " << i;
      ASSERT_EQ(acc[4], 0u);
    }
  }
}

TEST(MsmPippenger, MatchesNaiveSumAcrossSizesAndPlans) {
  const std::uint64_t seed = ::testing::UnitTest::GetInstance()->random_seed();
  for (std::uint64_t n : {1, 2, 3, 17, 100}) {
    const auto bases = generate_bases(seed, n);
    const auto scalars = generate_scalars(seed + 1, n);
    const auto want = naive_msm(bases, scalars).to_affine();
    for (unsigned c : {2u, 5u, 8u, 13u}) {
      for (std::size_t chunks : {1u, 3u}) {
        for (std::size_t batch : {0u, 1u, 4u, 32u}) {  // XYZZ buckets, then affine ones
          for (bool vector : {false, true}) {          // host batches, then IFMA ones where the CPU has them
            const PippengerPlan plan{c, windows_for(c), chunks, batch, vector};
            EXPECT_EQ(pippenger(bases, scalars, plan, serial_executor()).to_affine(), want)
                << "n " << n << " c " << c << " chunks " << chunks << " batch " << batch << " vector "
                << vector << " seed " << seed;
          }
        }
      }
    }
  }
}

TEST(MsmPippenger, EdgeScalarsInfinityAndRepeatedBases) {
  const auto g = bls12_381::g1_generator();
  const auto bases = generate_bases(5, 4);
  const std::vector<G1Affine> repeated = {bases[0], bases[0], bases[1], bases[0], bases[1]};
  const std::vector<std::vector<Scalar>> cases = {
      {small(0), small(0), small(0), small(0), small(0)},        // all zero -> infinity
      {small(1), order_minus(1), small(0), small(0), small(0)},  // P + (r-1)P = infinity
      {small(5), small(7), order_minus(3), order_minus(9), small(2)},
      {order_minus(1), order_minus(1), order_minus(1), order_minus(1), order_minus(1)},
  };
  for (const auto& scalars : cases) {
    const auto want = naive_msm(repeated, scalars).to_affine();
    for (const PippengerPlan& plan :
         {plan_pippenger(5, 1), plan_pippenger(5, 4), PippengerPlan{4, windows_for(4), 2},
          PippengerPlan{4, windows_for(4), 1, 2}, PippengerPlan{6, windows_for(6), 1, 8}}) {
      EXPECT_EQ(pippenger(repeated, scalars, plan, serial_executor()).to_affine(), want);
    }
  }
  EXPECT_TRUE(pippenger(repeated, cases[0], plan_pippenger(5, 1), serial_executor()).is_infinity());
  EXPECT_TRUE(pippenger(repeated, cases[1], plan_pippenger(5, 1), serial_executor()).is_infinity());
  // A base at infinity contributes nothing.
  const std::vector<G1Affine> with_infinity = {g, G1Affine{}};
  const std::vector<Scalar> two = {small(3), small(11)};
  EXPECT_EQ(pippenger(with_infinity, two, plan_pippenger(2, 1), serial_executor()).to_affine(),
            bls12_381::scalar_multiply(g, small(3)).to_affine());
}

// Batched affine buckets where the batches, the waiting queue and the XYZZ overflow all fill: many
// points over few buckets, repeated points (doublings inside a batch) and points with their negations.
TEST(MsmPippenger, AffineBucketsUnderCollisions) {
  const std::uint64_t seed = ::testing::UnitTest::GetInstance()->random_seed();
  auto bases = generate_bases(seed, 600);
  auto scalars = generate_scalars(seed + 3, 600);
  for (std::size_t i = 0; i < 200; ++i) {
    bases[300 + i] = bases[i];  // same point, same scalar: doublings
    scalars[300 + i] = scalars[i];
  }
  for (std::size_t i = 200; i < 300; ++i) {
    bases[300 + i] = bases[i];  // same point, scalar r - s: cancellations
    bls12_381::u128 borrow = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      const bls12_381::u128 d = static_cast<bls12_381::u128>(kGroupOrder[k]) - scalars[i][k] - borrow;
      scalars[300 + i][k] = static_cast<std::uint64_t>(d);
      borrow = (d >> 64) & 1;
    }
  }
  const auto want =
      pippenger(bases, scalars, PippengerPlan{8, windows_for(8), 1, 0}, serial_executor()).to_affine();
  for (unsigned c : {3u, 6u, 7u, 9u}) {  // 7 and 9: the vector bucket reduction where the CPU has IFMA
    for (std::size_t batch : {2u, 16u, 64u}) {
      for (unsigned group : {1u, 2u, 3u}) {  // windows sharing one bucket set; 3 leaves a short last group
        PippengerPlan plan{c, windows_for(c), 2, batch};
        plan.windows_per_task = group;
        EXPECT_EQ(pippenger(bases, scalars, plan, serial_executor()).to_affine(), want)
            << "c " << c << " batch " << batch << " windows per task " << group << " seed " << seed;
      }
    }
  }
}

// The vector running-sum reduction (eight bucket segments, complete formulas) against the host's
// running sums, with each segment's top buckets set so that the lanes meet every exceptional case
// of incomplete formulas: an infinity after the first bucket (acc + running doubles), a bucket equal
// to the running sum (a doubling in the mixed addition) and one that cancels it (infinity).
TEST(MsmPippenger, VectorBucketSumMatchesRunningSums) {
  if (!bls12_381::ifma::available())
    GTEST_SKIP() << "this CPU lacks AVX-512 IFMA: the vector reduction is not used";
  const std::uint64_t seed = ::testing::UnitTest::GetInstance()->random_seed();
  for (std::size_t count : {64u, 512u}) {
    auto buckets = generate_bases(seed, count);
    const std::size_t segment = count / 8;
    for (std::size_t b = 0; b < count; ++b) {
      if (b % 7 == 3) buckets[b] = bls12_381::G1Affine{};
    }
    for (std::size_t lane = 0; lane < 8; ++lane) {
      const std::size_t top = (lane + 1) * segment - 1;
      const bls12_381::G1Affine p = buckets[(lane * 5 + 1) % count].infinity
                                        ? bls12_381::g1_generator()
                                        : buckets[(lane * 5 + 1) % count];
      buckets[top] = p;
      buckets[top - 1] = bls12_381::G1Affine{};
      buckets[top - 2] = p;
      buckets[top - 3] = G1Xyzz::doubled_affine(p).negated().to_affine();
    }
    G1Xyzz running = G1Xyzz::infinity(), want = G1Xyzz::infinity();
    for (std::size_t b = count; b-- > 0;) {
      running.add_affine(buckets[b]);
      want.add(running);
    }
    std::vector<bls12_381::ifma::PackedAffine> packed(count);
    bls12_381::ifma::pack(buckets, packed);
    EXPECT_EQ(weighted_sum_ifma(packed).to_affine(), want.to_affine())
        << "count " << count << " seed " << seed;
  }
  // A window whose buckets are all empty sums to infinity.
  const std::vector<bls12_381::ifma::PackedAffine> empty(64);
  EXPECT_TRUE(weighted_sum_ifma(empty).is_infinity());
  EXPECT_EQ(times(G1Xyzz::from_affine(bls12_381::g1_generator()), 12).to_affine(),
            bls12_381::scalar_multiply(bls12_381::g1_generator(), small(12)).to_affine());
}

// The bit-plane form of the bucket reduction (the CUDA backend's) against running sums per window.
TEST(MsmPippenger, CombinePlanesMatchesRunningSums) {
  const std::uint64_t seed = ::testing::UnitTest::GetInstance()->random_seed();
  for (unsigned c : {4u, 5u}) {
    const unsigned windows = 3;
    const std::size_t per_window = std::size_t{1} << (c - 1);
    const auto points = generate_bases(seed, windows * per_window);
    std::vector<G1Xyzz> planes(windows * c, G1Xyzz::infinity()), window_sums(windows, G1Xyzz::infinity());
    for (unsigned w = 0; w < windows; ++w) {
      G1Xyzz running = G1Xyzz::infinity();
      for (std::size_t b = per_window; b-- > 0;) {
        // Bucket b of window w; every fifth one empty.
        const bls12_381::G1Affine bucket = b % 5 == 4 ? bls12_381::G1Affine{} : points[w * per_window + b];
        running.add_affine(bucket);
        window_sums[w].add(running);
        for (unsigned k = 0; k + 1 < c; ++k) {
          if ((b >> k) & 1) planes[w * c + k].add_affine(bucket);
        }
        planes[w * c + c - 1].add_affine(bucket);
      }
    }
    const auto want = combine_windows(window_sums, c).to_affine();
    EXPECT_EQ(combine_planes(planes, 1, c).to_affine(), want) << "c " << c << " seed " << seed;
    // The same planes as two partial sums each: P = (P - Q) + Q for a fixed point Q.
    const G1Xyzz q = G1Xyzz::from_affine(points[0]);
    std::vector<G1Xyzz> halves;
    for (const auto& p : planes) {
      G1Xyzz rest = p;
      rest.add(q.negated());
      halves.push_back(rest);
      halves.push_back(q);
    }
    EXPECT_EQ(combine_planes(halves, 2, c).to_affine(), want) << "c " << c << " seed " << seed;
  }
}

TEST(MsmInputs, BasesAreValidDeterministicPrefixesAndCached) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("hwbench-msm-cache-" + std::to_string(::getpid()));
  ::setenv("XDG_CACHE_HOME", dir.c_str(), 1);
  const auto a = generate_bases(77, 40);  // computed and cached
  const auto b = generate_bases(77, 25);  // prefix from the cache
  const auto c = generate_bases(78, 25);
  ASSERT_TRUE(std::filesystem::exists(dir / "hwbench" / "msm-g1-bases-v1-seed-77.bin"));
  for (std::size_t i = 0; i < 25; ++i) EXPECT_EQ(a[i], b[i]) << i;
  EXPECT_FALSE(a[0] == c[0]);
  for (const auto& p : a) {
    EXPECT_TRUE(bls12_381::is_on_curve(p));
    EXPECT_FALSE(p.infinity);
  }
  EXPECT_TRUE(bls12_381::in_subgroup(a[3]));
  // A damaged cache is detected and regenerated with the same values.
  {
    std::fstream f(dir / "hwbench" / "msm-g1-bases-v1-seed-77.bin",
                   std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(100);
    f.put('\x5a');
  }
  const auto again = generate_bases(77, 40);
  for (std::size_t i = 0; i < 40; ++i) EXPECT_EQ(again[i], a[i]) << i;
  for (const auto& s : generate_scalars(3, 1000)) EXPECT_TRUE(bls12_381::less_than(s, kGroupOrder));
  std::filesystem::remove_all(dir);
}

class MsmOnBackend : public ::testing::TestWithParam<std::string> {};

TEST_P(MsmOnBackend, RandomAndEdgeInputs) {
  HWBENCH_REQUIRE_BACKEND(backend, GetParam());
  const std::uint64_t seed = ::testing::UnitTest::GetInstance()->random_seed();
  for (std::uint64_t n : {1, 2, 5, 64, 700}) {
    Input in;
    in.count = n;
    in.bases = generate_bases(seed, n);
    in.scalars = generate_scalars(seed + 7, n);
    if (n >= 5) {
      in.scalars[0] = small(0);
      in.scalars[1] = small(1);
      in.scalars[2] = order_minus(1);
      in.bases[4] = in.bases[3];  // repeated base
    }
    const auto want = naive_msm(in.bases, in.scalars).to_affine();
    const int ran = testing::for_each_output<Output>(
        "msm", *backend, in, [&](const Output& out, const std::string& label) {
          EXPECT_EQ(out.result, want) << label << ", n " << n << ", seed " << seed;
        });
    EXPECT_GT(ran, 0);
  }
  // A sum that is infinity: s and r - s on the same base.
  Input zero;
  zero.count = 2;
  zero.bases = generate_bases(seed, 1);
  zero.bases.push_back(zero.bases[0]);
  zero.scalars = {small(12345), order_minus(12345)};
  testing::for_each_output<Output>("msm", *backend, zero, [&](const Output& out, const std::string& label) {
    EXPECT_TRUE(out.result.infinity) << label;
  });
}

TEST_P(MsmOnBackend, EqualScalarsFillOneBucketPerWindow) {
  HWBENCH_REQUIRE_BACKEND(backend, GetParam());
  // Every point in the same bucket of every window: the worst skew. Expected: [s] (sum of P_i).
  Input in;
  in.count = 5000;
  in.bases = generate_bases(21, in.count);
  const Scalar s = generate_scalars(22, 1)[0];
  in.scalars.assign(in.count, s);
  G1Xyzz sum = G1Xyzz::infinity();
  for (const auto& p : in.bases) sum.add_affine(p);
  const auto want = bls12_381::scalar_multiply(sum.to_affine(), s).to_affine();
  const int ran = testing::for_each_output<Output>(
      "msm", *backend, in,
      [&](const Output& out, const std::string& label) { EXPECT_EQ(out.result, want) << label; });
  EXPECT_GT(ran, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, MsmOnBackend, ::testing::ValuesIn(testing::kBackends));

}  // namespace
}  // namespace hwbench::msm
