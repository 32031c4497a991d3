// trace on the CUDA backend: the commitment (leaves, tree) and the openings on the GPU; the VM runs
// on the host, as it is one sequential program. Device-resident: the traces are on the device, a
// proof is 1 + ceil(levels / 9) launches for the whole batch. End-to-end: each program runs on the
// host into pinned memory in chunks; every chunk is uploaded and its leaves hashed while the host
// runs the next one; then the upper levels, the openings and the proofs' download. Timed on the host
// clock, since the host's execution is part of it.
#include <chrono>
#include <cstring>

#include "backends/cuda/error.hpp"
#include "backends/cuda/launch.hpp"
#include "backends/cuda/memory.hpp"
#include "backends/cuda/runner_factory.hpp"
#include "backends/cuda/stream.hpp"
#include "core/registry.hpp"
#include "workloads/trace/kernels.cuh"
#include "workloads/trace/workload.hpp"

namespace hwbench::trace {
namespace {

using kernels::kNodeVectors;
using kernels::kRowVectors;

// Rows executed and uploaded at a time end to end: 3 MiB, a whole number of 512-leaf groups.
constexpr std::size_t kChunkRows = std::size_t{1} << 16;
static_assert(kChunkRows % kernels::kNodesPerBlock == 0);
static_assert(2 * kMaxChallenges * sizeof(std::uint64_t) <= 48 * 1024, "open_kernel's shared memory");

unsigned groups(std::uint64_t nodes) {
  return static_cast<unsigned>((nodes + kernels::kNodesPerBlock - 1) / kernels::kNodesPerBlock);
}

// Device buffers and launches shared by both runners: the traces, trees and proofs of a batch of
// programs of one length.
class DeviceBatch {
 public:
  DeviceBatch(const Input& in, Variant variant)
      : m_in(in),
        m_which(proof_order(in, variant)),
        m_shape(tree_shape(fib_rows(in.n))),
        m_stride(max_proof_bytes(m_shape, in.challenges)),
        m_rows(m_which.size() * rows() * kRowVectors),
        m_nodes(m_which.size() * m_shape.nodes * kNodeVectors),
        m_statements(m_which.size()),
        m_proofs(m_which.size() * m_stride),
        m_lengths(m_which.size()) {
    std::vector<kernels::Statement> statements(m_which.size());
    for (std::size_t p = 0; p < m_which.size(); ++p) {
      unsigned char* out = statements[p].bytes;
      std::memcpy(out, kTranscriptDomain, kDomainBytes);
      std::memcpy(out + kDomainBytes, in.program.hash().data(), 32);
      std::memcpy(out + kDomainBytes + 32, in.inputs[m_which[p]].data(), 8 * kRegisters);
    }
    HWBENCH_CUDA_CHECK(
        cudaMemcpy(m_statements.data(), statements.data(), m_statements.bytes(), cudaMemcpyHostToDevice));
  }

  std::size_t programs() const { return m_which.size(); }
  std::uint64_t rows() const { return m_shape.count[0]; }
  const std::vector<std::uint32_t>& which() const { return m_which; }
  uint4* rows_of(std::size_t program) const { return m_rows.data() + program * rows() * kRowVectors; }
  std::uint64_t stride() const { return m_stride; }
  Work work() const { return proof_work(m_in.n, programs(), m_in.challenges); }

  // Leaves and the first levels above them for rows [begin, end) of one program (begin a multiple of 512).
  void hash_rows(std::size_t program, std::uint64_t begin, std::uint64_t end, cudaStream_t s) const {
    const dim3 grid(groups(end - begin), 1);
    kernels::subtree_kernel<true><<<grid, kernels::kThreadsPerBlock, 0, s>>>(
        m_rows.data(), m_nodes.data(), m_shape, 0, begin / kernels::kNodesPerBlock,
        static_cast<unsigned>(program));
    HWBENCH_CUDA_CHECK_LAUNCH();
  }
  // The levels above the first pass, for `count` programs from `first`.
  void hash_upper(std::size_t first, std::size_t count, cudaStream_t s) const {
    for (unsigned level = kernels::kLevelsPerPass; level + 1 < m_shape.levels;
         level += kernels::kLevelsPerPass) {
      const dim3 grid(groups(m_shape.count[level]), static_cast<unsigned>(count));
      kernels::subtree_kernel<false><<<grid, kernels::kThreadsPerBlock, 0, s>>>(
          m_rows.data(), m_nodes.data(), m_shape, level, 0, static_cast<unsigned>(first));
      HWBENCH_CUDA_CHECK_LAUNCH();
    }
  }
  void commit_all(cudaStream_t s) const {
    const dim3 grid(groups(rows()), static_cast<unsigned>(programs()));
    kernels::subtree_kernel<true>
        <<<grid, kernels::kThreadsPerBlock, 0, s>>>(m_rows.data(), m_nodes.data(), m_shape, 0, 0, 0);
    HWBENCH_CUDA_CHECK_LAUNCH();
    hash_upper(0, programs(), s);
  }
  void open(cudaStream_t s) const {
    kernels::open_kernel<<<static_cast<unsigned>(programs()), kernels::kOpenThreads,
                           2 * m_in.challenges * sizeof(std::uint64_t), s>>>(
        m_rows.data(), m_nodes.data(), m_shape, m_statements.data(), m_in.challenges, m_proofs.data(),
        m_stride, m_lengths.data());
    HWBENCH_CUDA_CHECK_LAUNCH();
  }
  void download(unsigned char* proofs, std::uint64_t* lengths, cudaStream_t s) const {
    HWBENCH_CUDA_CHECK(cudaMemcpyAsync(proofs, m_proofs.data(), m_proofs.bytes(), cudaMemcpyDeviceToHost, s));
    HWBENCH_CUDA_CHECK(
        cudaMemcpyAsync(lengths, m_lengths.data(), m_lengths.bytes(), cudaMemcpyDeviceToHost, s));
  }

  // The proofs from host copies of the proof buffer and lengths.
  std::unique_ptr<Output> output(const unsigned char* proofs, const std::uint64_t* lengths) const {
    auto out = std::make_unique<Output>();
    out->which = m_which;
    out->proofs.resize(programs());
    for (std::size_t p = 0; p < programs(); ++p) {
      if (lengths[p] > m_stride) throw std::runtime_error("a device proof overran its buffer");
      const unsigned char* proof = proofs + p * m_stride;
      out->proofs[p].bytes.assign(reinterpret_cast<const std::byte*>(proof),
                                  reinterpret_cast<const std::byte*>(proof + lengths[p]));
      std::memcpy(out->proofs[p].output.data(), proof + 12 + 16,
                  8 * kRegisters);  // the final row's registers
    }
    return out;
  }

  nlohmann::json notes() const {
    return {{"programs", programs()},
            {"rows_per_program", rows()},
            {"tree_launches",
             std::max(1u, (m_shape.levels + kernels::kLevelsPerPass - 2) / kernels::kLevelsPerPass)},
            {"nodes_per_block", kernels::kNodesPerBlock},
            {"threads_per_block", kernels::kThreadsPerBlock},
            {"open", "one block per proof: Fiat-Shamir challenges and proof bytes on the device"}};
  }

 private:
  const Input& m_in;
  std::vector<std::uint32_t> m_which;
  TreeShape m_shape;
  std::uint64_t m_stride;
  cuda::DeviceBuffer<uint4> m_rows;
  cuda::DeviceBuffer<uint4> m_nodes;
  cuda::DeviceBuffer<kernels::Statement> m_statements;
  cuda::DeviceBuffer<unsigned char> m_proofs;
  cuda::DeviceBuffer<std::uint64_t> m_lengths;
};

// Runs one program on the host into `out` (capacity `rows`); calls chunk(begin, end) after each piece.
template <class OnChunk>
void execute_into(const Input& in, std::uint32_t input, Row* out, std::uint64_t rows, OnChunk&& chunk) {
  Machine machine(in.program, in.inputs[input]);
  std::uint64_t done = 0;
  while (!machine.halted() && done < rows) {
    const std::uint64_t begin = done;
    done += machine.run(out + done, std::min<std::uint64_t>(kChunkRows, rows - done));
    chunk(begin, done);
  }
  if (!machine.halted() || done != rows)
    throw std::runtime_error("the trace's length differs from fib_rows(n)");
}

class DeviceRunner final : public Runner {
 public:
  DeviceRunner(const Input& in, Variant variant) : m_batch(in, variant), m_timer(m_stream) {
    std::vector<Row> rows(m_batch.rows());
    for (std::size_t p = 0; p < m_batch.programs(); ++p) {
      execute_into(in, m_batch.which()[p], rows.data(), rows.size(), [](std::uint64_t, std::uint64_t) {});
      HWBENCH_CUDA_CHECK(
          cudaMemcpy(m_batch.rows_of(p), rows.data(), rows.size() * kRowBytes, cudaMemcpyHostToDevice));
    }
  }
  bool device_timed() const override { return true; }
  std::optional<Work> work() const override { return m_batch.work(); }
  std::optional<double> iterate() override {
    m_timer.start();
    m_batch.commit_all(m_stream);
    m_batch.open(m_stream);
    return m_timer.stop();
  }
  std::unique_ptr<CaseOutput> result() override {
    std::vector<unsigned char> proofs(m_batch.programs() * m_batch.stride());
    std::vector<std::uint64_t> lengths(m_batch.programs());
    m_batch.download(proofs.data(), lengths.data(), m_stream);
    m_stream.synchronize();
    return m_batch.output(proofs.data(), lengths.data());
  }
  nlohmann::json notes() const override { return m_batch.notes(); }

 private:
  DeviceBatch m_batch;
  cuda::Stream m_stream;
  cuda::EventTimer m_timer;
};

class EndToEndRunner final : public Runner {
 public:
  EndToEndRunner(const Input& in, Variant variant)
      : m_in(in),
        m_batch(in, variant),
        m_host_rows(m_batch.programs() * m_batch.rows()),
        m_host_proofs(m_batch.programs() * m_batch.stride()),
        m_host_lengths(m_batch.programs()) {}

  std::optional<Work> work() const override { return m_batch.work(); }

  // Program p+1 runs on the host while program p's rows are copied and hashed.
  std::optional<double> iterate() override {
    for (std::size_t p = 0; p < m_batch.programs(); ++p) {
      execute_into(m_in, m_batch.which()[p], rows_of(p), m_batch.rows(),
                   [&](std::uint64_t b, std::uint64_t e) {
                     upload(p, b, e);
                     m_batch.hash_rows(p, b, e, m_stream);
                   });
      m_batch.hash_upper(p, 1, m_stream);
    }
    m_batch.open(m_stream);
    m_batch.download(m_host_proofs.data(), m_host_lengths.data(), m_stream);
    m_stream.synchronize();
    return std::nullopt;
  }

  std::unique_ptr<CaseOutput> result() override {
    return m_batch.output(m_host_proofs.data(), m_host_lengths.data());
  }

  // Each stage alone: the host's execution, the rows' upload, the commitment, the openings with the download.
  std::vector<Phase> phases() override {
    const auto start = std::chrono::steady_clock::now();
    for (std::size_t p = 0; p < m_batch.programs(); ++p) {
      execute_into(m_in, m_batch.which()[p], rows_of(p), m_batch.rows(), [](std::uint64_t, std::uint64_t) {});
    }
    const double execute = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    cuda::Event marks[4];
    marks[0].record(m_stream);
    for (std::size_t p = 0; p < m_batch.programs(); ++p) upload(p, 0, m_batch.rows());
    marks[1].record(m_stream);
    m_batch.commit_all(m_stream);
    marks[2].record(m_stream);
    m_batch.open(m_stream);
    m_batch.download(m_host_proofs.data(), m_host_lengths.data(), m_stream);
    marks[3].record(m_stream);
    return {{"execute", execute},
            {"h2d", cuda::elapsed_seconds(marks[0], marks[1])},
            {"commit", cuda::elapsed_seconds(marks[1], marks[2])},
            {"open_d2h", cuda::elapsed_seconds(marks[2], marks[3])}};
  }

  nlohmann::json notes() const override {
    auto j = m_batch.notes();
    j["chunk_rows"] = kChunkRows;
    j["timing"] = "host clock: the VM runs on the host";
    return j;
  }

 private:
  Row* rows_of(std::size_t p) const { return m_host_rows.data() + p * m_batch.rows(); }
  void upload(std::size_t p, std::uint64_t begin, std::uint64_t end) {
    HWBENCH_CUDA_CHECK(cudaMemcpyAsync(m_batch.rows_of(p) + begin * kRowVectors, rows_of(p) + begin,
                                       (end - begin) * kRowBytes, cudaMemcpyHostToDevice, m_stream));
  }

  const Input& m_in;
  DeviceBatch m_batch;
  cuda::Stream m_stream;
  cuda::PinnedBuffer<Row> m_host_rows;
  cuda::PinnedBuffer<unsigned char> m_host_proofs;
  cuda::PinnedBuffer<std::uint64_t> m_host_lengths;
};

const Registration registration{[] {
  for (Variant variant : {Variant::single, Variant::batch}) {
    Registry::instance().add_implementation(
        {"trace", "cuda", std::string(to_string(variant)),
         variant == Variant::single ? "one program; leaves, tree and openings on the GPU"
                                    : "a batch; every launch covers all programs' trees",
         cuda::resident_or_end_to_end<DeviceRunner, EndToEndRunner, Input>(variant)});
  }
}};

}  // namespace
}  // namespace hwbench::trace
