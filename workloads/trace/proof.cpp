// Proof assembly and verification for the trace workload (format in proof_format.hpp).
#include "workloads/trace/proof.hpp"

#include <fmt/format.h>

#include <cstring>
#include <stdexcept>

#include "core/little_endian.hpp"
#include "workloads/sha256/sha256_native.hpp"

namespace hwbench::trace {
namespace {

Digest sha256(const std::byte* message, std::size_t length) {
  Digest d;
  sha256::hash_batch(message, length, 1, d.data());
  return d;
}

Row row_from_bytes(const std::byte* in) {
  Row row;
  std::memcpy(&row, in, kRowBytes);
  return row;
}

Digest leaf(const Row& row) { return sha256(reinterpret_cast<const std::byte*>(&row), kRowBytes); }

void append(std::vector<std::byte>& out, const void* data, std::size_t bytes) {
  const auto* p = static_cast<const std::byte*>(data);
  out.insert(out.end(), p, p + bytes);
}

void append_path(std::vector<std::byte>& out, const TreeShape& s, std::span<const std::byte> nodes,
                 std::uint64_t i) {
  for (unsigned l = 0; l + 1 < s.levels; ++l, i /= 2) {
    if ((i ^ 1) < s.count[l]) append(out, nodes.data() + (s.offset[l] + (i ^ 1)) * kNodeBytes, kNodeBytes);
  }
}

// Reads a proof front to back; running past its end is an error.
class Reader {
 public:
  explicit Reader(std::span<const std::byte> proof) : m_proof(proof) {}
  const std::byte* take(std::size_t bytes) {
    if (m_proof.size() - m_pos < bytes) throw std::invalid_argument("the proof is shorter than its contents");
    const std::byte* p = m_proof.data() + m_pos;
    m_pos += bytes;
    return p;
  }
  std::size_t left() const { return m_proof.size() - m_pos; }

 private:
  std::span<const std::byte> m_proof;
  std::size_t m_pos = 0;
};

// The root that leaf i's path leads to.
Digest climb(const TreeShape& s, std::uint64_t i, Digest node, Reader& in) {
  std::byte pair[2 * kNodeBytes];
  for (unsigned l = 0; l + 1 < s.levels; ++l, i /= 2) {
    if ((i ^ 1) >= s.count[l]) continue;
    const std::byte* sibling = in.take(kNodeBytes);
    std::memcpy(pair + (i % 2 == 0 ? 0 : kNodeBytes), node.data(), kNodeBytes);
    std::memcpy(pair + (i % 2 == 0 ? kNodeBytes : 0), sibling, kNodeBytes);
    node = sha256(pair, sizeof pair);
  }
  return node;
}

}  // namespace

Digest transcript_seed(const Digest& program_hash, const Registers& input, std::uint64_t rows,
                       const Row& final_row, std::span<const std::byte, kNodeBytes> root) {
  std::byte message[kSeedMessageBytes];
  std::byte* p = message;
  std::memcpy(p, kTranscriptDomain, kDomainBytes);
  p += kDomainBytes;
  std::memcpy(p, program_hash.data(), 32);
  p += 32;
  for (std::uint64_t r : input) {
    store_le64(p, r);
    p += 8;
  }
  store_le64(p, rows);
  p += 8;
  std::memcpy(p, &final_row, kRowBytes);
  p += kRowBytes;
  std::memcpy(p, root.data(), kNodeBytes);
  return sha256(message, sizeof message);
}

std::vector<std::uint64_t> challenges(const Digest& seed, unsigned k, std::uint64_t rows) {
  if (rows < 2) throw std::invalid_argument("a trace needs at least two rows to open a step");
  std::vector<std::uint64_t> out(k);
  std::byte message[kChallengeMessageBytes];
  std::memcpy(message, seed.data(), kNodeBytes);
  for (unsigned j = 0; j < k; ++j) {
    for (int b = 0; b < 4; ++b) message[kNodeBytes + b] = static_cast<std::byte>(j >> (8 * b));
    // rows - 1 < 2^39, so the modulo's bias is under 2^-25 per challenge.
    out[j] = load_le64(sha256(message, sizeof message).data()) % (rows - 1);
  }
  return out;
}

void write_proof(const Program& program, const Registers& input, std::span<const Row> rows,
                 std::span<const std::byte> nodes, unsigned k, std::vector<std::byte>& out) {
  write_proof(program, input, rows, tree_shape(rows.size()), nodes, k, out);
}

void write_proof(const Program& program, const Registers& input, std::span<const Row> rows,
                 const TreeShape& s, std::span<const std::byte> nodes, unsigned k,
                 std::vector<std::byte>& out) {
  const std::uint64_t t = rows.size();
  if (s.count[0] != t || s.nodes * kNodeBytes > nodes.size())
    throw std::logic_error("tree layout and trace disagree");
  const std::span<const std::byte, kNodeBytes> root(nodes.data() + s.offset[s.levels - 1] * kNodeBytes,
                                                    kNodeBytes);
  const auto index = challenges(transcript_seed(program.hash(), input, t, rows.back(), root), k, t);
  out.clear();
  out.reserve(max_proof_bytes(s, k));
  append(out, &kMagic, sizeof kMagic);
  std::byte count[8];
  store_le64(count, t);
  append(out, count, 8);
  append(out, &rows.back(), kRowBytes);
  append(out, root.data(), kNodeBytes);
  append_path(out, s, nodes, 0);
  append_path(out, s, nodes, t - 1);
  for (std::uint64_t i : index) {
    append(out, &rows[i], 2 * kRowBytes);
    append_path(out, s, nodes, i);
    append_path(out, s, nodes, i + 1);
  }
}

Verdict verify(const Program& program, const Registers& input, std::span<const std::byte> proof, unsigned k) {
  Verdict v;
  try {
    Reader in(proof);
    if (std::memcmp(in.take(4), &kMagic, 4) != 0) throw std::invalid_argument("not a trace proof (magic)");
    const std::uint64_t t = load_le64(in.take(8));
    if (t < 2 || t >= (std::uint64_t{1} << (kMaxLevels - 1))) {
      throw std::invalid_argument(fmt::format("a trace of {} rows cannot be opened", t));
    }
    const TreeShape s = tree_shape(t);
    const Row last = row_from_bytes(in.take(kRowBytes));
    if (last.step != t - 1) throw std::invalid_argument("the final row is not row T-1");
    if (last.pc >= program.code().size() || program.code()[last.pc].op != Opcode::halt) {
      throw std::invalid_argument("the final row is not at a halt");
    }
    Digest root;
    std::memcpy(root.data(), in.take(kNodeBytes), kNodeBytes);
    const auto index = challenges(transcript_seed(program.hash(), input, t, last, root), k, t);
    std::uint64_t expected = fixed_bytes(s);
    for (std::uint64_t i : index) expected += opening_bytes(s, i);
    if (proof.size() != expected) {
      throw std::invalid_argument(
          fmt::format("the proof has {} bytes, its contents take {}", proof.size(), expected));
    }
    Row first;
    first.r = input;
    if (climb(s, 0, leaf(first), in) != root)
      throw std::invalid_argument("row 0 is not the input's initial state");
    if (climb(s, t - 1, leaf(last), in) != root)
      throw std::invalid_argument("the final row's path does not lead to the root");
    for (unsigned j = 0; j < k; ++j) {
      const std::uint64_t i = index[j];
      const Row row = row_from_bytes(in.take(kRowBytes));
      const Row next = row_from_bytes(in.take(kRowBytes));
      if (row.step != i || row.pc >= program.code().size() || program.code()[row.pc].op == Opcode::halt ||
          step(row, program.code()[row.pc]) != next) {
        throw std::invalid_argument(fmt::format("opened row {} does not step to its successor", i));
      }
      if (climb(s, i, leaf(row), in) != root || climb(s, i + 1, leaf(next), in) != root) {
        throw std::invalid_argument(fmt::format("the path of opened row {} does not lead to the root", i));
      }
    }
    v.accepted = true;
    v.rows = t;
    v.output = last.r;
  } catch (const std::invalid_argument& e) {
    v.reason = e.what();
  }
  return v;
}

}  // namespace hwbench::trace
