// SHA-256 known answers (NIST) and random messages of many lengths on every backend and variant.
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/rng.hpp"
#include "tests/support.hpp"
#include "workloads/sha256/openssl_sha256.hpp"
#include "workloads/sha256/sha256_native.hpp"
#include "workloads/sha256/workload.hpp"

namespace hwbench {
namespace {

using testing::hex;

// `copies` identical messages, so that multi-message paths (two-lane SHA-NI, one thread per
// message) are exercised, including an odd count.
sha256::Input replicated(const std::vector<std::byte>& message, std::size_t copies) {
  sha256::Input in;
  in.count = copies;
  in.msg_bytes = message.size();
  for (std::size_t i = 0; i < copies; ++i)
    in.messages.insert(in.messages.end(), message.begin(), message.end());
  return in;
}

class Sha256OnBackend : public ::testing::TestWithParam<std::string> {};

TEST_P(Sha256OnBackend, NistVectors) {
  HWBENCH_REQUIRE_BACKEND(backend, GetParam());
  const char* dir = std::getenv("HWBENCH_TEST_VECTORS_DIR");  // set by the bundle's run wrapper
  std::ifstream file(std::string(dir != nullptr ? dir : HWBENCH_TEST_VECTORS) + "/sha256.json");
  ASSERT_TRUE(file) << "missing tests/vectors/sha256.json";
  const auto doc = nlohmann::json::parse(file);
  ASSERT_GE(doc["vectors"].size(), 5u);
  for (const auto& v : doc["vectors"]) {
    std::string message;
    for (int i = 0; i < v["repeat"].get<int>(); ++i) message += v["message"].get<std::string>();
    const std::size_t copies = message.size() > 1000 ? 1 : 3;
    const auto in = replicated(testing::bytes_of(message), copies);
    const int ran = testing::for_each_output<sha256::Output>(
        "sha256", *backend, in, [&](const sha256::Output& out, const std::string& label) {
          ASSERT_EQ(out.digests.size(), copies * 32) << label;
          for (std::size_t i = 0; i < copies; ++i) {
            EXPECT_EQ(hex(out.digests, 32 * i), v["digest"].get<std::string>())
                << label << ", message of " << message.size() << " bytes, copy " << i;
          }
        });
    EXPECT_GT(ran, 0);
  }
}

TEST_P(Sha256OnBackend, RandomMessagesOfManyLengthsMatchOpenssl) {
  HWBENCH_REQUIRE_BACKEND(backend, GetParam());
  const std::uint64_t seed = ::testing::UnitTest::GetInstance()->random_seed();
  for (std::size_t length : {1, 3, 16, 32, 48, 55, 56, 63, 64, 65, 80, 100, 112, 119, 120, 128, 200, 1000}) {
    sha256::Input in;
    in.count = 37;
    in.msg_bytes = length;
    in.messages.resize(in.count * length);
    Rng(seed, length).fill(in.messages);
    std::vector<std::byte> want(in.count * 32);
    sha256::OpensslHasher hasher;
    for (std::size_t i = 0; i < in.count; ++i)
      hasher.hash(in.messages.data() + i * length, length, want.data() + 32 * i);
    testing::for_each_output<sha256::Output>(
        "sha256", *backend, in, [&](const sha256::Output& out, const std::string& label) {
          ASSERT_EQ(out.digests.size(), want.size());
          for (std::size_t i = 0; i < in.count; ++i) {
            ASSERT_EQ(hex(out.digests, 32 * i), hex(want, 32 * i))
                << label << ", length " << length << ", message " << i << ", seed " << seed;
          }
        });
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, Sha256OnBackend, ::testing::ValuesIn(testing::kBackends));

TEST(Sha256Native, BothPathsAgreeAndHashInPlace) {
  std::vector<std::byte> nodes(64 * 9);
  Rng(3).fill(nodes);
  std::vector<std::byte> portable(32 * 9);
  sha256::hash_batch(nodes.data(), 64, 9, portable.data(), sha256::NativePath::portable);
  if (sha256::native_path() == sha256::NativePath::sha_ni) {
    std::vector<std::byte> ni(32 * 9);
    sha256::hash_batch(nodes.data(), 64, 9, ni.data(), sha256::NativePath::sha_ni);
    EXPECT_EQ(ni, portable);
  }
  sha256::hash_batch(nodes.data(), 64, 9, nodes.data());  // in place, as Merkle levels do
  nodes.resize(32 * 9);
  EXPECT_EQ(nodes, portable);
}

}  // namespace
}  // namespace hwbench
