// Workload `trace`: run fib(n) on the trace VM, commit to its trace with a SHA-256 Merkle tree and
// prove it with Fiat-Shamir spot checks; variants prove one program, a batch, a batch across threads,
// or a request stream through a proof cache.
#include "workloads/trace/workload.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "core/dump.hpp"
#include "core/error.hpp"
#include "core/registry.hpp"
#include "core/rng.hpp"
#include "core/size_range.hpp"
#include "workloads/sha256/openssl_sha256.hpp"
#include "workloads/trace/proof.hpp"
#include "workloads/trace/tree_shape.hpp"

namespace hwbench::trace {

Work proof_work(std::uint64_t n, std::uint64_t programs, unsigned challenges) {
  const std::uint64_t rows = fib_rows(n);
  const TreeShape shape = tree_shape(rows);
  Work w;
  w.items = programs * rows;
  w.bytes = programs * rows * kRowBytes;
  w.bytes_in = programs * rows * kRowBytes;
  w.bytes_out = programs * max_proof_bytes(shape, challenges);
  w.bytes_moved = programs * (rows * kRowBytes + shape.nodes * kNodeBytes);
  w.counts = {{"proofs", programs}};
  return w;
}

std::string_view to_string(Variant variant) {
  switch (variant) {
    case Variant::single:
      return "single";
    case Variant::batch:
      return "batch";
    case Variant::parallel:
      return "parallel";
    case Variant::cached:
      return "cached";
  }
  return "?";
}

std::vector<std::uint32_t> proof_order(const Input& in, Variant variant) {
  switch (variant) {
    case Variant::single:
      return {0};
    case Variant::cached:
      return in.requests;
    case Variant::batch:
    case Variant::parallel:
      break;
  }
  std::vector<std::uint32_t> all(in.inputs.size());
  for (std::uint32_t i = 0; i < all.size(); ++i) all[i] = i;
  return all;
}

namespace {

constexpr std::uint64_t kInputStream = 0x7472616365ULL;  // "trace"
constexpr std::uint64_t kRequestStream = 0x7472616365ULL + 1;
constexpr std::size_t kMaxPrograms = 4096;

// The reference: a row-by-row interpreter over step() and a plain level-by-level tree through OpenSSL,
// independent of the prover's interpreter, its SHA-NI hashing and its blocked tree.
Proof reference_proof(const Program& program, const Registers& input, unsigned k, const Executor& executor) {
  std::vector<Row> rows;
  Row row;
  row.r = input;
  while (program.code()[row.pc].op != Opcode::halt) {
    if (rows.size() >= kMaxRows) throw std::runtime_error("the reference program did not halt");
    rows.push_back(row);
    row = step(row, program.code()[row.pc]);
  }
  rows.push_back(row);
  const TreeShape s = tree_shape(rows.size());
  std::vector<std::byte> nodes(s.nodes * kNodeBytes);
  executor.for_range(rows.size(), 4096, [&](std::size_t begin, std::size_t end) {
    auto& hasher = sha256::OpensslHasher::for_this_thread();
    for (std::size_t i = begin; i < end; ++i) {
      hasher.hash(reinterpret_cast<const std::byte*>(&rows[i]), kRowBytes, nodes.data() + i * kNodeBytes);
    }
  });
  for (unsigned l = 1; l < s.levels; ++l) {
    const std::byte* below = nodes.data() + s.offset[l - 1] * kNodeBytes;
    std::byte* level = nodes.data() + s.offset[l] * kNodeBytes;
    executor.for_range(s.count[l], 4096, [&](std::size_t begin, std::size_t end) {
      auto& hasher = sha256::OpensslHasher::for_this_thread();
      for (std::size_t i = begin; i < end; ++i) {
        if (2 * i + 1 < s.count[l - 1]) {
          hasher.hash(below + 2 * i * kNodeBytes, 2 * kNodeBytes, level + i * kNodeBytes);
        } else {
          std::memcpy(level + i * kNodeBytes, below + 2 * i * kNodeBytes, kNodeBytes);
        }
      }
    });
  }
  Proof proof;
  write_proof(program, input, rows, nodes, k, proof.bytes);
  proof.output = rows.back().r;
  return proof;
}

std::vector<std::byte> encode_inputs(const std::vector<Registers>& inputs) {
  std::vector<std::byte> out(inputs.size() * sizeof(Registers));
  std::memcpy(out.data(), inputs.data(), out.size());
  return out;
}

// Records of u32 input index, u32 length, proof bytes (little-endian).
std::vector<std::byte> encode_proofs(const Output& o) {
  std::vector<std::byte> out;
  for (std::size_t j = 0; j < o.proofs.size(); ++j) {
    const std::uint32_t header[2] = {o.which[j], static_cast<std::uint32_t>(o.proofs[j].bytes.size())};
    const auto* h = reinterpret_cast<const std::byte*>(header);
    out.insert(out.end(), h, h + sizeof header);
    out.insert(out.end(), o.proofs[j].bytes.begin(), o.proofs[j].bytes.end());
  }
  return out;
}

class TraceWorkload final : public TypedWorkload<Input, Output> {
 public:
  std::string_view name() const override { return "trace"; }
  std::string_view description() const override {
    return "trace VM running fib(n): SHA-256 Merkle commitment to the trace, Fiat-Shamir openings, verified";
  }
  std::string_view unit() const override { return "steps"; }
  std::vector<std::uint64_t> default_sizes() const override { return {5, 10, 20, 50}; }
  std::vector<std::uint64_t> quick_sizes() const override { return {50, 1 << 14}; }

  std::vector<Parameter> options() override {
    return {
        bounded_count("programs", "programs per batch, fewer for long traces (default 64)", 2, kMaxPrograms,
                      [this](std::uint64_t v) { m_programs = v; }),
        bounded_count("challenges", fmt::format("rows opened per proof (default {})", kDefaultChallenges), 1,
                      kMaxChallenges, [this](std::uint64_t v) { m_challenges = static_cast<unsigned>(v); }),
        bounded_count("cache-entries", "proofs the cached variant keeps, LRU (default 16)", 1, kMaxPrograms,
                      [this](std::uint64_t v) { m_cache_entries = v; })};
  }

  void check_size(std::uint64_t n) const override {
    if (n > kMaxN) {
      throw UsageError(fmt::format("trace takes fib(n) for n up to {} ({} rows), not {}", format_size(kMaxN),
                                   fib_rows(kMaxN), format_size(n)));
    }
  }

  // A batch proved one program after another or across threads is one job; one program and a request
  // stream through the cache are others.
  std::string job(std::string_view variant) const override {
    return variant == to_string(Variant::parallel) ? std::string(to_string(Variant::batch))
                                                   : std::string(variant);
  }

  // One program: the variants that prove several report their own work.
  Work work(std::uint64_t n) const override { return proof_work(n, 1, m_challenges); }

  nlohmann::json parameters() const override {
    return {{"programs", m_programs}, {"challenges", m_challenges}, {"cache_entries", m_cache_entries}};
  }

  Input make_input(std::uint64_t n, std::uint64_t seed) const override {
    Input in;
    in.n = n;
    in.challenges = m_challenges;
    in.cache_entries = m_cache_entries;
    const std::size_t programs = std::clamp<std::uint64_t>(kBatchRows / fib_rows(n), 2, m_programs);
    Rng rng(seed, kInputStream);
    in.inputs.push_back(fib_input(n));
    while (in.inputs.size() < programs) {
      const std::uint64_t a = rng.next();
      in.inputs.push_back(fib_input(n, a, rng.next()));
    }
    // Requests repeat: drawn from the first half of the inputs, as many as the batch.
    Rng pick(seed, kRequestStream);
    in.requests.resize(programs);
    for (auto& r : in.requests)
      r = static_cast<std::uint32_t>(pick.below(std::max<std::size_t>(1, programs / 2)));
    return in;
  }

  Output make_reference(const Input& in, const Executor& executor) const override {
    Output out;
    out.which = proof_order(in, Variant::batch);
    for (std::uint32_t i : out.which)
      out.proofs.push_back(reference_proof(in.program, in.inputs[i], in.challenges, executor));
    return out;
  }

  // The batch job proves every input on its own: any share of the programs can go to either side.
  bool divisible(std::string_view job) const override { return job == to_string(Variant::batch); }
  std::uint64_t items_of(const Input& in) const override { return in.inputs.size(); }
  Input slice_of(const Input& in, std::uint64_t begin, std::uint64_t end) const override {
    Input part;
    part.n = in.n;
    part.challenges = in.challenges;
    part.cache_entries = in.cache_entries;
    part.program = in.program;
    part.inputs.assign(in.inputs.begin() + static_cast<std::ptrdiff_t>(begin),
                       in.inputs.begin() + static_cast<std::ptrdiff_t>(end));
    // A part is only ever proved as a batch; its request stream is the identity.
    part.requests.resize(part.inputs.size());
    for (std::uint32_t i = 0; i < part.requests.size(); ++i) part.requests[i] = i;
    return part;
  }
  Output join_of(const Output& head, const Output& tail) const override {
    Output out = head;
    // A batch part proves each of its inputs once, so the head had head.which.size() inputs.
    const auto offset = static_cast<std::uint32_t>(head.which.size());
    for (std::uint32_t i : tail.which) out.which.push_back(offset + i);
    out.proofs.insert(out.proofs.end(), tail.proofs.begin(), tail.proofs.end());
    return out;
  }

  Verification compare(const Input& in, const Output& expected, const Output& got) const override {
    Verification v;
    if (got.which.size() != got.proofs.size() || got.proofs.empty()) {
      v.detail = "the implementation returned no proofs, or proofs without the inputs they are for";
      return v;
    }
    if (got.which != proof_order(in, Variant::single) && got.which != proof_order(in, Variant::batch) &&
        got.which != proof_order(in, Variant::cached)) {
      v.detail = "the proofs are not for the single program, the batch or the request stream";
      return v;
    }
    for (std::size_t j = 0; j < got.proofs.size(); ++j) {
      ++v.checked;
      const Proof& want = expected.proofs[got.which[j]];
      const Proof& have = got.proofs[j];
      const Verdict verdict = trace::verify(in.program, in.inputs[got.which[j]], have.bytes, in.challenges);
      std::string problem;
      if (!verdict.accepted) {
        problem = "the verifier rejects it: " + verdict.reason;
      } else if (have.bytes != want.bytes) {
        problem = fmt::format("its {} bytes differ from the reference proof's {}", have.bytes.size(),
                              want.bytes.size());
      } else if (have.output != want.output || verdict.output != want.output) {
        problem = "its output registers differ from the reference's";
      }
      if (!problem.empty() && v.mismatches++ == 0)
        v.detail = fmt::format("proof {} (input {}): {}", j, got.which[j], problem);
    }
    v.ok = v.mismatches == 0;
    if (v.ok) {
      v.detail = fmt::format(
          "{} proofs of fib({}) ({} rows, {} bytes) accepted by the verifier and equal to the reference "
          "prover's "
          "(OpenSSL tree); output r0 = {}",
          got.proofs.size(), in.n, fib_rows(in.n), got.proofs[0].bytes.size(), got.proofs[0].output[0]);
    }
    return v;
  }

  void write_input(const Input& in, DumpWriter& out) const override {
    out.raw("program", in.program.bytes(), kInstructionBytes, "trace-instruction",
            "the program, 16-byte instructions (docs/TRACE.md)");
    out.raw("inputs", encode_inputs(in.inputs), sizeof(Registers), "u64-le-x4",
            "initial registers r0..r3 per program");
    out.note("challenges", in.challenges);
  }
  void write_output(const Output& o, DumpWriter& out, const std::string& stem) const override {
    out.raw(stem + "-proofs", encode_proofs(o), 1, "trace-proofs",
            "per proof: u32 input index, u32 length, the proof (docs/TRACE.md)");
  }

 private:
  std::size_t m_programs = 64;
  unsigned m_challenges = kDefaultChallenges;
  std::size_t m_cache_entries = 16;
};

const Registration registration{[] { Registry::instance().add_workload(std::make_unique<TraceWorkload>()); }};

}  // namespace
}  // namespace hwbench::trace
