#pragma once

// The exponent chains of GF(2^255 - 19), written once for every field type of this workload (field.hpp
// on host and device, field51.hpp on the host): F needs square() and operator*.
#include "core/hd.hpp"

namespace hwbench::ed25519 {

// n successive squarings.
template <class F>
HWBENCH_HD F square_times(F a, int n) {
  HWBENCH_ROLLED
  for (int i = 0; i < n; ++i) a = square(a);
  return a;
}

// z^(2^250 - 1), and z^11 on the side: the shared start of the two exponent chains below.
template <class F>
HWBENCH_HD F pow_2_250_minus_1(const F& z, F& z11) {
  const F z2 = square(z);
  const F z9 = square_times(z2, 2) * z;
  z11 = z9 * z2;
  const F z_5 = square(z11) * z9;                    // 2^5 - 1
  const F z_10 = square_times(z_5, 5) * z_5;         // 2^10 - 1
  const F z_20 = square_times(z_10, 10) * z_10;      // 2^20 - 1
  const F z_40 = square_times(z_20, 20) * z_20;      // 2^40 - 1
  const F z_50 = square_times(z_40, 10) * z_10;      // 2^50 - 1
  const F z_100 = square_times(z_50, 50) * z_50;     // 2^100 - 1
  const F z_200 = square_times(z_100, 100) * z_100;  // 2^200 - 1
  return square_times(z_200, 50) * z_50;             // 2^250 - 1
}

// z^(p - 2) = z^(2^255 - 21): the inverse, 0 for 0.
template <class F>
HWBENCH_HD F invert(const F& z) {
  F z11;
  const F t = pow_2_250_minus_1(z, z11);
  return square_times(t, 5) * z11;
}

// z^((p - 5) / 8) = z^(2^252 - 3), for square roots.
template <class F>
HWBENCH_HD F pow_p58(const F& z) {
  F z11;
  const F t = pow_2_250_minus_1(z, z11);
  return square_times(t, 2) * z;
}

}  // namespace hwbench::ed25519
