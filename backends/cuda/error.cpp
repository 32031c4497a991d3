#include "backends/cuda/error.hpp"

#include <fmt/format.h>

namespace hwbench::cuda {

void throw_cuda_error(cudaError_t code, const char* expr, const char* file, int line) {
  const std::string what = fmt::format("{} ({}) in {} at {}:{}", cudaGetErrorString(code),
                                       cudaGetErrorName(code), expr, file, line);
  switch (code) {
    case cudaErrorMemoryAllocation:
      throw OutOfMemory(code, "out of device memory: " + what);
    case cudaErrorLaunchFailure:
    case cudaErrorIllegalAddress:
    case cudaErrorLaunchOutOfResources:
    case cudaErrorLaunchTimeout:
    case cudaErrorInvalidConfiguration:
    case cudaErrorNoKernelImageForDevice:
      throw LaunchFailure(code, "kernel launch failed: " + what);
    case cudaErrorNoDevice:
    case cudaErrorInvalidDevice:
      throw NoDevice(code, "no CUDA device: " + what);
    case cudaErrorInsufficientDriver:
      throw DriverTooOld(code, "CUDA driver too old for this build: " + what);
    default:
      throw CudaError(code, what);
  }
}

}  // namespace hwbench::cuda
