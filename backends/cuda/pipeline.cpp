#include "backends/cuda/pipeline.hpp"

#include <algorithm>
#include <bit>

namespace hwbench::cuda {

std::size_t ChunkedPipeline::choose_chunk(std::size_t items, std::size_t bytes_per_item, bool power_of_two) {
  constexpr std::size_t kTargetChunks = 32;
  const std::size_t min_items =
      std::max<std::size_t>(1, kMinChunkBytes / std::max<std::size_t>(1, bytes_per_item));
  std::size_t chunk = std::max(min_items, (items + kTargetChunks - 1) / kTargetChunks);
  // Chunk starts stay aligned for vector loads (256 items covers 16-byte vectors of any item size).
  constexpr std::size_t kAlign = 256;
  chunk = (chunk + kAlign - 1) / kAlign * kAlign;
  if (power_of_two) chunk = std::bit_ceil(chunk);
  return std::min(chunk, std::max<std::size_t>(1, items));
}

ChunkedPipeline::ChunkedPipeline(std::size_t items, std::size_t chunk_items, int streams)
    : m_items(items), m_chunk(std::max<std::size_t>(1, chunk_items)) {
  m_streams.resize(static_cast<std::size_t>(std::max(1, streams)));
  m_done.resize(m_streams.size());
}

double ChunkedPipeline::run(const E2eStages& stages) {
  m_start.record(m_streams[0]);
  for (std::size_t s = 1; s < m_streams.size(); ++s) {
    HWBENCH_CUDA_CHECK(cudaStreamWaitEvent(m_streams[s], m_start.get()));
  }
  std::size_t chunk_index = 0;
  for (std::size_t begin = 0; begin < m_items; begin += m_chunk, ++chunk_index) {
    const std::size_t end = std::min(m_items, begin + m_chunk);
    const cudaStream_t stream = m_streams[chunk_index % m_streams.size()];
    stages.upload(begin, end, stream);
    stages.compute(begin, end, stream);
    if (stages.download) stages.download(begin, end, stream);
  }
  for (std::size_t s = 1; s < m_streams.size(); ++s) {
    m_done[s].record(m_streams[s]);
    HWBENCH_CUDA_CHECK(cudaStreamWaitEvent(m_streams[0], m_done[s].get()));
  }
  if (stages.finish) stages.finish(m_streams[0]);
  m_stop.record(m_streams[0]);
  return elapsed_seconds(m_start, m_stop);
}

std::vector<Phase> ChunkedPipeline::phases(const E2eStages& stages) {
  const cudaStream_t stream = m_streams[0];
  std::vector<Phase> out;
  auto timed = [&](const char* name, auto&& enqueue) {
    EventTimer timer(stream);
    timer.start();
    enqueue();
    out.push_back({name, timer.stop()});
  };
  // Per chunk, as run() does, so that chunk-local work (e.g. subtree roots) is the same.
  auto each_chunk = [&](const auto& stage) {
    for (std::size_t begin = 0; begin < m_items; begin += m_chunk)
      stage(begin, std::min(m_items, begin + m_chunk), stream);
  };
  timed("h2d", [&] { each_chunk(stages.upload); });
  timed("kernel", [&] {
    each_chunk(stages.compute);
    if (stages.finish) stages.finish(stream);
  });
  if (stages.download) timed("d2h", [&] { each_chunk(stages.download); });
  return out;
}

nlohmann::json ChunkedPipeline::notes() const {
  const std::size_t chunks = (m_items + m_chunk - 1) / m_chunk;
  return {{"e2e_overlap", "chunked copies and kernels over streams"},
          {"e2e_streams", m_streams.size()},
          {"e2e_chunks", chunks},
          {"e2e_chunk_items", m_chunk},
          {"e2e_host_memory", "pinned"}};
}

}  // namespace hwbench::cuda
