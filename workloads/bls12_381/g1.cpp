#include "workloads/bls12_381/g1.hpp"

namespace hwbench::bls12_381 {
namespace {

constexpr std::uint8_t kCompressedFlag = 0x80;
constexpr std::uint8_t kInfinityFlag = 0x40;
constexpr std::uint8_t kSignFlag = 0x20;

Fp curve_b() {
  static const Fp b = Fp::from_u64(4);
  return b;
}

// (p + 1) / 4: p = 3 mod 4, so a square a has the root a^((p+1)/4).
constexpr Fp::Repr kSqrtExponent = shift_right(add_small(FpParams::kModulus, 1), 2);
// (p - 1) / 2: y is "larger" when y > (p - 1) / 2.
constexpr Fp::Repr kHalfModulus = shift_right(sub_small(FpParams::kModulus, 1), 1);

bool is_larger_half(const Fp& y) { return less_than(kHalfModulus, y.to_canonical()); }

}  // namespace

void to_bytes(const Fp& v, std::uint8_t out[48]) {
  const auto limbs = v.to_canonical();
  for (int i = 0; i < 48; ++i) out[47 - i] = static_cast<std::uint8_t>(limbs[i / 8] >> (8 * (i % 8)));
}

std::optional<Fp> fp_from_bytes(const std::uint8_t in[48]) {
  Fp::Repr limbs{};
  for (int i = 0; i < 48; ++i) limbs[i / 8] |= static_cast<std::uint64_t>(in[47 - i]) << (8 * (i % 8));
  if (!Fp::is_canonical(limbs)) return std::nullopt;
  return Fp::from_canonical(limbs);
}

const G1Affine& g1_generator() {
  static const G1Affine g = [] {
    // x = 0x17f1d3a7..., y = 0x08b3f481... (big-endian canonical integers)
    constexpr Fp::Repr x = {0xfb3af00adb22c6bbULL, 0x6c55e83ff97a1aefULL, 0xa14e3a3f171bac58ULL,
                            0xc3688c4f9774b905ULL, 0x2695638c4fa9ac0fULL, 0x17f1d3a73197d794ULL};
    constexpr Fp::Repr y = {0x0caa232946c5e7e1ULL, 0xd03cc744a2888ae4ULL, 0x00db18cb2c04b3edULL,
                            0xfcf5e095d5d00af6ULL, 0xa09e30ed741d8ae4ULL, 0x08b3f481e3aaa0f1ULL};
    return G1Affine{Fp::from_canonical(x), Fp::from_canonical(y), false};
  }();
  return g;
}

G1Affine xyzz_to_affine(const G1Xyzz& p) {
  if (p.is_infinity()) return {};
  // One inversion for both denominators: t = 1 / (ZZ * ZZZ).
  const Fp t = (p.zz * p.zzz).inverse();
  return {p.x * (t * p.zzz), p.y * (t * p.zz), false};
}

bool is_on_curve(const G1Affine& p) {
  if (p.infinity) return true;
  return p.y.squared() == p.x.squared() * p.x + curve_b();
}

G1Xyzz scalar_multiply(const G1Affine& p, const Scalar& k) {
  G1Xyzz acc = G1Xyzz::infinity();
  for (std::size_t i = k.size(); i-- > 0;) {
    for (int bit = 63; bit >= 0; --bit) {
      acc.double_in_place();
      if ((k[i] >> bit) & 1) acc.add_affine(p);
    }
  }
  return acc;
}

bool in_subgroup(const G1Affine& p) { return scalar_multiply(p, kGroupOrder).is_infinity(); }

void batch_to_affine(std::span<const G1Xyzz> in, std::span<G1Affine> out) {
  // prefix[i] = product of d_0 .. d_i over finite points, d = ZZ * ZZZ.
  std::vector<Fp> prefix(in.size());
  Fp acc = Fp::one();
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (!in[i].is_infinity()) acc = acc * (in[i].zz * in[i].zzz);
    prefix[i] = acc;
  }
  Fp inv = acc.inverse();
  for (std::size_t i = in.size(); i-- > 0;) {
    if (in[i].is_infinity()) {
      out[i] = {};
      continue;
    }
    const Fp d = in[i].zz * in[i].zzz;
    const Fp t = i > 0 ? inv * prefix[i - 1] : inv;  // 1 / d_i
    inv = inv * d;
    out[i] = {in[i].x * (t * in[i].zzz), in[i].y * (t * in[i].zz), false};
  }
}

G1Compressed compress(const G1Affine& p) {
  G1Compressed out{};
  if (p.infinity) {
    out[0] = kCompressedFlag | kInfinityFlag;
    return out;
  }
  to_bytes(p.x, out.data());
  out[0] |= kCompressedFlag;
  if (is_larger_half(p.y)) out[0] |= kSignFlag;
  return out;
}

std::optional<G1Affine> decompress(const G1Compressed& bytes, std::string* error) {
  auto fail = [&](const char* why) -> std::optional<G1Affine> {
    if (error != nullptr) *error = why;
    return std::nullopt;
  };
  const std::uint8_t flags = bytes[0] & 0xe0;
  if ((flags & kCompressedFlag) == 0) return fail("compression flag not set");
  if ((flags & kInfinityFlag) != 0) {
    if ((flags & kSignFlag) != 0 || (bytes[0] & 0x1f) != 0) return fail("non-canonical encoding of infinity");
    for (std::size_t i = 1; i < bytes.size(); ++i) {
      if (bytes[i] != 0) return fail("non-canonical encoding of infinity");
    }
    return G1Affine{};
  }
  std::uint8_t raw[48];
  std::copy(bytes.begin(), bytes.end(), raw);
  raw[0] &= 0x1f;
  const auto x = fp_from_bytes(raw);
  if (!x) return fail("x is not below the field modulus");
  const Fp rhs = x->squared() * *x + curve_b();
  Fp y = rhs.pow(kSqrtExponent);
  if (!(y.squared() == rhs)) return fail("x is not the x-coordinate of a curve point");
  if (is_larger_half(y) != ((flags & kSignFlag) != 0)) y = -y;
  const G1Affine p{*x, y, false};
  if (!in_subgroup(p)) return fail("point is not in the prime-order subgroup");
  return p;
}

}  // namespace hwbench::bls12_381
