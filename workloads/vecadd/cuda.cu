// vecadd on the CUDA backend. Device-resident: a and b drawn on the GPU by cuRAND's device
// generator (the same sequence the CPU got from its host generator). End-to-end: a and b from
// pinned host memory, chunked over streams.
#include <cstring>

#include "backends/cuda/backend.hpp"
#include "backends/cuda/error.hpp"
#include "backends/cuda/memory.hpp"
#include "backends/cuda/pipeline.hpp"
#include "backends/cuda/runner_factory.hpp"
#include "backends/cuda/stream.hpp"
#include "core/registry.hpp"
#include "workloads/vecadd/kernels.cuh"
#include "workloads/vecadd/workload.hpp"

namespace hwbench::vecadd {
namespace {

unsigned grid_size() {
  const auto* backend = cuda::registered_backend();
  return static_cast<unsigned>(backend->device().sm_count) * kernels::kBlocksPerSm;
}

void launch_add(const float* a, const float* b, float* c, std::size_t n, unsigned grid, cudaStream_t stream) {
  if (n == 0) return;
  kernels::add_kernel<<<grid, kernels::kThreadsPerBlock, 0, stream>>>(a, b, c, n);
  HWBENCH_CUDA_CHECK_LAUNCH();
}

class DeviceRunner final : public Runner {
 public:
  explicit DeviceRunner(const Input& in)
      : m_in(in), m_a(in.count), m_b(in.count), m_c(in.count), m_grid(grid_size()), m_timer(m_stream) {
    fill_uniform_on_device(vector_seed(in.seed, 0), m_a.data(), in.count);
    fill_uniform_on_device(vector_seed(in.seed, 1), m_b.data(), in.count);
  }
  bool device_timed() const override { return true; }
  std::optional<double> iterate() override {
    m_timer.start();
    launch_add(m_a.data(), m_b.data(), m_c.data(), m_in.count, m_grid, m_stream);
    return m_timer.stop();
  }
  std::unique_ptr<CaseOutput> result() override {
    auto out = std::make_unique<Output>();
    out->c.resize(m_in.count);
    HWBENCH_CUDA_CHECK(cudaMemcpy(out->c.data(), m_c.data(), m_c.bytes(), cudaMemcpyDeviceToHost));
    return out;
  }
  nlohmann::json notes() const override {
    return {{"inputs", "cuRAND device generator"},
            {"grid", m_grid},
            {"threads_per_block", kernels::kThreadsPerBlock}};
  }

 private:
  const Input& m_in;
  cuda::DeviceBuffer<float> m_a, m_b, m_c;
  unsigned m_grid;
  cuda::Stream m_stream;
  cuda::EventTimer m_timer;
};

class EndToEndRunner final : public Runner {
 public:
  explicit EndToEndRunner(const Input& in)
      : m_in(in),
        m_host_a(in.count),
        m_host_b(in.count),
        m_host_c(in.count),
        m_a(in.count),
        m_b(in.count),
        m_c(in.count),
        m_grid(grid_size()),
        m_pipeline(in.count, cuda::ChunkedPipeline::choose_chunk(in.count, 2 * sizeof(float))) {
    std::memcpy(m_host_a.data(), in.a.data(), in.count * sizeof(float));
    std::memcpy(m_host_b.data(), in.b.data(), in.count * sizeof(float));
    m_stages.upload = [this](std::size_t b, std::size_t e, cudaStream_t s) {
      const std::size_t bytes = (e - b) * sizeof(float);
      HWBENCH_CUDA_CHECK(
          cudaMemcpyAsync(m_a.data() + b, m_host_a.data() + b, bytes, cudaMemcpyHostToDevice, s));
      HWBENCH_CUDA_CHECK(
          cudaMemcpyAsync(m_b.data() + b, m_host_b.data() + b, bytes, cudaMemcpyHostToDevice, s));
    };
    m_stages.compute = [this](std::size_t b, std::size_t e, cudaStream_t s) {
      launch_add(m_a.data() + b, m_b.data() + b, m_c.data() + b, e - b, m_grid, s);
    };
    m_stages.download = [this](std::size_t b, std::size_t e, cudaStream_t s) {
      HWBENCH_CUDA_CHECK(cudaMemcpyAsync(m_host_c.data() + b, m_c.data() + b, (e - b) * sizeof(float),
                                         cudaMemcpyDeviceToHost, s));
    };
  }
  bool device_timed() const override { return true; }
  std::optional<double> iterate() override { return m_pipeline.run(m_stages); }
  std::unique_ptr<CaseOutput> result() override {
    auto out = std::make_unique<Output>();
    out->c.assign(m_host_c.data(), m_host_c.data() + m_in.count);
    return out;
  }
  std::vector<Phase> phases() override { return m_pipeline.phases(m_stages); }
  nlohmann::json notes() const override { return m_pipeline.notes(); }

 private:
  const Input& m_in;
  cuda::PinnedBuffer<float> m_host_a, m_host_b, m_host_c;
  cuda::DeviceBuffer<float> m_a, m_b, m_c;
  unsigned m_grid;
  cuda::ChunkedPipeline m_pipeline;
  cuda::E2eStages m_stages;
};

const Registration registration{[] {
  Registry::instance().add_implementation(
      {"vecadd", "cuda", "default", "grid-stride 16-byte streaming loads and stores",
       cuda::resident_or_end_to_end<DeviceRunner, EndToEndRunner, Input>()});
}};

}  // namespace
}  // namespace hwbench::vecadd
