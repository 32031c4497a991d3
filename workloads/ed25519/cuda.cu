// ed25519 on the CUDA backend: device-resident and end-to-end (chunked over streams) runners.
#include <cstring>

#include "backends/cuda/error.hpp"
#include "backends/cuda/launch.hpp"
#include "backends/cuda/memory.hpp"
#include "backends/cuda/pipeline.hpp"
#include "backends/cuda/runner_factory.hpp"
#include "backends/cuda/stream.hpp"
#include "core/registry.hpp"
#include "workloads/ed25519/kernels.cuh"
#include "workloads/ed25519/workload.hpp"

namespace hwbench::ed25519 {
namespace {

// Device copies of the batch and the table of B's multiples.
struct DeviceBatch {
  explicit DeviceBatch(const Input& in)
      : keys(in.keys.size()),
        messages(in.messages.size()),
        signatures(in.signatures.size()),
        verdicts(in.count),
        base_multiples(kTableSize) {
    AffineCached table[kTableSize];
    base_table(table);
    HWBENCH_CUDA_CHECK(cudaMemcpy(base_multiples.data(), table, sizeof(table), cudaMemcpyHostToDevice));
  }

  void launch(const Input& in, std::size_t begin, std::size_t end, cudaStream_t stream) {
    if (begin == end) return;
    kernels::verify_kernel<<<cuda::blocks_for(end - begin, kernels::kThreadsPerBlock),
                             kernels::kThreadsPerBlock, 0, stream>>>(
        reinterpret_cast<const uint4*>(keys.data()), messages.data(), in.msg_bytes,
        reinterpret_cast<const uint4*>(signatures.data()), begin, end, base_multiples.data(),
        verdicts.data());
    HWBENCH_CUDA_CHECK_LAUNCH();
  }

  void upload(const Input& in, const std::uint8_t* host_keys, const std::uint8_t* host_messages,
              const std::uint8_t* host_signatures, std::size_t begin, std::size_t end, cudaStream_t stream) {
    HWBENCH_CUDA_CHECK(cudaMemcpyAsync(keys.data() + begin * kKeyBytes, host_keys + begin * kKeyBytes,
                                       (end - begin) * kKeyBytes, cudaMemcpyHostToDevice, stream));
    if (in.msg_bytes > 0) {
      HWBENCH_CUDA_CHECK(cudaMemcpyAsync(messages.data() + begin * in.msg_bytes,
                                         host_messages + begin * in.msg_bytes, (end - begin) * in.msg_bytes,
                                         cudaMemcpyHostToDevice, stream));
    }
    HWBENCH_CUDA_CHECK(cudaMemcpyAsync(signatures.data() + begin * kSignatureBytes,
                                       host_signatures + begin * kSignatureBytes,
                                       (end - begin) * kSignatureBytes, cudaMemcpyHostToDevice, stream));
  }

  cuda::DeviceBuffer<std::uint8_t> keys;
  cuda::DeviceBuffer<std::uint8_t> messages;
  cuda::DeviceBuffer<std::uint8_t> signatures;
  cuda::DeviceBuffer<std::uint8_t> verdicts;
  cuda::DeviceBuffer<AffineCached> base_multiples;
};

nlohmann::json launch_notes() {
  return {{"kernel", "one thread per signature"},
          {"threads_per_block", kernels::kThreadsPerBlock},
          {"window_bits", kWindow}};
}

class DeviceRunner final : public Runner {
 public:
  explicit DeviceRunner(const Input& in) : m_in(in), m_batch(in), m_timer(m_stream) {
    m_batch.upload(in, in.keys.data(), in.messages.data(), in.signatures.data(), 0, in.count, m_stream);
    m_stream.synchronize();
  }
  bool device_timed() const override { return true; }
  std::optional<double> iterate() override {
    m_timer.start();
    m_batch.launch(m_in, 0, m_in.count, m_stream);
    return m_timer.stop();
  }
  std::unique_ptr<CaseOutput> result() override {
    auto out = std::make_unique<Output>();
    out->accepted.resize(m_in.count);
    HWBENCH_CUDA_CHECK(
        cudaMemcpy(out->accepted.data(), m_batch.verdicts.data(), m_in.count, cudaMemcpyDeviceToHost));
    return out;
  }
  nlohmann::json notes() const override { return launch_notes(); }

 private:
  const Input& m_in;
  cuda::Stream m_stream;
  DeviceBatch m_batch;
  cuda::EventTimer m_timer;
};

class EndToEndRunner final : public Runner {
 public:
  explicit EndToEndRunner(const Input& in)
      : m_in(in),
        m_batch(in),
        m_keys(in.keys.size()),
        m_messages(in.messages.size()),
        m_signatures(in.signatures.size()),
        m_verdicts(in.count),
        m_pipeline(in.count, cuda::ChunkedPipeline::choose_chunk(
                                 in.count, kKeyBytes + kSignatureBytes + in.msg_bytes)) {
    std::memcpy(m_keys.data(), in.keys.data(), in.keys.size());
    std::memcpy(m_messages.data(), in.messages.data(), in.messages.size());
    std::memcpy(m_signatures.data(), in.signatures.data(), in.signatures.size());
    m_stages.upload = [this](std::size_t b, std::size_t e, cudaStream_t s) {
      m_batch.upload(m_in, m_keys.data(), m_messages.data(), m_signatures.data(), b, e, s);
    };
    m_stages.compute = [this](std::size_t b, std::size_t e, cudaStream_t s) {
      m_batch.launch(m_in, b, e, s);
    };
    m_stages.download = [this](std::size_t b, std::size_t e, cudaStream_t s) {
      HWBENCH_CUDA_CHECK(cudaMemcpyAsync(m_verdicts.data() + b, m_batch.verdicts.data() + b, e - b,
                                         cudaMemcpyDeviceToHost, s));
    };
  }
  bool device_timed() const override { return true; }
  std::optional<double> iterate() override { return m_pipeline.run(m_stages); }
  std::unique_ptr<CaseOutput> result() override {
    auto out = std::make_unique<Output>();
    out->accepted.assign(m_verdicts.data(), m_verdicts.data() + m_verdicts.size());
    return out;
  }
  std::vector<Phase> phases() override { return m_pipeline.phases(m_stages); }
  nlohmann::json notes() const override {
    auto notes = m_pipeline.notes();
    notes.update(launch_notes());
    return notes;
  }

 private:
  const Input& m_in;
  DeviceBatch m_batch;
  cuda::PinnedBuffer<std::uint8_t> m_keys;
  cuda::PinnedBuffer<std::uint8_t> m_messages;
  cuda::PinnedBuffer<std::uint8_t> m_signatures;
  cuda::PinnedBuffer<std::uint8_t> m_verdicts;
  cuda::ChunkedPipeline m_pipeline;
  cuda::E2eStages m_stages;
};

const Registration registration{[] {
  Registry::instance().add_implementation(
      {"ed25519", "cuda", "native",
       "whole verification on the device, one thread per signature: SHA-512, decoding, [S]B - [k]A, 5-bit "
       "windows",
       cuda::resident_or_end_to_end<DeviceRunner, EndToEndRunner, Input>()});
}};

}  // namespace
}  // namespace hwbench::ed25519
