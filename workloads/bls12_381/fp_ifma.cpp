#include "workloads/bls12_381/fp_ifma.hpp"

#include <algorithm>
#include <vector>

#include "core/host_info.hpp"

#if defined(__x86_64__)
#include "workloads/bls12_381/fp_ifma_vector.hpp"
#endif

namespace hwbench::bls12_381::ifma {
namespace {

Limbs<6> shifted_left(Limbs<6> v, unsigned bits) {
  for (unsigned b = 0; b < bits; ++b) {
    for (std::size_t i = 6; i-- > 0;) v[i] = (v[i] << 1) | (i > 0 ? v[i - 1] >> 63 : 0);
  }
  return v;
}

}  // namespace

#if defined(__x86_64__)

bool available() { return cpu_features().avx512ifma; }

const Constants& constants() {
  static const Constants c = [] {
    Constants k{};
    k.p = to_52<kLimbs>(FpParams::kModulus);
    k.inv = FpParams::kInv & kMask;  // -p^-1 mod 2^64, reduced mod 2^52
    // 2^448 mod p is the host form (x 2^384) of 2^64, and 2^384 mod p the host form of 1.
    Limbs<6> two_64{};
    two_64[1] = 1;
    k.to_ifma = to_52<kLimbs>(Fp::from_canonical(two_64).montgomery());
    k.to_host = to_52<kLimbs>(FpParams::kOne);
    for (unsigned s = 0; s < 4; ++s) {
      k.multiple[s] = to_52<kLimbs>(shifted_left(FpParams::kModulus, s));  // 2^s p < 2^384 fits 6 limbs
    }
    k.raised_8p = raised(k.multiple[3]);
    // x 2^416 = (x 2^32) 2^384: the host form of x 2^32, read as an integer.
    const Fp two_32 = Fp::from_u64(std::uint64_t{1} << 32);
    k.one = to_52<kLimbs>(two_32.montgomery());
    k.b3 = to_52<kLimbs>((Fp::from_u64(12) * two_32).montgomery());
    return k;
  }();
  return c;
}

namespace {

// Up to eight elements through one vector multiplication by a constant, made canonical.
__attribute__((target("avx512f,avx512ifma"))) void convert8(const Limbs52<kLimbs>* in, std::size_t count,
                                                            const Limbs52<kLimbs>& factor,
                                                            Limbs52<kLimbs>* out) {
  alignas(64) std::uint64_t lanes[kLimbs][8] = {};
  for (std::size_t i = 0; i < count; ++i) {
    for (int j = 0; j < kLimbs; ++j) lanes[j][i] = in[i][j];
  }
  Fp8 a;
  for (int j = 0; j < kLimbs; ++j) a.l[j] = _mm512_load_si512(lanes[j]);
  const Fp8 r = canonical(mul(a, broadcast(factor)), 0);
  for (int j = 0; j < kLimbs; ++j) _mm512_store_si512(lanes[j], r.l[j]);
  for (std::size_t i = 0; i < count; ++i) {
    for (int j = 0; j < kLimbs; ++j) out[i][j] = lanes[j][i];
  }
}

}  // namespace

void pack(std::span<const Fp> in, std::span<PackedFp> out) {
  for (std::size_t first = 0; first < in.size(); first += 8) {
    const std::size_t count = std::min<std::size_t>(8, in.size() - first);
    Limbs52<kLimbs> raw[8];
    for (std::size_t i = 0; i < count; ++i) raw[i] = to_52<kLimbs>(in[first + i].montgomery());
    Limbs52<kLimbs> done[8];
    convert8(raw, count, constants().to_ifma, done);
    for (std::size_t i = 0; i < count; ++i) out[first + i].limb = done[i];
  }
}

void unpack(std::span<const PackedFp> in, std::span<Fp> out) {
  for (std::size_t first = 0; first < in.size(); first += 8) {
    const std::size_t count = std::min<std::size_t>(8, in.size() - first);
    Limbs52<kLimbs> raw[8];
    for (std::size_t i = 0; i < count; ++i) raw[i] = in[first + i].limb;
    Limbs52<kLimbs> done[8];
    convert8(raw, count, constants().to_host, done);
    for (std::size_t i = 0; i < count; ++i) out[first + i] = Fp::from_montgomery(from_52<6>(done[i]));
  }
}

#else

bool available() { return false; }
void pack(std::span<const Fp>, std::span<PackedFp>) {}
void unpack(std::span<const PackedFp>, std::span<Fp>) {}

#endif

namespace {

// Both coordinates of every point through one element conversion; infinity kept as a flag.
template <class In, class Out, class Convert>
void convert_points(std::span<const In> in, std::span<Out> out, Convert&& convert) {
  using InField = decltype(In{}.x);
  using OutField = decltype(Out{}.x);
  std::vector<InField> coords(2 * in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    coords[2 * i] = in[i].x;
    coords[2 * i + 1] = in[i].y;
  }
  std::vector<OutField> converted(coords.size());
  convert(std::span<const InField>(coords), std::span<OutField>(converted));
  for (std::size_t i = 0; i < in.size(); ++i) {
    out[i] = in[i].infinity ? Out{} : Out{converted[2 * i], converted[2 * i + 1], false};
  }
}

}  // namespace

void pack(std::span<const G1Affine> in, std::span<PackedAffine> out) {
  convert_points(in, out, [](std::span<const Fp> a, std::span<PackedFp> b) { pack(a, b); });
}

void unpack(std::span<const PackedAffine> in, std::span<G1Affine> out) {
  convert_points(in, out, [](std::span<const PackedFp> a, std::span<Fp> b) { unpack(a, b); });
}

PackedFp negate(const PackedFp& x) {
  bool zero = true;
  for (auto l : x.limb) zero &= l == 0;
  if (zero) return x;
  const auto p = to_52<kLimbs>(FpParams::kModulus);
  PackedFp r;
  std::int64_t borrow = 0;
  for (int j = 0; j < kLimbs; ++j) {
    const std::int64_t v = static_cast<std::int64_t>(p[j]) - static_cast<std::int64_t>(x.limb[j]) + borrow;
    borrow = v < 0 ? -1 : 0;
    r.limb[j] = static_cast<std::uint64_t>(v) & kMask;
  }
  return r;
}

}  // namespace hwbench::bls12_381::ifma
