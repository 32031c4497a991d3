#pragma once

// Montgomery multiplication with BMI2 mulx and ADX adcx/adox on x86-64: the same CIOS as Field's
// portable loop, but each round runs two independent carry chains (CF for the high halves, OF for
// the low halves), so the additions of one row overlap instead of serializing through one flag.
// Seven registers hold the running value t; every round clears its lowest word (t + m p = 0 mod
// 2^64), so the next round renames the registers by one instead of shifting. Like the portable
// code it needs the modulus's top bit free: the result stays below 2 m in N words, and one
// conditional subtraction makes it canonical. Used when the CPU has both extensions (available()).
#include <cstdint>

#include "core/host_info.hpp"

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__CUDA_ARCH__)
#define HWBENCH_MONTGOMERY_ADX 1
#else
#define HWBENCH_MONTGOMERY_ADX 0
#endif

#if HWBENCH_MONTGOMERY_ADX

// clang-format off
// t[LOW] += lo(rdx * SRC[OFF]) on the OF chain, t[HIGH] += hi(...) on the CF chain.
#define HWBENCH_MULADD(OFF, SRC, LOW, HIGH)            \
  "mulxq " #OFF "(%[" #SRC "]), %[lo], %[hi]\n\t"      \
  "adoxq %[lo], %[" #LOW "]\n\t"                       \
  "adcxq %[hi], %[" #HIGH "]\n\t"

// Rows of the product: t[A..] += rdx * SRC[0..N), the last high half into the top word.
#define HWBENCH_ROW4(SRC, A, B, C, D, E)               \
  HWBENCH_MULADD(0, SRC, A, B)                         \
  HWBENCH_MULADD(8, SRC, B, C)                         \
  HWBENCH_MULADD(16, SRC, C, D)                        \
  HWBENCH_MULADD(24, SRC, D, E)
#define HWBENCH_ROW6(SRC, A, B, C, D, E, F, G)         \
  HWBENCH_ROW4(SRC, A, B, C, D, E)                     \
  HWBENCH_MULADD(32, SRC, E, F)                        \
  HWBENCH_MULADD(40, SRC, F, G)

// One CIOS round: t += a * b[i] (TOP, cleared here, takes the top word), then t += m * p with
// m = t0 * inv, which zeroes A (so A then adds the last OF carry into TOP). The next round uses the
// names rotated by one.
#define HWBENCH_ROUND(BOFF, A, TOP, ROW_A, ROW_P)      \
  "movq " #BOFF "(%[b]), %%rdx\n\t"                    \
  "xorl %k[" #TOP "], %k[" #TOP "]\n\t"                \
  ROW_A                                                \
  "movl $0, %k[lo]\n\t"                                \
  "adoxq %[lo], %[" #TOP "]\n\t"                       \
  "movq %[" #A "], %%rdx\n\t"                          \
  "imulq %[inv], %%rdx\n\t"                            \
  "xorl %k[lo], %k[lo]\n\t"                            \
  ROW_P                                                \
  "adoxq %[" #A "], %[" #TOP "]\n\t"

#define HWBENCH_ROUND6(BOFF, A, B, C, D, E, F, G)      \
  HWBENCH_ROUND(BOFF, A, G, HWBENCH_ROW6(a, A, B, C, D, E, F, G), HWBENCH_ROW6(p, A, B, C, D, E, F, G))
#define HWBENCH_ROUND4(BOFF, A, B, C, D, E)            \
  HWBENCH_ROUND(BOFF, A, E, HWBENCH_ROW4(a, A, B, C, D, E), HWBENCH_ROW4(p, A, B, C, D, E))
// clang-format on

#endif

namespace hwbench::bls12_381::adx {

#if HWBENCH_MONTGOMERY_ADX

// a - b - borrow_in into out; returns the borrow out: one sbb. gcc and clang name the builtin apart.
inline unsigned char subtract_borrow(unsigned char borrow_in, unsigned long long a, unsigned long long b,
                                     unsigned long long* out) {
#if defined(__clang__)
  return __builtin_ia32_subborrow_u64(borrow_in, a, b, out);
#else
  return __builtin_ia32_sbb_u64(borrow_in, a, b, out);
#endif
}

// Whether this CPU runs mulx, adcx and adox (checked once).
inline const bool kAvailable = cpu_features().bmi2 && cpu_features().adx;

// out = t - m when t >= m, else t (t < 2m), without a branch on the data.
template <unsigned N>
inline void subtract_if_above(const std::uint64_t (&t)[N], const std::uint64_t* m, std::uint64_t* out) {
  std::uint64_t d[N];
  unsigned char borrow = 0;
  for (unsigned i = 0; i < N; ++i) {
    unsigned long long r;
    borrow = subtract_borrow(borrow, t[i], m[i], &r);
    d[i] = r;
  }
  const std::uint64_t keep = -static_cast<std::uint64_t>(borrow);  // all ones when t < m
  for (unsigned i = 0; i < N; ++i) out[i] = (t[i] & keep) | (d[i] & ~keep);
}

// out = a b / 2^384 mod m for a 6-limb modulus m with inverse inv = -m^-1 mod 2^64.
inline void mul6(const std::uint64_t* a, const std::uint64_t* b, const std::uint64_t* m, std::uint64_t inv,
                 std::uint64_t* out) {
  std::uint64_t t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0, t5 = 0, t6 = 0, lo, hi;
  asm(HWBENCH_ROUND6(0, t0, t1, t2, t3, t4, t5, t6) HWBENCH_ROUND6(8, t1, t2, t3, t4, t5, t6, t0)
          HWBENCH_ROUND6(16, t2, t3, t4, t5, t6, t0, t1) HWBENCH_ROUND6(24, t3, t4, t5, t6, t0, t1, t2)
              HWBENCH_ROUND6(32, t4, t5, t6, t0, t1, t2, t3) HWBENCH_ROUND6(40, t5, t6, t0, t1, t2, t3, t4)
      : [t0] "+&r"(t0), [t1] "+&r"(t1), [t2] "+&r"(t2), [t3] "+&r"(t3), [t4] "+&r"(t4), [t5] "+&r"(t5),
        [t6] "+&r"(t6), [lo] "=&r"(lo), [hi] "=&r"(hi)
      : [a] "r"(a), [b] "r"(b), [p] "r"(m), [inv] "rm"(inv), "m"(*(const std::uint64_t(*)[6])a),
        "m"(*(const std::uint64_t(*)[6])b), "m"(*(const std::uint64_t(*)[6])m)
      : "rdx", "cc");
  const std::uint64_t t[6] = {t6, t0, t1, t2, t3, t4};
  subtract_if_above(t, m, out);
}

// out = a b / 2^256 mod m for a 4-limb modulus.
inline void mul4(const std::uint64_t* a, const std::uint64_t* b, const std::uint64_t* m, std::uint64_t inv,
                 std::uint64_t* out) {
  std::uint64_t t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0, lo, hi;
  asm(HWBENCH_ROUND4(0, t0, t1, t2, t3, t4) HWBENCH_ROUND4(8, t1, t2, t3, t4, t0)
          HWBENCH_ROUND4(16, t2, t3, t4, t0, t1) HWBENCH_ROUND4(24, t3, t4, t0, t1, t2)
      : [t0] "+&r"(t0), [t1] "+&r"(t1), [t2] "+&r"(t2), [t3] "+&r"(t3), [t4] "+&r"(t4), [lo] "=&r"(lo),
        [hi] "=&r"(hi)
      : [a] "r"(a), [b] "r"(b), [p] "r"(m), [inv] "rm"(inv), "m"(*(const std::uint64_t(*)[4])a),
        "m"(*(const std::uint64_t(*)[4])b), "m"(*(const std::uint64_t(*)[4])m)
      : "rdx", "cc");
  const std::uint64_t t[4] = {t4, t0, t1, t2};
  subtract_if_above(t, m, out);
}

#else

inline constexpr bool kAvailable = false;

#endif

}  // namespace hwbench::bls12_381::adx
