// Batched affine additions with AVX-512 IFMA: the same steps as the host add_batch (two interleaved
// prefix products, one inversion, the additions walking back), eight additions per vector
// operation. Only reached where bls12_381::ifma::available().
#include <algorithm>
#include <cstddef>
#include <vector>

#include "workloads/msm/affine_buckets.hpp"

#if defined(__x86_64__)
#include "workloads/bls12_381/fp_ifma_vector.hpp"
#endif

namespace hwbench::msm {

using bls12_381::ifma::PackedAffine;
using bls12_381::ifma::PackedFp;

#if defined(__x86_64__)

namespace {

namespace ifma = bls12_381::ifma;
using ifma::Fp8;

// Eight lanes of the batch, in vector form, kept for the walk back.
struct Lanes {
  Fp8 bx, by, px, py, d;
  __m512i bucket_offsets;  // byte offsets of the lanes' buckets
  __mmask8 valid;          // lanes that hold an addition (the last group may be partial)
};

// Limb j of the eight lanes' elements at base + offsets (bytes); lanes outside `valid` take `fill`.
HWBENCH_IFMA Fp8 gather(__mmask8 valid, __m512i offsets, const char* base, const Fp8& fill) {
  Fp8 r;
  for (int j = 0; j < ifma::kLimbs; ++j) {
    r.l[j] = _mm512_mask_i64gather_epi64(fill.l[j], valid, offsets, base + 8 * j, 1);
  }
  return r;
}

HWBENCH_IFMA void scatter(__mmask8 valid, __m512i offsets, char* base, const Fp8& v) {
  for (int j = 0; j < ifma::kLimbs; ++j)
    _mm512_mask_i64scatter_epi64(base + 8 * j, valid, offsets, v.l[j], 1);
}

// 1/x for each lane, through the host field: one inversion for the eight.
__attribute__((target("avx512f,avx512ifma"))) Fp8 invert_lanes(const Fp8& x) {
  PackedFp packed[8];
  ifma::store_lanes(ifma::canonical(x, 0), packed);
  bls12_381::Fp host[8], prefix[8];
  ifma::unpack(packed, host);
  bls12_381::Fp acc = bls12_381::Fp::one();
  for (int lane = 0; lane < 8; ++lane) {
    acc = acc * host[lane];
    prefix[lane] = acc;
  }
  bls12_381::Fp inverse = acc.inverse();
  for (int lane = 8; lane-- > 0;) {
    const bls12_381::Fp inv = lane > 0 ? inverse * prefix[lane - 1] : inverse;
    inverse = inverse * host[lane];
    host[lane] = inv;
  }
  ifma::pack(host, packed);
  return ifma::load_lanes(packed);
}

__attribute__((target("avx512f,avx512ifma"))) void add_batch_ifma(std::span<PackedAffine> buckets,
                                                                  std::span<const PackedAffine> points,
                                                                  std::span<const PendingAdd> batch) {
  const std::size_t n = batch.size(), groups = (n + 7) / 8;
  thread_local std::vector<Lanes> lanes;
  thread_local std::vector<Fp8> prefix;
  lanes.resize(groups);
  prefix.resize(groups);
  char* bucket_base = reinterpret_cast<char*>(buckets.data()) + offsetof(PackedAffine, x);
  const char* point_base = reinterpret_cast<const char*>(points.data()) + offsetof(PackedAffine, x);
  constexpr std::size_t kY = offsetof(PackedAffine, y) - offsetof(PackedAffine, x);
  // Padding lanes add x = 1 to x = 0: a nonzero denominator, results dropped.
  Fp8 zero, one;
  for (int j = 0; j < ifma::kLimbs; ++j) zero.l[j] = one.l[j] = _mm512_setzero_si512();
  one.l[0] = _mm512_set1_epi64(1);
  Fp8 chain[2];  // chain[k]: product of the d of groups k, k + 2, ... so far
  for (std::size_t g = 0; g < groups; ++g) {
    // The buckets two groups ahead: random lines that the gathers below would otherwise wait on.
    for (std::size_t i = 8 * (g + 2); i < std::min(n, 8 * (g + 3)); ++i) {
      const char* b = reinterpret_cast<const char*>(buckets.data() + batch[i].bucket);
      for (std::size_t line = 0; line < sizeof(PackedAffine); line += 64) _mm_prefetch(b + line, _MM_HINT_T0);
    }
    alignas(64) long long bucket_offsets[8] = {}, point_offsets[8] = {};
    unsigned valid = 0, negate = 0;
    for (unsigned lane = 0; lane < 8 && 8 * g + lane < n; ++lane) {
      const PendingAdd& item = batch[8 * g + lane];
      bucket_offsets[lane] = static_cast<long long>(item.bucket * sizeof(PackedAffine));
      point_offsets[lane] = static_cast<long long>(item.point * sizeof(PackedAffine));
      valid |= 1u << lane;
      negate |= static_cast<unsigned>(item.negate) << lane;
    }
    Lanes& l = lanes[g];
    l.valid = static_cast<__mmask8>(valid);
    l.bucket_offsets = _mm512_load_si512(bucket_offsets);
    const __m512i point_index = _mm512_load_si512(point_offsets);
    l.bx = gather(l.valid, l.bucket_offsets, bucket_base, zero);
    l.by = gather(l.valid, l.bucket_offsets, bucket_base + kY, zero);
    l.px = gather(l.valid, point_index, point_base, one);
    const Fp8 py = gather(l.valid, point_index, point_base + kY, zero);
    // A negative digit adds -P: 8 p - y, unreduced (sub() takes it).
    const Fp8 minus_py = ifma::sub(zero, py);
    for (int j = 0; j < ifma::kLimbs; ++j) {
      l.py.l[j] = _mm512_mask_blend_epi64(static_cast<__mmask8>(negate), py.l[j], minus_py.l[j]);
    }
    l.d = ifma::sub(l.px, l.bx);
    chain[g & 1] = g < 2 ? l.d : ifma::mul(chain[g & 1], l.d);
    prefix[g] = chain[g & 1];
  }
  Fp8 inverse[2];
  if (groups == 1) {
    inverse[0] = invert_lanes(chain[0]);
  } else {
    const Fp8 both = invert_lanes(ifma::mul(chain[0], chain[1]));
    inverse[0] = ifma::mul(both, chain[1]);
    inverse[1] = ifma::mul(both, chain[0]);
  }
  for (std::size_t g = groups; g-- > 0;) {
    const Lanes& l = lanes[g];
    Fp8& chain_inverse = inverse[g & 1];
    const Fp8 inv_d = g > 1 ? ifma::mul(chain_inverse, prefix[g - 2]) : chain_inverse;
    if (g > 1) chain_inverse = ifma::mul(chain_inverse, l.d);
    const Fp8 lambda = ifma::mul(ifma::sub(l.py, l.by), inv_d);
    const Fp8 x3 = ifma::canonical(ifma::sub(ifma::mul(lambda, lambda), ifma::add(l.bx, l.px)), 3);
    const Fp8 y3 = ifma::canonical(ifma::sub(ifma::mul(lambda, ifma::sub(l.bx, x3)), l.by), 3);
    scatter(l.valid, l.bucket_offsets, bucket_base, x3);
    scatter(l.valid, l.bucket_offsets, bucket_base + kY, y3);
  }
}

}  // namespace

void add_batch(std::span<PackedAffine> buckets, std::span<const PackedAffine> points,
               std::span<const PendingAdd> batch) {
  if (!batch.empty()) add_batch_ifma(buckets, points, batch);
}

#else

void add_batch(std::span<PackedAffine>, std::span<const PackedAffine>, std::span<const PendingAdd>) {}

#endif

}  // namespace hwbench::msm
