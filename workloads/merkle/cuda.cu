// merkle on the CUDA backend. Device-resident: leaves on the GPU, a few block-reduction launches.
// End-to-end: leaves uploaded in power-of-two chunks over several streams, each chunk reduced to its
// subtree root as soon as it lands, then the roots reduced and the 32-byte root copied back.
#include <bit>
#include <cstring>

#include "backends/cuda/error.hpp"
#include "backends/cuda/launch.hpp"
#include "backends/cuda/memory.hpp"
#include "backends/cuda/pipeline.hpp"
#include "backends/cuda/runner_factory.hpp"
#include "backends/cuda/stream.hpp"
#include "core/registry.hpp"
#include "workloads/merkle/kernels.cuh"
#include "workloads/merkle/workload.hpp"

namespace hwbench::merkle {
namespace {

constexpr std::size_t kUint4PerNode = kNodeBytes / sizeof(uint4);

std::size_t ceil_div(std::size_t a, std::size_t b) { return (a + b - 1) / b; }

// Scratch for reducing up to m nodes, `copies` times at once (one per concurrent chunk): level
// outputs alternate between an odd and an even buffer.
class Scratch {
 public:
  explicit Scratch(std::size_t m, std::size_t copies = 1)
      : m_odd_stride(ceil_div(m, kernels::kNodesPerBlock) * kUint4PerNode),
        m_even_stride((ceil_div(m, std::size_t{kernels::kNodesPerBlock} * kernels::kNodesPerBlock) + 1) *
                      kUint4PerNode),
        m_odd(m_odd_stride * copies),
        m_even(m_even_stride * copies) {}
  uint4* odd(std::size_t copy = 0) const { return m_odd.data() + copy * m_odd_stride; }
  uint4* even(std::size_t copy = 0) const { return m_even.data() + copy * m_even_stride; }

 private:
  std::size_t m_odd_stride;
  std::size_t m_even_stride;
  cuda::DeviceBuffer<uint4> m_odd;
  cuda::DeviceBuffer<uint4> m_even;
};

// Reduces m device nodes to one, written to `root`; `odd`/`even` hold the intermediate levels.
void reduce_to_root(const uint4* nodes, std::size_t m, uint4* odd, uint4* even, uint4* root,
                    cudaStream_t stream) {
  if (m == 1) {
    HWBENCH_CUDA_CHECK(cudaMemcpyAsync(root, nodes, kNodeBytes, cudaMemcpyDeviceToDevice, stream));
    return;
  }
  const uint4* in = nodes;
  for (int level = 0; m > 1; ++level) {
    const std::size_t blocks = ceil_div(m, kernels::kNodesPerBlock);
    uint4* out = blocks == 1 ? root : (level % 2 == 0 ? odd : even);
    kernels::reduce_kernel<<<static_cast<unsigned>(blocks), kernels::kThreadsPerBlock, 0, stream>>>(in, m,
                                                                                                    out);
    HWBENCH_CUDA_CHECK_LAUNCH();
    in = out;
    m = blocks;
  }
}

class DeviceRunner final : public Runner {
 public:
  explicit DeviceRunner(const Input& in)
      : m_in(in),
        m_leaves(in.count * kUint4PerNode),
        m_scratch(in.count),
        m_root(kUint4PerNode),
        m_timer(m_stream) {
    HWBENCH_CUDA_CHECK(
        cudaMemcpy(m_leaves.data(), in.leaves.data(), in.leaves.size(), cudaMemcpyHostToDevice));
  }
  bool device_timed() const override { return true; }
  std::optional<double> iterate() override {
    m_timer.start();
    reduce_to_root(m_leaves.data(), m_in.count, m_scratch.odd(), m_scratch.even(), m_root.data(), m_stream);
    return m_timer.stop();
  }
  std::unique_ptr<CaseOutput> result() override {
    auto out = std::make_unique<Output>();
    out->root.resize(kNodeBytes);
    HWBENCH_CUDA_CHECK(cudaMemcpy(out->root.data(), m_root.data(), kNodeBytes, cudaMemcpyDeviceToHost));
    return out;
  }
  nlohmann::json notes() const override {
    return {{"kernel", "block reduction of 512-node subtrees in shared memory"},
            {"threads_per_block", kernels::kThreadsPerBlock}};
  }

 private:
  const Input& m_in;
  cuda::Stream m_stream;
  cuda::DeviceBuffer<uint4> m_leaves;
  Scratch m_scratch;
  cuda::DeviceBuffer<uint4> m_root;
  cuda::EventTimer m_timer;
};

class EndToEndRunner final : public Runner {
 public:
  explicit EndToEndRunner(const Input& in)
      : m_chunk(cuda::ChunkedPipeline::choose_chunk(in.count, kNodeBytes, /*power_of_two=*/true)),
        m_chunks(ceil_div(in.count, m_chunk)),
        m_host_leaves(in.leaves.size()),
        m_host_root(kNodeBytes),
        m_leaves(in.count * kUint4PerNode),
        m_chunk_scratch(m_chunk, m_chunks),
        m_chunk_roots(m_chunks * kUint4PerNode),
        m_top_scratch(m_chunks),
        m_root(kUint4PerNode),
        m_pipeline(in.count, m_chunk) {
    std::memcpy(m_host_leaves.data(), in.leaves.data(), in.leaves.size());
    m_stages.upload = [this](std::size_t b, std::size_t e, cudaStream_t s) {
      HWBENCH_CUDA_CHECK(cudaMemcpyAsync(m_leaves.data() + b * kUint4PerNode,
                                         m_host_leaves.data() + b * kNodeBytes, (e - b) * kNodeBytes,
                                         cudaMemcpyHostToDevice, s));
    };
    // Each chunk has its own scratch: chunks on different streams run at once.
    m_stages.compute = [this](std::size_t b, std::size_t e, cudaStream_t s) {
      const std::size_t c = b / m_chunk;
      reduce_to_root(m_leaves.data() + b * kUint4PerNode, e - b, m_chunk_scratch.odd(c),
                     m_chunk_scratch.even(c), m_chunk_roots.data() + c * kUint4PerNode, s);
    };
    m_stages.finish = [this](cudaStream_t s) {
      reduce_to_root(m_chunk_roots.data(), m_chunks, m_top_scratch.odd(), m_top_scratch.even(), m_root.data(),
                     s);
      HWBENCH_CUDA_CHECK(
          cudaMemcpyAsync(m_host_root.data(), m_root.data(), kNodeBytes, cudaMemcpyDeviceToHost, s));
    };
  }
  bool device_timed() const override { return true; }
  std::optional<double> iterate() override { return m_pipeline.run(m_stages); }
  std::unique_ptr<CaseOutput> result() override {
    auto out = std::make_unique<Output>();
    out->root.assign(m_host_root.data(), m_host_root.data() + kNodeBytes);
    return out;
  }
  std::vector<Phase> phases() override { return m_pipeline.phases(m_stages); }
  nlohmann::json notes() const override { return m_pipeline.notes(); }

 private:
  std::size_t m_chunk;
  std::size_t m_chunks;
  cuda::PinnedBuffer<std::byte> m_host_leaves;
  cuda::PinnedBuffer<std::byte> m_host_root;
  cuda::DeviceBuffer<uint4> m_leaves;
  Scratch m_chunk_scratch;
  cuda::DeviceBuffer<uint4> m_chunk_roots;
  Scratch m_top_scratch;
  cuda::DeviceBuffer<uint4> m_root;
  cuda::ChunkedPipeline m_pipeline;
  cuda::E2eStages m_stages;
};

const Registration registration{[] {
  Registry::instance().add_implementation(
      {"merkle", "cuda", "native", "512-node subtrees per block in shared memory",
       cuda::resident_or_end_to_end<DeviceRunner, EndToEndRunner, Input>()});
}};

}  // namespace
}  // namespace hwbench::merkle
