// sha256 on the CUDA backend: device-resident and end-to-end (chunked over streams) runners.
#include <cstring>

#include "backends/cuda/error.hpp"
#include "backends/cuda/launch.hpp"
#include "backends/cuda/memory.hpp"
#include "backends/cuda/pipeline.hpp"
#include "backends/cuda/runner_factory.hpp"
#include "backends/cuda/stream.hpp"
#include "core/registry.hpp"
#include "workloads/sha256/kernels.cuh"
#include "workloads/sha256/workload.hpp"

namespace hwbench::sha256 {
namespace {

// Hashes messages [begin, end) already on the device.
void launch_hash(const std::byte* messages, std::size_t length, std::size_t begin, std::size_t end,
                 std::byte* digests, cudaStream_t stream) {
  const std::size_t n = end - begin;
  if (n == 0) return;
  const unsigned blocks = cuda::blocks_for(n, kernels::kThreadsPerBlock);
  if (length == 64) {
    kernels::hash64_kernel<<<blocks, kernels::kThreadsPerBlock, 0, stream>>>(
        reinterpret_cast<const uint4*>(messages + begin * 64), reinterpret_cast<uint4*>(digests + begin * 32),
        n);
  } else {
    kernels::hash_kernel<<<blocks, kernels::kThreadsPerBlock, 0, stream>>>(
        reinterpret_cast<const unsigned char*>(messages + begin * length), length, n,
        reinterpret_cast<unsigned char*>(digests + begin * 32));
  }
  HWBENCH_CUDA_CHECK_LAUNCH();
}

class DeviceRunner final : public Runner {
 public:
  explicit DeviceRunner(const Input& in)
      : m_in(in), m_messages(in.messages.size()), m_digests(in.count * kDigestBytes), m_timer(m_stream) {
    HWBENCH_CUDA_CHECK(
        cudaMemcpy(m_messages.data(), in.messages.data(), in.messages.size(), cudaMemcpyHostToDevice));
  }
  bool device_timed() const override { return true; }
  std::optional<double> iterate() override {
    m_timer.start();
    launch_hash(m_messages.data(), m_in.msg_bytes, 0, m_in.count, m_digests.data(), m_stream);
    return m_timer.stop();
  }
  std::unique_ptr<CaseOutput> result() override {
    auto out = std::make_unique<Output>();
    out->digests.resize(m_digests.size());
    HWBENCH_CUDA_CHECK(
        cudaMemcpy(out->digests.data(), m_digests.data(), m_digests.bytes(), cudaMemcpyDeviceToHost));
    return out;
  }
  nlohmann::json notes() const override {
    return {{"kernel", m_in.msg_bytes == 64 ? "hash64 (16-byte loads)" : "hash (any length)"},
            {"threads_per_block", kernels::kThreadsPerBlock}};
  }

 private:
  const Input& m_in;
  cuda::Stream m_stream;
  cuda::DeviceBuffer<std::byte> m_messages;
  cuda::DeviceBuffer<std::byte> m_digests;
  cuda::EventTimer m_timer;
};

class EndToEndRunner final : public Runner {
 public:
  explicit EndToEndRunner(const Input& in)
      : m_host_messages(in.messages.size()),
        m_host_digests(in.count * kDigestBytes),
        m_messages(in.messages.size()),
        m_digests(in.count * kDigestBytes),
        m_pipeline(in.count, cuda::ChunkedPipeline::choose_chunk(in.count, in.msg_bytes)) {
    std::memcpy(m_host_messages.data(), in.messages.data(), in.messages.size());
    const std::size_t length = in.msg_bytes;
    m_stages.upload = [this, length](std::size_t b, std::size_t e, cudaStream_t s) {
      HWBENCH_CUDA_CHECK(cudaMemcpyAsync(m_messages.data() + b * length, m_host_messages.data() + b * length,
                                         (e - b) * length, cudaMemcpyHostToDevice, s));
    };
    m_stages.compute = [this, length](std::size_t b, std::size_t e, cudaStream_t s) {
      launch_hash(m_messages.data(), length, b, e, m_digests.data(), s);
    };
    m_stages.download = [this](std::size_t b, std::size_t e, cudaStream_t s) {
      HWBENCH_CUDA_CHECK(cudaMemcpyAsync(m_host_digests.data() + b * kDigestBytes,
                                         m_digests.data() + b * kDigestBytes, (e - b) * kDigestBytes,
                                         cudaMemcpyDeviceToHost, s));
    };
  }
  bool device_timed() const override { return true; }
  std::optional<double> iterate() override { return m_pipeline.run(m_stages); }
  std::unique_ptr<CaseOutput> result() override {
    auto out = std::make_unique<Output>();
    out->digests.assign(m_host_digests.data(), m_host_digests.data() + m_host_digests.size());
    return out;
  }
  std::vector<Phase> phases() override { return m_pipeline.phases(m_stages); }
  nlohmann::json notes() const override { return m_pipeline.notes(); }

 private:
  cuda::PinnedBuffer<std::byte> m_host_messages;
  cuda::PinnedBuffer<std::byte> m_host_digests;
  cuda::DeviceBuffer<std::byte> m_messages;
  cuda::DeviceBuffer<std::byte> m_digests;
  cuda::ChunkedPipeline m_pipeline;
  cuda::E2eStages m_stages;
};

const Registration registration{[] {
  Registry::instance().add_implementation(
      {"sha256", "cuda", "native", "one message per thread; 64-byte messages with 16-byte loads",
       cuda::resident_or_end_to_end<DeviceRunner, EndToEndRunner, Input>()});
}};

}  // namespace
}  // namespace hwbench::sha256
