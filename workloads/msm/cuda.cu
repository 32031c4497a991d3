// msm on the CUDA backend (kernels.cuh has the steps). Timed with the host clock around the whole
// MSM, because it reads two small counts back mid-way and combines the window sums on the CPU.
#include <algorithm>
#include <bit>
#include <chrono>
#include <cstring>
#include <cub/cub.cuh>
#include <deque>
#include <optional>

#include "backends/cuda/error.hpp"
#include "backends/cuda/memory.hpp"
#include "backends/cuda/runner_factory.hpp"
#include "backends/cuda/stream.hpp"
#include "core/registry.hpp"
#include "workloads/msm/kernels.cuh"
#include "workloads/msm/pippenger.hpp"
#include "workloads/msm/precompute.hpp"
#include "workloads/msm/workload.hpp"

namespace hwbench::msm {
namespace {

using bls12_381::G1Xyzz;
using kernels::Point;

static_assert(sizeof(Point) == sizeof(G1Xyzz), "device and host XYZZ points share one layout");
static_assert(sizeof(kernels::Affine) == 96);

// One point addition is a long dependent chain for a single thread (tens of microseconds), so the
// serial work per thread is sized from the input: enough threads to fill the GPU, no more.
// Segment: points per accumulating thread (larger buckets split, then summed by a log-depth tree).
constexpr std::uint32_t kSegmentThreadsTarget = 65536;
constexpr std::uint32_t kMinSegment = 4, kMaxSegment = 32;

std::uint32_t sized(std::size_t work, std::uint32_t threads, std::uint32_t lo, std::uint32_t hi) {
  return std::clamp<std::uint32_t>(std::bit_floor(std::max<std::size_t>(1, work / threads)), lo, hi);
}

unsigned blocks(std::size_t items, unsigned threads) {
  return static_cast<unsigned>((items + threads - 1) / threads);
}

// Bucket reduction passes. Each pass is latency-bound at small sizes (every thread's additions
// and the block reduction are serial chains) and work-bound at large ones (a block reduction adds
// about log2(kThreads) points per thread): members per thread grow with the work, so that about
// kPlaneThreadsTarget threads run. The passes stop once the host can add the rest quickly.
constexpr std::size_t kPlaneThreadsTarget = 65536;
constexpr std::size_t kHostPartials = 1024;

std::uint32_t plane_members_per_thread(std::size_t members) {
  return sized(members, kPlaneThreadsTarget, 1, 16);
}

// Partial sums one plane_sum_kernel pass leaves for `members` members of a plane.
std::uint32_t plane_blocks(std::uint32_t members, std::uint32_t per_thread) {
  return std::max(1u, blocks(members, per_thread * kernels::kThreads));
}

// Window size: the least cost, in mixed additions, of n additions per window into the buckets, the
// bucket reduction and a fixed cost per reduced window. The reduction is weighed at 20 additions per
// bucket, not its 3.6 full additions of work: below 2^18 points it is bound by one thread's chain
// of additions, not by throughput. Each window reduced separately also pays a latency floor and its
// bit planes' partial sums on the host (~40 K additions' worth). Measured, H100, 2026-11-22, before
// the segment trees were compacted: precomputed (shared buckets) best at c = 13 for 2^16 points
// (1.94 ms against 2.10 at c = 16), c = 16 for 2^20 (14.7 ms against 15.5 at c = 19); per-window
// buckets best at c = 10 for 2^12 points.
unsigned gpu_window_bits(std::uint64_t n, bool shared) {
  constexpr double kReductionPerBucket = 20.0;
  constexpr double kPerWindow = 40000.0;
  unsigned best = 4;
  double best_cost = 1e300;
  for (unsigned c = 4; c <= (shared ? 20u : 16u); ++c) {
    const double windows = windows_for(c);
    const double reductions = shared ? 1.0 : windows;
    const double cost = windows * static_cast<double>(n) +
                        reductions * (kReductionPerBucket * static_cast<double>(1u << (c - 1)) + kPerWindow);
    if (cost < best_cost) {
      best_cost = cost;
      best = c;
    }
  }
  return best;
}

// Host layouts -> device layouts (the same Montgomery limbs; infinity as (0, 0)).
void pack_bases(const std::vector<G1Affine>& bases, std::byte* out) {
  for (std::size_t i = 0; i < bases.size(); ++i) {
    std::byte* p = out + 96 * i;
    if (bases[i].infinity) {
      std::memset(p, 0, 96);
    } else {
      std::memcpy(p, bases[i].x.montgomery().data(), 48);
      std::memcpy(p + 48, bases[i].y.montgomery().data(), 48);
    }
  }
}

// Event marks between the stages of one MSM, for the phase breakdown.
class StageTimeline {
 public:
  void mark(const char* name, cudaStream_t stream) {
    m_names.push_back(name);
    m_events.emplace_back().record(stream);
  }
  std::vector<Phase> phases() {
    std::vector<Phase> out;
    for (std::size_t i = 1; i < m_events.size(); ++i) {
      out.push_back({m_names[i], cuda::elapsed_seconds(m_events[i - 1], m_events[i])});
    }
    return out;
  }

 private:
  std::vector<const char*> m_names;
  std::deque<cuda::Event> m_events;
};

class GpuMsm {
 public:
  // shared: precomputed shifted bases, one bucket set for all windows (set_bases builds the table).
  GpuMsm(std::uint64_t n, bool shared)
      : m_n(static_cast<std::uint32_t>(n)),
        m_shared(shared),
        m_c(gpu_window_bits(n, shared)),
        m_windows(windows_for(m_c)),
        m_reduced_windows(shared ? 1 : m_windows),
        m_per_window(1u << (m_c - 1)),
        m_buckets_total(m_reduced_windows * m_per_window),
        m_items(static_cast<std::size_t>(m_n) * m_windows),
        m_segment(sized(m_items, kSegmentThreadsTarget, kMinSegment, kMaxSegment)),
        m_planes(kernels::planes_for(m_c)),
        m_chunks(m_per_window / 4),
        m_bases(n * 96),
        m_scalars(n * 8),
        m_keys_in(m_items),
        m_keys_out(m_items),
        m_values_in(m_items),
        m_values_out(m_items),
        m_unique(m_items + 1),
        m_counts(m_items + 1),
        m_offsets(m_items + 1),
        m_segment_counts(m_items + 1),
        m_segment_offsets(m_items + 1),
        m_runs(1),
        m_max(1),
        m_owner(m_items / m_segment + m_buckets_total + 2),
        m_pairs(m_items + 1),
        m_pair_ends(m_items + 1),
        m_partials(m_items / m_segment + m_buckets_total + 2),
        m_bucket_sums(m_buckets_total),
        m_chunk_low0(std::size_t{m_reduced_windows} * m_chunks),
        m_chunk_low1(std::size_t{m_reduced_windows} * m_chunks),
        m_chunk_totals(std::size_t{m_reduced_windows} * m_chunks),
        m_plane_partials{
            cuda::DeviceBuffer<Point>(std::size_t{m_reduced_windows} * m_planes * plane_blocks(m_chunks, 1)),
            cuda::DeviceBuffer<Point>(std::size_t{m_reduced_windows} * m_planes *
                                      plane_blocks(plane_blocks(m_chunks, 1), 1))},
        m_plane_sums(std::size_t{m_reduced_windows} * m_planes),
        m_table(shared ? std::size_t{m_n} * m_windows * 96 : 0) {
    const auto offsets = digit_offsets(m_c, m_windows);
    for (int k = 0; k < 10; ++k)
      m_offsets_param.limb[k] = static_cast<std::uint32_t>(offsets[k / 2] >> (32 * (k % 2)));
    m_key_bits = std::bit_width(m_buckets_total);  // the "no bucket" key is m_buckets_total itself
    const int items = static_cast<int>(m_items);
    std::size_t bytes = 0, need = 0;
    cub::DeviceRadixSort::SortPairs(nullptr, bytes, m_keys_in.data(), m_keys_out.data(), m_values_in.data(),
                                    m_values_out.data(), items, 0, m_key_bits);
    need = std::max(need, bytes);
    cub::DeviceRunLengthEncode::Encode(nullptr, bytes, m_keys_out.data(), m_unique.data(), m_counts.data(),
                                       m_runs.data(), items);
    need = std::max(need, bytes);
    cub::DeviceScan::ExclusiveSum(nullptr, bytes, m_counts.data(), m_offsets.data(), items + 1);
    need = std::max(need, bytes);
    cub::DeviceScan::InclusiveSum(nullptr, bytes, m_pairs.data(), m_pair_ends.data(), items + 1);
    need = std::max(need, bytes);
    cub::DeviceReduce::Max(nullptr, bytes, m_counts.data(), m_max.data(), items + 1);
    need = std::max(need, bytes);
    m_temp = cuda::DeviceBuffer<std::byte>(need);
  }

  std::byte* bases() { return m_bases.data(); }
  std::uint32_t* scalars() { return m_scalars.data(); }

  // After the bases are on the device: the shifted-bases table, when shared. Not timed.
  void prepare(cudaStream_t stream) {
    if (!m_shared) return;
    launch_shift_bases(m_bases.data(), m_n, m_c, m_windows, m_table.data(), stream);
    HWBENCH_CUDA_CHECK(cudaStreamSynchronize(stream));
  }

  G1Xyzz run(cudaStream_t stream, StageTimeline* timeline = nullptr) {
    auto mark = [&](const char* name) {
      if (timeline != nullptr) timeline->mark(name, stream);
    };
    mark("start");
    const int items = static_cast<int>(m_items);
    std::size_t bytes = m_temp.bytes();
    kernels::digits_kernel<<<blocks(m_n, kernels::kDigitThreads), kernels::kDigitThreads, 0, stream>>>(
        m_scalars.data(), m_n, m_c, m_windows, m_shared, m_offsets_param, m_keys_in.data(),
        m_values_in.data());
    HWBENCH_CUDA_CHECK_LAUNCH();
    HWBENCH_CUDA_CHECK(cub::DeviceRadixSort::SortPairs(m_temp.data(), bytes, m_keys_in.data(),
                                                       m_keys_out.data(), m_values_in.data(),
                                                       m_values_out.data(), items, 0, m_key_bits, stream));
    mark("digits_and_sort");
    bytes = m_temp.bytes();
    HWBENCH_CUDA_CHECK(cub::DeviceRunLengthEncode::Encode(m_temp.data(), bytes, m_keys_out.data(),
                                                          m_unique.data(), m_counts.data(), m_runs.data(),
                                                          items, stream));
    std::uint32_t runs = 0;
    HWBENCH_CUDA_CHECK(cudaMemcpyAsync(&runs, m_runs.data(), 4, cudaMemcpyDeviceToHost, stream));
    HWBENCH_CUDA_CHECK(cudaStreamSynchronize(stream));
    bytes = m_temp.bytes();
    HWBENCH_CUDA_CHECK(cub::DeviceScan::ExclusiveSum(m_temp.data(), bytes, m_counts.data(), m_offsets.data(),
                                                     static_cast<int>(runs), stream));
    // The largest bucket sets the depth of the segment tree.
    bytes = m_temp.bytes();
    HWBENCH_CUDA_CHECK(cub::DeviceReduce::Max(m_temp.data(), bytes, m_counts.data(), m_max.data(),
                                              static_cast<int>(runs), stream));
    std::uint32_t largest = 0;
    HWBENCH_CUDA_CHECK(cudaMemcpyAsync(&largest, m_max.data(), 4, cudaMemcpyDeviceToHost, stream));
    HWBENCH_CUDA_CHECK(cudaStreamSynchronize(stream));
    const std::uint32_t segment = m_segment;
    kernels::segment_counts_kernel<<<blocks(runs, 256), 256, 0, stream>>>(
        m_unique.data(), m_counts.data(), m_runs.data(), m_buckets_total, segment, m_segment_counts.data());
    HWBENCH_CUDA_CHECK_LAUNCH();
    bytes = m_temp.bytes();
    HWBENCH_CUDA_CHECK(cub::DeviceScan::ExclusiveSum(m_temp.data(), bytes, m_segment_counts.data(),
                                                     m_segment_offsets.data(), static_cast<int>(runs),
                                                     stream));
    std::uint32_t tail[2] = {};
    HWBENCH_CUDA_CHECK(
        cudaMemcpyAsync(&tail[0], m_segment_offsets.data() + runs - 1, 4, cudaMemcpyDeviceToHost, stream));
    HWBENCH_CUDA_CHECK(
        cudaMemcpyAsync(&tail[1], m_segment_counts.data() + runs - 1, 4, cudaMemcpyDeviceToHost, stream));
    HWBENCH_CUDA_CHECK(cudaStreamSynchronize(stream));
    const std::uint32_t segments = tail[0] + tail[1];
    kernels::segment_owner_kernel<<<blocks(runs, 256), 256, 0, stream>>>(
        m_segment_counts.data(), m_segment_offsets.data(), m_runs.data(), m_owner.data());
    HWBENCH_CUDA_CHECK_LAUNCH();
    mark("buckets_and_segments");
    if (segments > 0) {
      kernels::accumulate_kernel<<<blocks(segments, kernels::kThreads), kernels::kThreads, 0, stream>>>(
          reinterpret_cast<const kernels::Affine*>(m_shared ? m_table.data() : m_bases.data()),
          m_values_out.data(), m_offsets.data(), m_counts.data(), m_segment_offsets.data(), m_owner.data(),
          segments, segment, m_partials.data());
      HWBENCH_CUDA_CHECK_LAUNCH();
    }
    mark("accumulate");
    const std::uint32_t most_segments = (largest + segment - 1) / segment;
    for (std::uint32_t stride = 1; stride < most_segments; stride *= 2) {
      kernels::pair_counts_kernel<<<blocks(runs, 256), 256, 0, stream>>>(
          m_segment_counts.data(), m_runs.data(), stride, m_pairs.data());
      HWBENCH_CUDA_CHECK_LAUNCH();
      bytes = m_temp.bytes();
      HWBENCH_CUDA_CHECK(cub::DeviceScan::InclusiveSum(m_temp.data(), bytes, m_pairs.data(),
                                                       m_pair_ends.data(), static_cast<int>(runs), stream));
      // At most half of each bucket's segments, rounded up: segments / (2 stride) + runs.
      const std::size_t most_pairs = segments / (2 * stride) + runs;
      kernels::tree_kernel<<<blocks(most_pairs, kernels::kThreads), kernels::kThreads, 0, stream>>>(
          m_partials.data(), m_pair_ends.data(), m_segment_offsets.data(), m_runs.data(), stride);
      HWBENCH_CUDA_CHECK_LAUNCH();
    }
    HWBENCH_CUDA_CHECK(cudaMemsetAsync(m_bucket_sums.data(), 0, m_bucket_sums.bytes(), stream));  // infinity
    kernels::store_kernel<<<blocks(runs, 256), 256, 0, stream>>>(
        m_partials.data(), m_unique.data(), m_segment_offsets.data(), m_segment_counts.data(), m_runs.data(),
        m_bucket_sums.data());
    HWBENCH_CUDA_CHECK_LAUNCH();
    mark("segment_tree");
    // Bucket reduction: chunk shares, then block reductions of every bit plane until one sum each.
    kernels::chunk_kernel<<<blocks(std::size_t{m_reduced_windows} * m_chunks, kernels::kThreads),
                            kernels::kThreads, 0, stream>>>(m_bucket_sums.data(), m_reduced_windows,
                                                            m_per_window, m_chunk_low0.data(),
                                                            m_chunk_low1.data(), m_chunk_totals.data());
    HWBENCH_CUDA_CHECK_LAUNCH();
    std::uint32_t members = m_chunks;
    const Point* in = m_chunk_totals.data();
    for (int pass = 0; pass == 0 || !finish_on_host(members); ++pass) {
      const std::uint32_t per_thread =
          plane_members_per_thread(std::size_t{m_reduced_windows} * m_planes * members);
      const std::uint32_t outputs = plane_blocks(members, per_thread);
      Point* out = m_plane_partials[pass % 2].data();
      const dim3 grid(outputs, m_planes, m_reduced_windows);
      if (pass == 0) {
        kernels::plane_sum_kernel<true><<<grid, kernels::kThreads, 0, stream>>>(
            m_chunk_low0.data(), m_chunk_low1.data(), in, m_chunks, m_planes, 0, per_thread, out, outputs);
      } else {
        kernels::plane_sum_kernel<false><<<grid, kernels::kThreads, 0, stream>>>(
            nullptr, nullptr, in, m_chunks, m_planes, members, per_thread, out, outputs);
      }
      HWBENCH_CUDA_CHECK_LAUNCH();
      in = out;
      members = outputs;
    }
    mark("window_reduction");
    const std::size_t partials = std::size_t{m_reduced_windows} * m_planes * members;
    HWBENCH_CUDA_CHECK(
        cudaMemcpyAsync(m_plane_host.data(), in, partials * sizeof(Point), cudaMemcpyDeviceToHost, stream));
    HWBENCH_CUDA_CHECK(cudaStreamSynchronize(stream));
    m_last_largest = largest;
    // The last few partial sums of each plane, then Horner over every (window, bit) position: short
    // serial chains that a CPU core runs far faster than one GPU thread.
    const auto begin = std::chrono::steady_clock::now();
    const G1Xyzz result = combine_planes(std::span(m_plane_host.data(), partials), members, m_c);
    m_host_combine_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    return result;
  }

  // Whether the host adds the remaining partial sums of the planes (one left each, or few in all).
  bool finish_on_host(std::uint32_t members) const {
    return members == 1 || std::size_t{m_reduced_windows} * m_planes * members <= kHostPartials;
  }

  // One untimed MSM with events between its stages.
  std::vector<Phase> phases(cudaStream_t stream) {
    StageTimeline timeline;
    run(stream, &timeline);
    auto out = timeline.phases();
    out.push_back({"host_combine", m_host_combine_seconds});
    return out;
  }

  nlohmann::json notes() const {
    return {
        {"window_bits", m_c},
        {"windows", m_windows},
        {"buckets", m_shared ? "one set shared by all windows (precomputed shifted bases)" : "per window"},
        {"segment_points", m_segment},
        {"largest_bucket", m_last_largest},
        {"bucket_reduction", "bit planes: 4-bucket chunks, then block reductions per plane"},
        {"timing", "host clock around the whole MSM"},
        {"final_combination", "host"}};
  }

 private:
  std::uint32_t m_n;
  bool m_shared;
  unsigned m_c;
  unsigned m_windows;
  unsigned m_reduced_windows;
  std::uint32_t m_per_window;
  std::uint32_t m_buckets_total;
  std::size_t m_items;
  std::uint32_t m_segment;
  unsigned m_planes;
  std::uint32_t m_chunks;
  int m_key_bits = 32;
  kernels::DigitOffsets m_offsets_param{};
  std::uint32_t m_last_largest = 0;
  double m_host_combine_seconds = 0;
  cuda::DeviceBuffer<std::byte> m_bases;
  cuda::DeviceBuffer<std::uint32_t> m_scalars;
  cuda::DeviceBuffer<std::uint32_t> m_keys_in, m_keys_out, m_values_in, m_values_out;
  cuda::DeviceBuffer<std::uint32_t> m_unique, m_counts, m_offsets, m_segment_counts, m_segment_offsets,
      m_runs, m_max;
  cuda::DeviceBuffer<std::uint32_t> m_owner;
  cuda::DeviceBuffer<std::uint32_t> m_pairs, m_pair_ends;  // the segment trees' additions per bucket
  cuda::DeviceBuffer<Point> m_partials;
  cuda::DeviceBuffer<Point> m_bucket_sums;
  cuda::DeviceBuffer<Point> m_chunk_low0, m_chunk_low1, m_chunk_totals;
  cuda::DeviceBuffer<Point> m_plane_partials[2];
  cuda::DeviceBuffer<Point> m_plane_sums;
  // Device points land here as host points: same layout, same Montgomery form.
  cuda::PinnedBuffer<G1Xyzz> m_plane_host{std::size_t{m_reduced_windows} * m_planes * kHostPartials};
  cuda::DeviceBuffer<std::byte> m_table;
  cuda::DeviceBuffer<std::byte> m_temp;
};

// Inputs in pinned host memory in the device layout.
struct StagedInput {
  explicit StagedInput(const Input& in) : bases(in.count * 96), scalars(in.count * 32) {
    pack_bases(in.bases, bases.data());
    for (std::size_t i = 0; i < in.count; ++i) std::memcpy(scalars.data() + 32 * i, in.scalars[i].data(), 32);
  }
  cuda::PinnedBuffer<std::byte> bases;
  cuda::PinnedBuffer<std::byte> scalars;
};

// Device-resident (kEndToEnd false): bases and scalars uploaded once in set-up. End to end: scalars
// (and, without precomputation, bases) copied from pinned host memory every time; a precomputed table
// is set-up work, built once from the bases like an SRS table, and stays resident.
template <bool kShared, bool kEndToEnd>
class MsmRunner final : public Runner {
 public:
  explicit MsmRunner(const Input& in) : m_staged(std::in_place, in), m_msm(in.count, kShared) {
    if (!kEndToEnd || kShared) {
      HWBENCH_CUDA_CHECK(
          cudaMemcpy(m_msm.bases(), m_staged->bases.data(), m_staged->bases.bytes(), cudaMemcpyHostToDevice));
    }
    if (!kEndToEnd) {
      HWBENCH_CUDA_CHECK(cudaMemcpy(m_msm.scalars(), m_staged->scalars.data(), m_staged->scalars.bytes(),
                                    cudaMemcpyHostToDevice));
      m_staged.reset();
    }
    m_msm.prepare(m_stream);
  }
  std::optional<double> iterate() override {
    if (kEndToEnd) {
      if (!kShared) {
        HWBENCH_CUDA_CHECK(cudaMemcpyAsync(m_msm.bases(), m_staged->bases.data(), m_staged->bases.bytes(),
                                           cudaMemcpyHostToDevice, m_stream));
      }
      HWBENCH_CUDA_CHECK(cudaMemcpyAsync(m_msm.scalars(), m_staged->scalars.data(), m_staged->scalars.bytes(),
                                         cudaMemcpyHostToDevice, m_stream));
    }
    m_result = m_msm.run(m_stream);
    return std::nullopt;
  }
  std::unique_ptr<CaseOutput> result() override {
    auto out = std::make_unique<Output>();
    out->result = bls12_381::xyzz_to_affine(m_result);
    return out;
  }
  nlohmann::json notes() const override {
    auto notes = m_msm.notes();
    if (kEndToEnd) {
      notes["e2e"] =
          kShared ? "scalars copied from pinned host memory, then the MSM; shifted-bases table resident"
                  : "bases and scalars copied from pinned host memory, then the MSM; no overlap";
    }
    return notes;
  }
  std::vector<Phase> phases() override { return m_msm.phases(m_stream); }

 private:
  std::optional<StagedInput> m_staged;
  GpuMsm m_msm;
  cuda::Stream m_stream;
  G1Xyzz m_result;
};

const Registration registration{[] {
  auto& registry = Registry::instance();
  registry.add_implementation(
      {"msm", "cuda", "pippenger", "signed digits, CUB radix sort by bucket, segmented bucket sums",
       cuda::resident_or_end_to_end<MsmRunner<false, false>, MsmRunner<false, true>, Input>()});
  registry.add_implementation(
      {"msm", "cuda", "precomputed", "bases shifted by 2^(w c) in set-up; one bucket set for all windows",
       cuda::resident_or_end_to_end<MsmRunner<true, false>, MsmRunner<true, true>, Input>()});
}};

}  // namespace
}  // namespace hwbench::msm
