#pragma once

// Marks functions compiled for both the host and the device when nvcc compiles them, and plain
// inline host functions otherwise, so that one definition serves CPU and GPU code.
#if defined(__CUDACC__)
#define HWBENCH_HD __host__ __device__ __forceinline__
#else
#define HWBENCH_HD inline
#endif

// The same for a large function called from many places in one kernel (a field multiplication): one
// called copy instead of an inlined one per use keeps a kernel's code inside the instruction caches.
// Take arguments by value, so that they travel in registers.
#if defined(__CUDACC__)
#define HWBENCH_HD_CALLED __host__ __device__ __noinline__
#else
#define HWBENCH_HD_CALLED inline
#endif

// Keeps a loop rolled in device code (long exponent chains would otherwise be inlined whole); nothing
// on the host compiler.
#if defined(__CUDACC__)
#define HWBENCH_ROLLED _Pragma("unroll 1")
#else
#define HWBENCH_ROLLED
#endif
