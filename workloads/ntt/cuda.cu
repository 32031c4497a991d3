// ntt on the CUDA backend: the four-step transform. n = n1 * n2 is seen as n1 columns of n2
// elements (x[j1 + n1 j2]); pass 1 transforms each column in shared memory and multiplies its output
// k2 by w^(j1 k2) (the inverse's 1/n folded into that table), pass 2 transforms each row of n1 and
// writes X[k2 + n2 k1]. Two passes over device memory for every size up to 2^24 (sub-transforms of
// at most 2^12); sizes up to 2^6 run as one sub-transform.
#include <algorithm>
#include <string>
#include <vector>

#include "backends/cuda/error.hpp"
#include "backends/cuda/memory.hpp"
#include "backends/cuda/runner_factory.hpp"
#include "backends/cuda/stream.hpp"
#include "core/registry.hpp"
#include "workloads/ntt/kernels.cuh"
#include "workloads/ntt/workload.hpp"

namespace hwbench::ntt {
namespace {

using DeviceFr = kernels::Fr;
static_assert(sizeof(DeviceFr) == sizeof(Fr));

constexpr unsigned kSinglePassMaxLog = 6;

cuda::DeviceBuffer<DeviceFr> upload(const std::vector<Fr>& values) {
  cuda::DeviceBuffer<DeviceFr> out(values.size());
  HWBENCH_CUDA_CHECK(
      cudaMemcpy(out.data(), values.data(), values.size() * sizeof(Fr), cudaMemcpyHostToDevice));
  return out;
}

kernels::PassShape shape_for(unsigned log_m, std::size_t count) {
  kernels::PassShape shape;
  shape.log_m = log_m;
  shape.per_block = std::max(1u, kernels::kMinBlockElements >> log_m);
  shape.count = count;
  return shape;
}

template <bool kPost>
void launch(const DeviceFr* in, DeviceFr* out, const kernels::PassShape& shape, const DeviceFr* twiddles,
            const DeviceFr* post, cudaStream_t stream) {
  const std::size_t shared =
      std::size_t{2} * shape.per_block * (std::size_t{1} << shape.log_m) * sizeof(uint4);
  const auto blocks = static_cast<unsigned>((shape.count + shape.per_block - 1) / shape.per_block);
  const unsigned elements = shape.per_block << shape.log_m;
  const unsigned threads =
      std::min(elements / 2, std::clamp(elements / 4, kernels::kMinThreads, kernels::kMaxThreads));
  kernels::pass_kernel<kPost><<<blocks, threads, shared, stream>>>(in, out, shape, twiddles, post);
  HWBENCH_CUDA_CHECK_LAUNCH();
}

// The device transform of one size and direction: twiddle tables made once, then run() as often as
// wanted on device buffers.
class GpuNtt {
 public:
  GpuNtt(std::size_t n, Direction direction) : m_domain(n), m_direction(direction) {
    for (auto kernel : {kernels::pass_kernel<true>, kernels::pass_kernel<false>}) {
      HWBENCH_CUDA_CHECK(cudaFuncSetAttribute(kernel, cudaFuncAttributeMaxDynamicSharedMemorySize,
                                              int(2 * sizeof(uint4) << kernels::kMaxLogSub)));
    }
    const unsigned log_n = m_domain.log_size;
    if (log_n <= kSinglePassMaxLog) {
      m_log_n2 = log_n;
    } else {
      m_log_n2 = (log_n + 1) / 2;
      m_log_n1 = log_n - m_log_n2;
    }
    m_twiddles2 = upload(stage_twiddles(Domain(std::size_t{1} << m_log_n2), direction, serial_executor()));
    if (m_log_n1 > 0) {
      m_twiddles1 = upload(stage_twiddles(Domain(std::size_t{1} << m_log_n1), direction, serial_executor()));
      auto post = powers(m_domain.root(direction), n, serial_executor());
      if (direction == Direction::inverse) scale(post, m_domain.size_inv, serial_executor());
      m_post = upload(post);
      m_scratch = cuda::DeviceBuffer<DeviceFr>(n);
    } else if (direction == Direction::inverse) {
      m_post = upload({m_domain.size_inv});
    }
  }

  // out = transform(in); in and out distinct.
  void run(const DeviceFr* in, DeviceFr* out, cudaStream_t stream) const {
    const std::size_t n = m_domain.size;
    if (m_log_n1 == 0) {
      auto shape = shape_for(m_log_n2, 1);
      shape.in_t = shape.out_t = 1;
      if (m_direction == Direction::inverse) {
        launch<true>(in, out, shape, m_twiddles2.data(), m_post.data(), stream);
      } else {
        launch<false>(in, out, shape, m_twiddles2.data(), nullptr, stream);
      }
      return;
    }
    const std::size_t n1 = std::size_t{1} << m_log_n1;
    const std::size_t n2 = std::size_t{1} << m_log_n2;
    auto columns = shape_for(m_log_n2, n1);
    columns.in_s = 1;
    columns.in_t = n1;
    columns.out_s = 1;
    columns.out_t = n1;
    columns.post_mask = n - 1;
    launch<true>(in, m_scratch.data(), columns, m_twiddles2.data(), m_post.data(), stream);
    auto rows = shape_for(m_log_n1, n2);
    rows.in_s = n1;
    rows.in_t = 1;
    rows.out_s = 1;
    rows.out_t = n2;
    launch<false>(m_scratch.data(), out, rows, m_twiddles1.data(), nullptr, stream);
  }

  nlohmann::json notes() const {
    nlohmann::json notes = {
        {"twiddles", "precomputed at set-up (stage tables per sub-size, n-entry pass-1 table)"},
        {"threads_per_block", "a quarter of the block's elements, 256 to 1024"},
        {"field_multiplication", "8 x 32-bit Montgomery CIOS, PTX carry chains"}};
    if (m_log_n1 == 0) {
      notes["algorithm"] = "one radix-2 transform in shared memory";
    } else {
      notes["algorithm"] =
          "four-step: column transforms with twiddles, then row transforms, radix-2 in shared memory";
      notes["split"] = "2^" + std::to_string(m_log_n1) + " x 2^" + std::to_string(m_log_n2);
    }
    return notes;
  }

 private:
  Domain m_domain;
  Direction m_direction;
  unsigned m_log_n1 = 0;  // 0: one pass
  unsigned m_log_n2 = 0;
  cuda::DeviceBuffer<DeviceFr> m_twiddles1;
  cuda::DeviceBuffer<DeviceFr> m_twiddles2;
  cuda::DeviceBuffer<DeviceFr> m_post;
  cuda::DeviceBuffer<DeviceFr> m_scratch;
};

template <Direction kDirection, bool kEndToEnd>
class NttRunner final : public Runner {
 public:
  explicit NttRunner(const Input& in)
      : m_n(in.count),
        m_ntt(in.count, kDirection),
        m_in(in.count),
        m_out(in.count),
        m_host_in(kEndToEnd ? in.count : 0),
        m_host_out(kEndToEnd ? in.count : 0),
        m_timer(m_stream) {
    if (kEndToEnd) {
      std::copy(in.values.begin(), in.values.end(), m_host_in.data());
    } else {
      HWBENCH_CUDA_CHECK(cudaMemcpy(m_in.data(), in.values.data(), m_n * sizeof(Fr), cudaMemcpyHostToDevice));
    }
  }
  bool device_timed() const override { return true; }
  std::optional<double> iterate() override {
    m_timer.start();
    enqueue(nullptr);
    return m_timer.stop();
  }
  std::unique_ptr<CaseOutput> result() override {
    auto out = std::make_unique<Output>();
    auto& values = kDirection == Direction::forward ? out->forward : out->inverse;
    values.resize(m_n);
    if (kEndToEnd) {
      std::copy(m_host_out.data(), m_host_out.data() + m_n, values.begin());
    } else {
      HWBENCH_CUDA_CHECK(cudaMemcpy(values.data(), m_out.data(), m_n * sizeof(Fr), cudaMemcpyDeviceToHost));
    }
    return out;
  }
  // Each stage alone, between event marks; the names the session reads for the copy rate.
  std::vector<Phase> phases() override {
    if (!kEndToEnd) return {};
    cuda::Event marks[4];
    enqueue(marks);
    return {{"h2d", cuda::elapsed_seconds(marks[0], marks[1])},
            {"kernel", cuda::elapsed_seconds(marks[1], marks[2])},
            {"d2h", cuda::elapsed_seconds(marks[2], marks[3])}};
  }
  nlohmann::json notes() const override {
    auto notes = m_ntt.notes();
    if (kEndToEnd) notes["e2e"] = "copy in from pinned host memory, transform, copy out; one stream";
    return notes;
  }

 private:
  // One iteration's work on the stream (with the copies end to end); `marks`, when given, is recorded
  // before, between and after the stages.
  void enqueue(cuda::Event* marks) {
    if (marks != nullptr) marks[0].record(m_stream);
    if (kEndToEnd) {
      HWBENCH_CUDA_CHECK(
          cudaMemcpyAsync(m_in.data(), m_host_in.data(), m_n * sizeof(Fr), cudaMemcpyHostToDevice, m_stream));
    }
    if (marks != nullptr) marks[1].record(m_stream);
    m_ntt.run(m_in.data(), m_out.data(), m_stream);
    if (marks != nullptr) marks[2].record(m_stream);
    if (kEndToEnd) {
      HWBENCH_CUDA_CHECK(cudaMemcpyAsync(m_host_out.data(), m_out.data(), m_n * sizeof(Fr),
                                         cudaMemcpyDeviceToHost, m_stream));
    }
    if (marks != nullptr) marks[3].record(m_stream);
  }

  std::size_t m_n;
  cuda::Stream m_stream;
  GpuNtt m_ntt;
  cuda::DeviceBuffer<DeviceFr> m_in;
  cuda::DeviceBuffer<DeviceFr> m_out;
  cuda::PinnedBuffer<Fr> m_host_in;
  cuda::PinnedBuffer<Fr> m_host_out;
  cuda::EventTimer m_timer;
};

template <Direction kDirection>
void add(const char* description) {
  Registry::instance().add_implementation(
      {"ntt", "cuda", std::string(to_string(kDirection)), description,
       cuda::resident_or_end_to_end<NttRunner<kDirection, false>, NttRunner<kDirection, true>, Input>()});
}

const Registration registration{[] {
  add<Direction::forward>("four-step, shared-memory radix-2 sub-transforms");
  add<Direction::inverse>("four-step, shared-memory radix-2 sub-transforms, 1/n folded into the twiddles");
}};

}  // namespace
}  // namespace hwbench::ntt
