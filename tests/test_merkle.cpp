// Merkle roots on every backend against a tree built here directly from OpenSSL's SHA-256.
#include "core/rng.hpp"
#include "tests/support.hpp"
#include "workloads/merkle/workload.hpp"
#include "workloads/sha256/openssl_sha256.hpp"

namespace hwbench {
namespace {

// The documented rule, written as plainly as possible: pair neighbours, carry an odd last node.
std::vector<std::byte> expected_root(std::vector<std::byte> level) {
  sha256::OpensslHasher hasher;
  while (level.size() > 32) {
    const std::size_t m = level.size() / 32;
    std::vector<std::byte> next;
    for (std::size_t i = 0; i + 1 < m; i += 2) {
      std::byte digest[32];
      hasher.hash(level.data() + 32 * i, 64, digest);
      next.insert(next.end(), digest, digest + 32);
    }
    if (m % 2 == 1) next.insert(next.end(), level.end() - 32, level.end());
    level = std::move(next);
  }
  return level;
}

class MerkleOnBackend : public ::testing::TestWithParam<std::string> {};

TEST_P(MerkleOnBackend, RootsOfAwkwardSizes) {
  HWBENCH_REQUIRE_BACKEND(backend, GetParam());
  const std::uint64_t seed = ::testing::UnitTest::GetInstance()->random_seed();
  // Around the CPU subtree (4096) and GPU block (512) boundaries, odd counts, and one leaf.
  for (std::uint64_t n : {1, 2, 3, 5, 7, 8, 511, 512, 513, 1000, 4095, 4096, 4097, 9000}) {
    merkle::Input in;
    in.count = n;
    in.leaves.resize(n * 32);
    Rng(seed, n).fill(in.leaves);
    const auto want = expected_root(in.leaves);
    const int ran = testing::for_each_output<merkle::Output>(
        "merkle", *backend, in, [&](const merkle::Output& out, const std::string& label) {
          EXPECT_EQ(testing::hex(out.root), testing::hex(want))
              << label << ", " << n << " leaves, seed " << seed;
        });
    EXPECT_GT(ran, 0);
  }
}

TEST_P(MerkleOnBackend, ManyChunksEndToEnd) {
  HWBENCH_REQUIRE_BACKEND(backend, GetParam());
  // Large enough that the GPU's end-to-end run splits the leaves into several chunks.
  merkle::Input in;
  in.count = 300000;
  in.leaves.resize(in.count * 32);
  Rng(11).fill(in.leaves);
  const auto want = expected_root(in.leaves);
  testing::for_each_output<merkle::Output>("merkle", *backend, in,
                                           [&](const merkle::Output& out, const std::string& label) {
                                             EXPECT_EQ(testing::hex(out.root), testing::hex(want)) << label;
                                           });
}

INSTANTIATE_TEST_SUITE_P(Backends, MerkleOnBackend, ::testing::ValuesIn(testing::kBackends));

TEST(Merkle, KnownThreeLeafShape) {
  // root(a, b, c) = H(H(a || b) || c)
  std::vector<std::byte> leaves(96);
  for (std::size_t i = 0; i < leaves.size(); ++i) leaves[i] = static_cast<std::byte>(i);
  sha256::OpensslHasher hasher;
  std::byte ab[32], root[64];
  hasher.hash(leaves.data(), 64, ab);
  std::copy(ab, ab + 32, root);
  std::copy(leaves.begin() + 64, leaves.end(), root + 32);
  std::byte want[32];
  hasher.hash(root, 64, want);
  merkle::reduce_in_place(leaves.data(), 3);
  EXPECT_TRUE(std::equal(want, want + 32, leaves.begin()));
}

}  // namespace
}  // namespace hwbench
