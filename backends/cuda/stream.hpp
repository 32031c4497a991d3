#pragma once

#include <cuda_runtime_api.h>

#include <utility>

#include "backends/cuda/error.hpp"

namespace hwbench::cuda {

class Stream {
 public:
  Stream() { HWBENCH_CUDA_CHECK(cudaStreamCreateWithFlags(&m_stream, cudaStreamNonBlocking)); }
  ~Stream() {
    if (m_stream != nullptr) cudaStreamDestroy(m_stream);
  }
  Stream(Stream&& other) noexcept : m_stream(std::exchange(other.m_stream, nullptr)) {}
  Stream& operator=(Stream&&) = delete;

  cudaStream_t get() const { return m_stream; }
  operator cudaStream_t() const { return m_stream; }
  void synchronize() const { HWBENCH_CUDA_CHECK(cudaStreamSynchronize(m_stream)); }

 private:
  cudaStream_t m_stream = nullptr;
};

class Event {
 public:
  Event() { HWBENCH_CUDA_CHECK(cudaEventCreate(&m_event)); }
  ~Event() {
    if (m_event != nullptr) cudaEventDestroy(m_event);
  }
  Event(Event&& other) noexcept : m_event(std::exchange(other.m_event, nullptr)) {}
  Event& operator=(Event&&) = delete;

  cudaEvent_t get() const { return m_event; }
  void record(cudaStream_t stream) { HWBENCH_CUDA_CHECK(cudaEventRecord(m_event, stream)); }
  void synchronize() const { HWBENCH_CUDA_CHECK(cudaEventSynchronize(m_event)); }

 private:
  cudaEvent_t m_event = nullptr;
};

// Seconds between two recorded events; waits for the later one.
inline double elapsed_seconds(const Event& start, const Event& stop) {
  stop.synchronize();
  float ms = 0;
  HWBENCH_CUDA_CHECK(cudaEventElapsedTime(&ms, start.get(), stop.get()));
  return static_cast<double>(ms) * 1e-3;
}

// Times work enqueued on one stream with a pair of events.
class EventTimer {
 public:
  explicit EventTimer(cudaStream_t stream) : m_stream(stream) {}
  void start() { m_start.record(m_stream); }
  double stop() {
    m_stop.record(m_stream);
    return elapsed_seconds(m_start, m_stop);
  }

 private:
  cudaStream_t m_stream;
  Event m_start;
  Event m_stop;
};

}  // namespace hwbench::cuda
