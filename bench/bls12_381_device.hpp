#pragma once

// Throughput and latency of BLS12-381 arithmetic on the GPU, for bench_bls12_381: every thread runs a
// chain of dependent operations; many threads measure throughput, one thread the latency of the chain.
#include <cstdint>
#include <string>

namespace hwbench::bench {

enum class DeviceOp { fp_mul, fp_sqr, fr_mul, g1_add_affine, g1_add, g1_double };

// Empty when a CUDA device is usable, else why not.
std::string device_unavailable_reason();

// Device seconds (CUDA events) for `threads` threads each running `chain` operations.
double time_device_ops(DeviceOp op, std::uint32_t threads, std::uint32_t chain);

}  // namespace hwbench::bench
