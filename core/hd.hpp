#pragma once

// Marks functions compiled for both the host and the device when nvcc compiles them, and plain
// inline host functions otherwise, so that one definition serves CPU and GPU code.
#if defined(__CUDACC__)
#define HWBENCH_HD __host__ __device__ __forceinline__
#else
#define HWBENCH_HD inline
#endif
