// trace: the VM's semantics and encoding, the tree's shape, proofs accepted and every tampering
// rejected, the proof cache, and every registered backend against the reference prover.
#include <algorithm>
#include <cstring>

#include "core/rng.hpp"
#include "tests/support.hpp"
#include "workloads/sha256/openssl_sha256.hpp"
#include "workloads/trace/proof.hpp"
#include "workloads/trace/proof_cache.hpp"
#include "workloads/trace/prover.hpp"
#include "workloads/trace/tree_shape.hpp"
#include "workloads/trace/workload.hpp"

namespace hwbench::trace {
namespace {

std::uint64_t test_seed() { return ::testing::UnitTest::GetInstance()->random_seed(); }

const Executor& tbb_executor() {
  std::string reason;
  Backend* backend = testing::usable_backend("cpu-tbb", reason);
  return backend != nullptr ? backend->executor() : serial_executor();
}

Proof prove(const Program& program, const Registers& input, unsigned k = kDefaultChallenges) {
  Prover prover;
  Proof proof;
  prover.prove(program, input, {k, kMaxRows}, serial_executor(), proof);
  return proof;
}

TEST(TraceVm, FibonacciKnownAnswers) {
  const Program fib = fib_program();
  // F(n) mod 2^64; F(94) = 19740274219868223167 wraps.
  const std::vector<std::pair<std::uint64_t, std::uint64_t>> known = {{0, 0},
                                                                      {1, 1},
                                                                      {2, 1},
                                                                      {10, 55},
                                                                      {50, 12586269025ULL},
                                                                      {93, 12200160415121876738ULL},
                                                                      {94, 1293530146158671551ULL}};
  for (const auto& [n, f] : known) {
    const auto rows = execute(fib, fib_input(n), kMaxRows);
    ASSERT_EQ(rows.size(), fib_rows(n)) << n;
    EXPECT_EQ(rows.back().r[0], f) << "F(" << n << ")";
    EXPECT_EQ(fib.code()[rows.back().pc].op, Opcode::halt);
    EXPECT_EQ(rows.front(), (Row{0, 0, fib_input(n)}));
    for (std::size_t i = 0; i + 1 < rows.size(); ++i) {
      ASSERT_EQ(rows[i].step, i);
      ASSERT_EQ(step(rows[i], fib.code()[rows[i].pc]), rows[i + 1]) << "row " << i << " of fib(" << n << ")";
    }
  }
  // From (a, b) the loop runs the same recurrence: (2, 1) gives the Lucas numbers, L(10) = 123.
  EXPECT_EQ(execute(fib, fib_input(10, 2, 1), kMaxRows).back().r[0], 123u);
}

TEST(TraceVm, EachInstructionFollowsItsRule) {
  const Row row{7, 3, {10, 20, 0, 5}};
  EXPECT_EQ(step(row, {Opcode::set, 2, 0, 99}), (Row{8, 4, {10, 20, 99, 5}}));
  EXPECT_EQ(step(row, {Opcode::add, 0, 1, 0}), (Row{8, 4, {30, 20, 0, 5}}));
  EXPECT_EQ(step(row, {Opcode::mov, 3, 1, 0}), (Row{8, 4, {10, 20, 0, 20}}));
  EXPECT_EQ(step(row, {Opcode::dec, 2, 0, 0}), (Row{8, 4, {10, 20, ~0ULL, 5}}));
  EXPECT_EQ(step(row, {Opcode::jnz, 3, 0, 1}), (Row{8, 1, {10, 20, 0, 5}}));
  EXPECT_EQ(step(row, {Opcode::jnz, 2, 0, 1}), (Row{8, 4, {10, 20, 0, 5}}));
  const Row top{0, 0, {~0ULL, 2, 0, 0}};
  EXPECT_EQ(step(top, {Opcode::add, 0, 1, 0}).r[0], 1u) << "wraps modulo 2^64";
}

TEST(TraceVm, EncodingRoundTripsAndRejectsMalformedPrograms) {
  const Program fib = fib_program();
  EXPECT_EQ(fib.bytes().size(), fib.code().size() * kInstructionBytes);
  const Program again = Program::decode(fib.bytes());
  EXPECT_EQ(again.bytes(), fib.bytes());
  EXPECT_EQ(again.hash(), fib.hash());
  // Instruction 2 is `mov r3 r1`: bytes 02*16 + {0: opcode, 1: a, 2: b, 3..7: zero, 8..15: imm}.
  auto broken = [&](std::size_t byte, std::uint8_t value) {
    auto b = fib.bytes();
    b[byte] = static_cast<std::byte>(value);
    return b;
  };
  EXPECT_THROW(Program::decode(broken(32, 9)), std::invalid_argument) << "unknown opcode";
  EXPECT_THROW(Program::decode(broken(33, 4)), std::invalid_argument) << "register r4";
  EXPECT_THROW(Program::decode(broken(36, 1)), std::invalid_argument) << "reserved byte";
  EXPECT_THROW(Program::decode(broken(40, 1)), std::invalid_argument) << "imm on mov";
  EXPECT_THROW(Program::decode(broken(8, 8)), std::invalid_argument) << "jump past the end";
  EXPECT_THROW(Program::decode(broken(16 + 1, 1)), std::invalid_argument) << "operand on halt";
  auto no_halt = fib.bytes();
  no_halt.resize(no_halt.size() - kInstructionBytes);
  EXPECT_THROW(Program::decode(no_halt), std::invalid_argument) << "last instruction is not halt";
  EXPECT_THROW(Program::decode(std::vector<std::byte>(17)), std::invalid_argument) << "partial instruction";
  EXPECT_THROW(Program::decode({}), std::invalid_argument) << "empty";
  // A loop that never ends is cut off.
  const Program spin({{Opcode::jnz, 0, 0, 0}, {Opcode::halt, 0, 0, 0}});
  EXPECT_THROW(execute(spin, {1, 0, 0, 0}, 1000), std::runtime_error);
  Prover prover;
  Proof proof;
  EXPECT_THROW(prover.prove(spin, {1, 0, 0, 0}, {kDefaultChallenges, 1000}, serial_executor(), proof),
               std::runtime_error);
}

TEST(TraceTree, ShapeAndPathLengths) {
  for (std::uint64_t t = 1; t <= 70; ++t) {
    const TreeShape s = tree_shape(t);
    std::uint64_t m = t, total = 0;
    unsigned levels = 0;
    while (true) {
      ASSERT_EQ(s.count[levels], m);
      total += m;
      ++levels;
      if (m == 1) break;
      m = (m + 1) / 2;
    }
    EXPECT_EQ(s.levels, levels);
    EXPECT_EQ(s.nodes, total);
    if (t > 1 && (t & (t - 1)) == 0) {
      for (std::uint64_t i = 0; i < t; ++i) EXPECT_EQ(path_length(s, i), levels - 1);
    }
  }
  // 5 leaves: level sizes 5, 3, 2, 1; leaf 4 is carried up twice, then paired with the left half.
  const TreeShape five = tree_shape(5);
  EXPECT_EQ(path_length(five, 0), 3u);
  EXPECT_EQ(path_length(five, 4), 1u);
}

// The blocked commitment against a plain level-by-level tree through OpenSSL, around the subtree size.
TEST(TraceTree, BlockedCommitmentEqualsPlainTree) {
  Rng rng(test_seed(), 1);
  for (std::uint64_t t : {1ULL, 2ULL, 3ULL, 513ULL, 4095ULL, 4096ULL, 4097ULL, 8193ULL, 3 * 4096ULL + 5}) {
    std::vector<Row> rows(t);
    for (auto& r : rows) r = {rng.next(), rng.next(), {rng.next(), rng.next(), rng.next(), rng.next()}};
    const TreeShape s = tree_shape(t);
    std::vector<std::byte> nodes(s.nodes * kNodeBytes);
    commit(rows, nodes.data(), tbb_executor());
    std::vector<std::byte> level(t * kNodeBytes);
    auto& hasher = sha256::OpensslHasher::for_this_thread();
    for (std::size_t i = 0; i < t; ++i) {
      hasher.hash(reinterpret_cast<const std::byte*>(&rows[i]), kRowBytes, level.data() + i * kNodeBytes);
    }
    for (unsigned l = 0; l < s.levels; ++l) {
      ASSERT_EQ(std::memcmp(level.data(), nodes.data() + s.offset[l] * kNodeBytes, level.size()), 0)
          << "level " << l << " of " << t << " leaves";
      std::vector<std::byte> up((level.size() / kNodeBytes + 1) / 2 * kNodeBytes);
      for (std::size_t i = 0; i < up.size() / kNodeBytes; ++i) {
        if (2 * i + 1 < level.size() / kNodeBytes) {
          hasher.hash(level.data() + 2 * i * kNodeBytes, 2 * kNodeBytes, up.data() + i * kNodeBytes);
        } else {
          std::memcpy(up.data() + i * kNodeBytes, level.data() + 2 * i * kNodeBytes, kNodeBytes);
        }
      }
      level = std::move(up);
    }
  }
}

TEST(TraceProof, AcceptedWithTheRightSizeAndOutput) {
  const Program fib = fib_program();
  for (std::uint64_t n : {0ULL, 1ULL, 5ULL, 50ULL, 1000ULL}) {
    const Proof proof = prove(fib, fib_input(n));
    const Verdict v = verify(fib, fib_input(n), proof.bytes, kDefaultChallenges);
    ASSERT_TRUE(v.accepted) << "fib(" << n << "): " << v.reason;
    EXPECT_EQ(v.rows, fib_rows(n));
    EXPECT_EQ(v.output, proof.output);
    EXPECT_LE(proof.bytes.size(), max_proof_bytes(tree_shape(fib_rows(n)), kDefaultChallenges));
    // The same statement always gives the same proof (Fiat-Shamir is deterministic).
    EXPECT_EQ(prove(fib, fib_input(n)).bytes, proof.bytes);
  }
  EXPECT_EQ(prove(fib, fib_input(50)).output[0], 12586269025ULL);
}

TEST(TraceProof, AnyChangedByteIsRejected) {
  const Program fib = fib_program();
  for (std::uint64_t n : {5ULL, 10ULL, 50ULL}) {
    const Proof proof = prove(fib, fib_input(n));
    auto bytes = proof.bytes;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
      const auto flip = static_cast<std::byte>(1u << (i % 8));  // every bit position, across the bytes
      bytes[i] ^= flip;
      ASSERT_FALSE(verify(fib, fib_input(n), bytes, kDefaultChallenges).accepted)
          << "fib(" << n << "): byte " << i << " of " << bytes.size() << " changed and accepted";
      bytes[i] ^= flip;
    }
    ASSERT_TRUE(verify(fib, fib_input(n), bytes, kDefaultChallenges).accepted);
    auto longer = bytes;
    longer.push_back(std::byte{0});
    EXPECT_FALSE(verify(fib, fib_input(n), longer, kDefaultChallenges).accepted);
    EXPECT_FALSE(
        verify(fib, fib_input(n), std::span(bytes).first(bytes.size() - 1), kDefaultChallenges).accepted);
    EXPECT_FALSE(verify(fib, fib_input(n), {}, kDefaultChallenges).accepted);
  }
}

TEST(TraceProof, OtherStatementsAreRejected) {
  const Program fib = fib_program();
  const Proof proof = prove(fib, fib_input(50));
  EXPECT_FALSE(verify(fib, fib_input(51), proof.bytes, kDefaultChallenges).accepted) << "other n";
  EXPECT_FALSE(verify(fib, fib_input(50, 1, 1), proof.bytes, kDefaultChallenges).accepted) << "other start";
  EXPECT_FALSE(verify(fib, fib_input(50), proof.bytes, kDefaultChallenges - 1).accepted) << "other k";
  // A different program (b = a + b replaced by b = b + b) verifying this proof...
  auto code = fib.code();
  code[3] = {Opcode::add, 1, 1, 0};
  const Program other(code);
  EXPECT_FALSE(verify(other, fib_input(50), proof.bytes, kDefaultChallenges).accepted);
  // ... and a trace of that program presented, with its commitment, as fib's.
  const auto rows = execute(other, fib_input(50), kMaxRows);
  const TreeShape s = tree_shape(rows.size());
  std::vector<std::byte> nodes(s.nodes * kNodeBytes);
  commit(rows, nodes.data(), serial_executor());
  std::vector<std::byte> forged;
  write_proof(fib, fib_input(50), rows, nodes, kDefaultChallenges, forged);
  const Verdict v = verify(fib, fib_input(50), forged, kDefaultChallenges);
  EXPECT_FALSE(v.accepted);
  EXPECT_NE(v.reason.find("does not step"), std::string::npos) << v.reason;
}

TEST(TraceCache, LeastRecentlyUsedIsEvicted) {
  ProofCache cache(2);
  const Digest program = fib_program().hash();
  auto key = [&](std::uint64_t n) { return ProofCache::Key{program, fib_input(n)}; };
  auto proof = [](std::uint8_t tag) { return Proof{{std::byte{tag}}, {}}; };
  EXPECT_EQ(cache.find(key(1)), nullptr);
  cache.insert(key(1), proof(1));
  cache.insert(key(2), proof(2));
  ASSERT_NE(cache.find(key(1)), nullptr);  // 1 is now the most recent
  cache.insert(key(3), proof(3));          // evicts 2
  EXPECT_EQ(cache.find(key(2)), nullptr);
  ASSERT_NE(cache.find(key(3)), nullptr);
  EXPECT_EQ(cache.find(key(1))->bytes, std::vector<std::byte>{std::byte{1}});
  EXPECT_EQ(cache.stats().hits, 3u);
  EXPECT_EQ(cache.stats().misses, 2u);
  EXPECT_EQ(cache.stats().evictions, 1u);
  EXPECT_EQ(cache.size(), 2u);
  cache.clear();
  EXPECT_EQ(cache.find(key(1)), nullptr);
}

class TraceBackends : public ::testing::TestWithParam<std::string> {};

// Every implementation on this backend, in every mode, at sizes below and across the subtree and
// block sizes, against the reference prover; the verifier must accept every proof.
TEST_P(TraceBackends, MatchReference) {
  HWBENCH_REQUIRE_BACKEND(backend, GetParam());
  const Workload* workload = Registry::instance().find_workload("trace");
  ASSERT_NE(workload, nullptr);
  for (std::uint64_t n : {0ULL, 1ULL, 5ULL, 50ULL, 103ULL, 1000ULL, 30000ULL}) {
    const auto input = workload->generate(n, test_seed() + n);
    const auto reference = workload->reference(*input, backend->executor());
    const int ran = testing::for_each_output<Output>(
        "trace", *backend, *input, [&](const Output& got, const std::string& label) {
          const auto verdict = workload->verify(*input, *reference, got);
          EXPECT_TRUE(verdict.ok) << label << " fib(" << n << "): " << verdict.detail;
        });
    EXPECT_GT(ran, 0);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, TraceBackends, ::testing::ValuesIn(testing::kBackends));

}  // namespace
}  // namespace hwbench::trace
