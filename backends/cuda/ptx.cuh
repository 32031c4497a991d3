#pragma once

// 32-bit add/subtract/multiply-add with the carry flag, as PTX, for multi-word integer arithmetic on the
// device. A chain is straight-line code of these `asm volatile` statements, which keeps the flag between
// them: *_cc sets the carry, *c* consumes it.
#include <cstdint>

namespace hwbench::cuda::ptx {

#define HWBENCH_PTX_2(name, instruction)                                            \
  __device__ __forceinline__ std::uint32_t name(std::uint32_t a, std::uint32_t b) { \
    std::uint32_t r;                                                                \
    asm volatile(instruction " %0, %1, %2;" : "=r"(r) : "r"(a), "r"(b));            \
    return r;                                                                       \
  }
#define HWBENCH_PTX_3(name, instruction)                                                             \
  __device__ __forceinline__ std::uint32_t name(std::uint32_t a, std::uint32_t b, std::uint32_t c) { \
    std::uint32_t r;                                                                                 \
    asm volatile(instruction " %0, %1, %2, %3;" : "=r"(r) : "r"(a), "r"(b), "r"(c));                 \
    return r;                                                                                        \
  }

HWBENCH_PTX_2(add_cc, "add.cc.u32")
HWBENCH_PTX_2(addc_cc, "addc.cc.u32")
HWBENCH_PTX_2(addc, "addc.u32")
HWBENCH_PTX_2(sub_cc, "sub.cc.u32")
HWBENCH_PTX_2(subc_cc, "subc.cc.u32")
HWBENCH_PTX_2(subc, "subc.u32")
HWBENCH_PTX_3(mad_lo_cc, "mad.lo.cc.u32")
HWBENCH_PTX_3(madc_lo_cc, "madc.lo.cc.u32")
HWBENCH_PTX_3(mad_hi_cc, "mad.hi.cc.u32")
HWBENCH_PTX_3(madc_hi_cc, "madc.hi.cc.u32")
HWBENCH_PTX_3(madc_hi, "madc.hi.u32")

#undef HWBENCH_PTX_2
#undef HWBENCH_PTX_3

}  // namespace hwbench::cuda::ptx
