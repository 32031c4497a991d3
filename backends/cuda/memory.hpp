#pragma once

#include <cuda_runtime_api.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>

#include "backends/cuda/error.hpp"

namespace hwbench::cuda {

// Device bytes held by DeviceBuffers now and at most since the last reset (per process).
void track_device_allocation(std::int64_t bytes);
void reset_peak_device_bytes();
std::uint64_t peak_device_bytes();

template <class T>
class DeviceBuffer {
 public:
  DeviceBuffer() = default;
  explicit DeviceBuffer(std::size_t count) : m_count(count) {
    if (count == 0) return;
    HWBENCH_CUDA_CHECK(cudaMalloc(reinterpret_cast<void**>(&m_data), bytes()));
    track_device_allocation(static_cast<std::int64_t>(bytes()));
  }
  ~DeviceBuffer() { release(); }
  DeviceBuffer(DeviceBuffer&& other) noexcept
      : m_data(std::exchange(other.m_data, nullptr)), m_count(std::exchange(other.m_count, 0)) {}
  DeviceBuffer& operator=(DeviceBuffer&& other) noexcept {
    if (this != &other) {
      release();
      m_data = std::exchange(other.m_data, nullptr);
      m_count = std::exchange(other.m_count, 0);
    }
    return *this;
  }

  T* data() const { return m_data; }
  std::size_t size() const { return m_count; }
  std::size_t bytes() const { return m_count * sizeof(T); }

 private:
  void release() {
    if (m_data != nullptr) {
      cudaFree(m_data);
      track_device_allocation(-static_cast<std::int64_t>(bytes()));
      m_data = nullptr;
    }
  }
  T* m_data = nullptr;
  std::size_t m_count = 0;
};

// Page-locked host memory, so that copies run at full bus speed and asynchronously.
template <class T>
class PinnedBuffer {
 public:
  PinnedBuffer() = default;
  explicit PinnedBuffer(std::size_t count) : m_count(count) {
    if (count > 0) HWBENCH_CUDA_CHECK(cudaMallocHost(reinterpret_cast<void**>(&m_data), count * sizeof(T)));
  }
  ~PinnedBuffer() {
    if (m_data != nullptr) cudaFreeHost(m_data);
  }
  PinnedBuffer(PinnedBuffer&& other) noexcept
      : m_data(std::exchange(other.m_data, nullptr)), m_count(std::exchange(other.m_count, 0)) {}
  PinnedBuffer& operator=(PinnedBuffer&&) = delete;

  T* data() const { return m_data; }
  std::size_t size() const { return m_count; }
  std::size_t bytes() const { return m_count * sizeof(T); }
  std::span<T> span() const { return {m_data, m_count}; }

 private:
  T* m_data = nullptr;
  std::size_t m_count = 0;
};

}  // namespace hwbench::cuda
