#pragma once

#include <cuda_runtime_api.h>

#include <stdexcept>
#include <string>

#include "core/gpu_error.hpp"

namespace hwbench::cuda {

// The kind of failure a CUDA error code stands for.
constexpr GpuFault fault_of(cudaError_t code) {
  switch (code) {
    case cudaErrorMemoryAllocation:
      return GpuFault::out_of_memory;
    case cudaErrorLaunchTimeout:
      return GpuFault::timeout;
    case cudaErrorLaunchFailure:
    case cudaErrorIllegalAddress:
    case cudaErrorLaunchOutOfResources:
    case cudaErrorInvalidConfiguration:
    case cudaErrorNoKernelImageForDevice:
      return GpuFault::launch_failure;
    case cudaErrorNoDevice:
    case cudaErrorInvalidDevice:
    case cudaErrorInsufficientDriver:
      return GpuFault::no_device;
    default:
      return GpuFault::other;
  }
}

// A failed CUDA call, with the expression, file and line. Subclasses name the failures that callers
// treat differently (a scheduler falls back on out-of-memory, a run skips on no-device).
class CudaError : public GpuError {
 public:
  CudaError(cudaError_t code, const std::string& what) : GpuError(fault_of(code), what), m_code(code) {}
  cudaError_t code() const { return m_code; }

 private:
  cudaError_t m_code;
};

class OutOfMemory : public CudaError {
  using CudaError::CudaError;
};
class LaunchFailure : public CudaError {
  using CudaError::CudaError;
};
class NoDevice : public CudaError {
  using CudaError::CudaError;
};
class DriverTooOld : public CudaError {
  using CudaError::CudaError;
};

[[noreturn]] void throw_cuda_error(cudaError_t code, const char* expr, const char* file, int line);

}  // namespace hwbench::cuda

#define HWBENCH_CUDA_CHECK(expr)                                                          \
  do {                                                                                    \
    const cudaError_t hwbench_cuda_status_ = (expr);                                      \
    if (hwbench_cuda_status_ != cudaSuccess) {                                            \
      ::hwbench::cuda::throw_cuda_error(hwbench_cuda_status_, #expr, __FILE__, __LINE__); \
    }                                                                                     \
  } while (0)

// After a kernel launch: launch-configuration errors surface here, execution errors at the next sync.
#define HWBENCH_CUDA_CHECK_LAUNCH() HWBENCH_CUDA_CHECK(cudaGetLastError())
