// The running-sum reduction of packed affine buckets with AVX-512 IFMA: the buckets fall into eight
// contiguous segments, one per vector lane, and each lane walks its segment from the top down with
// running sums, in projective coordinates and complete formulas (bls12_381/g1_ifma.hpp), so empty
// buckets are the only case the lanes treat apart (a masked blend). Lane j ends with
//   acc_j = sum_k (k + 1) B_(j S + k)   and   run_j = sum_k B_(j S + k)   (S = segment length),
// and the window's sum_b (b + 1) B_b = sum_j acc_j + S sum_j j run_j, formed on the host.
#include <array>
#include <cstddef>

#include "workloads/msm/affine_buckets.hpp"

#if defined(__x86_64__)
#include "workloads/bls12_381/g1_ifma.hpp"
#endif

namespace hwbench::msm {

using bls12_381::Fp;
using bls12_381::G1Xyzz;
using bls12_381::ifma::PackedAffine;

G1Xyzz times(G1Xyzz p, std::uint64_t k) {
  G1Xyzz r = G1Xyzz::infinity();
  for (; k != 0; k >>= 1) {
    if (k & 1) r.add(p);
    p.double_in_place();
  }
  return r;
}

#if defined(__x86_64__)

namespace {

namespace ifma = bls12_381::ifma;
using ifma::Fp8;
using ifma::PackedFp;
using ifma::Projective8;

// The eight projective lanes as host XYZZ points: (X Z, Y Z^2, Z^2, Z^3) for x = X/Z, y = Y/Z.
__attribute__((target("avx512f,avx512ifma"))) std::array<G1Xyzz, 8> to_host(const Projective8& p) {
  PackedFp packed[8];
  std::array<Fp, 8> x, y, z;
  ifma::store_lanes(p.x, packed);
  ifma::unpack(packed, x);
  ifma::store_lanes(p.y, packed);
  ifma::unpack(packed, y);
  ifma::store_lanes(p.z, packed);
  ifma::unpack(packed, z);
  std::array<G1Xyzz, 8> out;
  for (int lane = 0; lane < 8; ++lane) {
    if (z[lane].is_zero()) {
      out[lane] = G1Xyzz::infinity();
      continue;
    }
    const Fp zz = z[lane].squared();
    out[lane] = {x[lane] * z[lane], y[lane] * zz, zz, zz * z[lane]};
  }
  return out;
}

__attribute__((target("avx512f,avx512ifma"))) void reduce_segments(std::span<const PackedAffine> buckets,
                                                                   Projective8& acc, Projective8& run) {
  const std::size_t segment = buckets.size() / 8;
  alignas(64) long long offsets[8];
  for (int lane = 0; lane < 8; ++lane) {
    offsets[lane] = static_cast<long long>(static_cast<std::size_t>(lane) * segment * sizeof(PackedAffine));
  }
  const __m512i index = _mm512_load_si512(offsets);
  const __m512i flag_bits = _mm512_set1_epi64(0xff);
  run = ifma::projective_infinity();
  acc = run;
  for (std::size_t k = segment; k-- > 0;) {
    const auto* at = reinterpret_cast<const char*>(&buckets[k]);
    Fp8 x, y;
    for (int j = 0; j < ifma::kLimbs; ++j) {
      x.l[j] = _mm512_i64gather_epi64(index, at + offsetof(PackedAffine, x) + 8 * j, 1);
      y.l[j] = _mm512_i64gather_epi64(index, at + offsetof(PackedAffine, y) + 8 * j, 1);
    }
    // The flag's byte (the gather reads the padding after it too).
    const __m512i flag =
        _mm512_and_si512(_mm512_i64gather_epi64(index, at + offsetof(PackedAffine, infinity), 1), flag_bits);
    const __mmask8 finite = _mm512_cmpeq_epi64_mask(flag, _mm512_setzero_si512());
    run = ifma::select(finite, ifma::add_mixed(run, x, y), run);
    acc = ifma::add(acc, run);
  }
}

}  // namespace

G1Xyzz weighted_sum_ifma(std::span<const PackedAffine> buckets) {
  Projective8 acc, run;
  reduce_segments(buckets, acc, run);
  const std::array<G1Xyzz, 8> lane_acc = to_host(acc), lane_run = to_host(run);
  G1Xyzz sum = G1Xyzz::infinity();
  for (const G1Xyzz& a : lane_acc) sum.add(a);
  // sum_j j run_j by running sums over the lanes, then times the segment length.
  G1Xyzz running = G1Xyzz::infinity(), weighted = G1Xyzz::infinity();
  for (std::size_t lane = 8; lane-- > 1;) {
    running.add(lane_run[lane]);
    weighted.add(running);
  }
  sum.add(times(weighted, buckets.size() / 8));
  return sum;
}

#else

G1Xyzz weighted_sum_ifma(std::span<const PackedAffine>) { return G1Xyzz::infinity(); }

#endif

}  // namespace hwbench::msm
