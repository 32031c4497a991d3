#pragma once

// Marks functions compiled for both the host and the device when nvcc compiles them, and plain
// inline host functions otherwise, so that one definition serves CPU and GPU code.
#if defined(__CUDACC__)
#define HWBENCH_HD __host__ __device__ __forceinline__
#else
#define HWBENCH_HD inline
#endif

// Keeps a loop rolled in device code (long exponent chains would otherwise be inlined whole); nothing
// on the host compiler.
#if defined(__CUDACC__)
#define HWBENCH_ROLLED _Pragma("unroll 1")
#else
#define HWBENCH_ROLLED
#endif
