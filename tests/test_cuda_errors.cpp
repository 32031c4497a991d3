// The CUDA error mapping is host code: it is checked on every machine, GPU or not.
#include <gtest/gtest.h>

#include "backends/cuda/error.hpp"

namespace hwbench::cuda {
namespace {

template <class Expected>
void expect_maps_to(cudaError_t code, GpuFault fault) {
  try {
    HWBENCH_CUDA_CHECK(code);
    FAIL() << "no exception for " << cudaGetErrorName(code);
  } catch (const Expected& e) {
    EXPECT_EQ(e.code(), code);
    EXPECT_EQ(e.fault(), fault) << to_string(e.fault());
    const std::string what = e.what();
    EXPECT_NE(what.find(cudaGetErrorName(code)), std::string::npos) << what;
    EXPECT_NE(what.find("test_cuda_errors.cpp"), std::string::npos) << what;  // file and line
  }
}

TEST(CudaErrors, MapToTypedErrors) {
  expect_maps_to<OutOfMemory>(cudaErrorMemoryAllocation, GpuFault::out_of_memory);
  expect_maps_to<LaunchFailure>(cudaErrorLaunchFailure, GpuFault::launch_failure);
  expect_maps_to<LaunchFailure>(cudaErrorIllegalAddress, GpuFault::launch_failure);
  expect_maps_to<LaunchFailure>(cudaErrorLaunchTimeout, GpuFault::timeout);
  expect_maps_to<NoDevice>(cudaErrorNoDevice, GpuFault::no_device);
  expect_maps_to<DriverTooOld>(cudaErrorInsufficientDriver, GpuFault::no_device);
  expect_maps_to<CudaError>(cudaErrorInvalidValue, GpuFault::other);
}

TEST(CudaErrors, SuccessDoesNotThrow) { EXPECT_NO_THROW(HWBENCH_CUDA_CHECK(cudaSuccess)); }

}  // namespace
}  // namespace hwbench::cuda
