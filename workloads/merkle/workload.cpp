// Workload `merkle`: a binary SHA-256 Merkle tree over N 32-byte leaves -> its root.
#include "workloads/merkle/workload.hpp"

#include <fmt/format.h>

#include <cstring>

#include "core/dump.hpp"
#include "core/registry.hpp"
#include "core/rng.hpp"
#include "workloads/sha256/openssl_sha256.hpp"
#include "workloads/sha256/sha256_native.hpp"

namespace hwbench::merkle {

void reduce_in_place(std::byte* nodes, std::size_t m) {
  while (m > 1) {
    const std::size_t pairs = m / 2;
    sha256::hash_batch(nodes, 2 * kNodeBytes, pairs, nodes);
    if (m % 2 == 1) std::memmove(nodes + pairs * kNodeBytes, nodes + (m - 1) * kNodeBytes, kNodeBytes);
    m = pairs + m % 2;
  }
}

namespace {

class MerkleWorkload final : public TypedWorkload<Input, Output> {
 public:
  std::string_view name() const override { return "merkle"; }
  std::string_view description() const override { return "SHA-256 Merkle root of N 32-byte leaves"; }
  std::string_view unit() const override { return "leaves"; }
  std::vector<std::uint64_t> default_sizes() const override { return {1 << 10, 1 << 14, 1 << 18, 1 << 20}; }
  std::vector<std::uint64_t> quick_sizes() const override { return {1 << 10, 1 << 16}; }

  Work work(std::uint64_t n) const override {
    Work w;
    w.items = n;
    w.bytes = n * kNodeBytes;
    w.bytes_in = n * kNodeBytes;
    w.bytes_out = kNodeBytes;
    w.bytes_moved = 2 * n * kNodeBytes;  // leaves read, about n/2 + n/4 + ... nodes written and read back
    return w;
  }

  Input make_input(std::uint64_t n, std::uint64_t seed) const override {
    Input in;
    in.count = n;
    in.leaves.resize(n * kNodeBytes);
    Rng(seed, 0x3e7c1e).fill(in.leaves);
    return in;
  }

  // A plain level-by-level tree through OpenSSL, independent of the code under test.
  Output make_reference(const Input& in, const Executor& executor) const override {
    Output out;
    std::vector<std::byte> level = in.leaves;
    while (level.size() > kNodeBytes) {
      const std::size_t m = level.size() / kNodeBytes;
      std::vector<std::byte> parent((m + 1) / 2 * kNodeBytes);
      executor.for_range(m / 2, 4096, [&](std::size_t begin, std::size_t end) {
        auto& hasher = sha256::OpensslHasher::for_this_thread();
        for (std::size_t i = begin; i < end; ++i) {
          hasher.hash(level.data() + 2 * i * kNodeBytes, 2 * kNodeBytes, parent.data() + i * kNodeBytes);
        }
      });
      if (m % 2 == 1)
        std::memcpy(parent.data() + m / 2 * kNodeBytes, level.data() + (m - 1) * kNodeBytes, kNodeBytes);
      out.levels.push_back(parent);
      level = std::move(parent);
    }
    out.root = level;
    return out;
  }

  Verification compare(const Input& in, const Output& expected, const Output& got) const override {
    Verification v;
    v.checked = 1;
    v.ok = got.root == expected.root;
    v.mismatches = v.ok ? 0 : 1;
    v.detail =
        v.ok ? fmt::format("root of {} leaves equals the OpenSSL reference tree's", in.count)
             : fmt::format("root {} differs from the reference {}", to_hex(got.root), to_hex(expected.root));
    return v;
  }

  void write_input(const Input& in, DumpWriter& out) const override {
    out.raw("leaves", in.leaves, kNodeBytes, "bytes", fmt::format("{} leaves of 32 bytes", in.count));
  }
  void write_output(const Output& o, DumpWriter& out, const std::string& stem) const override {
    out.hex_lines(stem + "-root", o.root, kNodeBytes, "sha256-digest", "Merkle root");
    for (std::size_t l = 0; l < o.levels.size(); ++l) {
      out.hex_lines(fmt::format("{}-level-{}", stem, l + 1), o.levels[l], kNodeBytes, "sha256-digest",
                    fmt::format("level {} above the leaves (odd last node carried up)", l + 1));
    }
  }
};

const Registration registration{
    [] { Registry::instance().add_workload(std::make_unique<MerkleWorkload>()); }};

}  // namespace
}  // namespace hwbench::merkle
