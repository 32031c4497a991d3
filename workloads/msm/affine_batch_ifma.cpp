// Batched affine additions with AVX-512 IFMA: the same steps as the host add_batch (two interleaved
// prefix products, one inversion, the additions walking back), eight additions per vector
// operation. Only reached where bls12_381::ifma::available().
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
};

__attribute__((target("avx512f,avx512ifma"))) Fp8 gather(const PackedFp* const (&src)[8]) {
  alignas(64) std::uint64_t t[ifma::kLimbs][8];
  for (int lane = 0; lane < 8; ++lane) {
    for (int j = 0; j < ifma::kLimbs; ++j) t[j][lane] = src[lane]->limb[j];
  }
  Fp8 r;
  for (int j = 0; j < ifma::kLimbs; ++j) r.l[j] = _mm512_load_si512(t[j]);
  return r;
}

__attribute__((target("avx512f,avx512ifma"))) void scatter(const Fp8& v, PackedFp* const (&dst)[8],
                                                           int lanes) {
  alignas(64) std::uint64_t t[ifma::kLimbs][8];
  for (int j = 0; j < ifma::kLimbs; ++j) _mm512_store_si512(t[j], v.l[j]);
  for (int lane = 0; lane < lanes; ++lane) {
    for (int j = 0; j < ifma::kLimbs; ++j) dst[lane]->limb[j] = t[j][lane];
  }
}

// 1/x for each lane, through the host field: one inversion for the eight.
__attribute__((target("avx512f,avx512ifma"))) Fp8 invert_lanes(const Fp8& x) {
  alignas(64) std::uint64_t t[ifma::kLimbs][8];
  const Fp8 c = ifma::canonical(x, 0);
  for (int j = 0; j < ifma::kLimbs; ++j) _mm512_store_si512(t[j], c.l[j]);
  PackedFp packed[8];
  for (int lane = 0; lane < 8; ++lane) {
    for (int j = 0; j < ifma::kLimbs; ++j) packed[lane].limb[j] = t[j][lane];
  }
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
  for (int lane = 0; lane < 8; ++lane) {
    for (int j = 0; j < ifma::kLimbs; ++j) t[j][lane] = packed[lane].limb[j];
  }
  Fp8 r;
  for (int j = 0; j < ifma::kLimbs; ++j) r.l[j] = _mm512_load_si512(t[j]);
  return r;
}

__attribute__((target("avx512f,avx512ifma"))) void add_batch_ifma(
    std::span<PackedAffine> buckets, std::span<const PendingAdd<PackedAffine>> batch) {
  const std::size_t n = batch.size(), groups = (n + 7) / 8;
  thread_local std::vector<Lanes> lanes;
  thread_local std::vector<Fp8> prefix;
  lanes.resize(groups);
  prefix.resize(groups);
  // Padding lanes add x = 1 to x = 0: a nonzero denominator, results dropped.
  static const PackedFp one = [] {
    PackedFp v;
    v.limb[0] = 1;
    return v;
  }();
  static const PackedFp zero{};
  Fp8 chain[2];  // chain[k]: product of the d of groups k, k + 2, ... so far
  for (std::size_t g = 0; g < groups; ++g) {
    const PackedFp *bx[8], *by[8], *px[8], *py[8];
    for (int lane = 0; lane < 8; ++lane) {
      const std::size_t i = 8 * g + lane;
      if (i < n) {
        const PackedAffine& b = buckets[batch[i].index];
        bx[lane] = &b.x;
        by[lane] = &b.y;
        px[lane] = &batch[i].point.x;
        py[lane] = &batch[i].point.y;
      } else {
        bx[lane] = by[lane] = py[lane] = &zero;
        px[lane] = &one;
      }
    }
    Lanes& l = lanes[g];
    l.bx = gather(bx);
    l.by = gather(by);
    l.px = gather(px);
    l.py = gather(py);
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
    PackedFp *ox[8], *oy[8];
    const int count = static_cast<int>(std::min<std::size_t>(8, n - 8 * g));
    for (int lane = 0; lane < count; ++lane) {
      PackedAffine& b = buckets[batch[8 * g + lane].index];
      ox[lane] = &b.x;
      oy[lane] = &b.y;
    }
    scatter(x3, ox, count);
    scatter(y3, oy, count);
  }
}

}  // namespace

void add_batch(std::span<PackedAffine> buckets, std::span<const PendingAdd<PackedAffine>> batch) {
  if (!batch.empty()) add_batch_ifma(buckets, batch);
}

#else

void add_batch(std::span<PackedAffine>, std::span<const PendingAdd<PackedAffine>>) {}

#endif

}  // namespace hwbench::msm
