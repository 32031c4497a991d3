#pragma once

#include <cuda_runtime_api.h>

#include <cstdint>

namespace hwbench::msm {

// table[w n + i] = [2^(w c)] bases[i] for w < windows (affine, device layout), on `stream`.
// Set-up work, never timed.
void launch_shift_bases(const void* bases, std::uint32_t n, unsigned c, unsigned windows, void* table,
                        cudaStream_t stream);

}  // namespace hwbench::msm
