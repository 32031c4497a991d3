#pragma once

#include <cuda_runtime_api.h>

#include <cstddef>
#include <functional>
#include <nlohmann/json.hpp>
#include <vector>

#include "backends/cuda/stream.hpp"
#include "core/workload.hpp"

namespace hwbench::cuda {

// The three stages of an end-to-end run over a range of items, each enqueued on the given stream.
struct E2eStages {
  std::function<void(std::size_t begin, std::size_t end, cudaStream_t)> upload;
  std::function<void(std::size_t begin, std::size_t end, cudaStream_t)> compute;
  std::function<void(std::size_t begin, std::size_t end, cudaStream_t)> download;
  // Optional: after every chunk, on the first stream (e.g. combining per-chunk results).
  std::function<void(cudaStream_t)> finish;
};

// Splits an end-to-end run into chunks issued round-robin over several streams, so that one chunk's
// upload, another's kernel and a third's download overlap (the GPU's two copy engines and its SMs
// work at once). Timed with events from the first upload to the last download.
class ChunkedPipeline {
 public:
  // Chunk size in items: about 1/32 of the input, at least kMinChunkBytes; a power of two when
  // `power_of_two` (for reductions that need aligned subtrees).
  static std::size_t choose_chunk(std::size_t items, std::size_t bytes_per_item, bool power_of_two = false);

  ChunkedPipeline(std::size_t items, std::size_t chunk_items, int streams = kDefaultStreams);

  double run(const E2eStages& stages);
  // The stages run one after another over the whole input on one stream, each timed alone.
  std::vector<Phase> phases(const E2eStages& stages);
  nlohmann::json notes() const;

  static constexpr int kDefaultStreams = 4;
  static constexpr std::size_t kMinChunkBytes = std::size_t{4} << 20;

 private:
  std::size_t m_items;
  std::size_t m_chunk;
  std::vector<Stream> m_streams;
  std::vector<Event> m_done;
  Event m_start;
  Event m_stop;
};

}  // namespace hwbench::cuda
