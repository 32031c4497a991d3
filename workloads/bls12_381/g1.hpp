#pragma once

// G1 of BLS12-381 on the host: y^2 = x^3 + 4 over Fp, affine points, XYZZ points (xyzz.hpp),
// scalar multiplication, batch conversion and the compressed encoding.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "workloads/bls12_381/params.hpp"
#include "workloads/bls12_381/xyzz.hpp"

namespace hwbench::bls12_381 {

struct G1Affine {
  Fp x;
  Fp y;
  bool infinity = true;

  friend bool operator==(const G1Affine& a, const G1Affine& b) {
    return a.infinity == b.infinity && (a.infinity || (a.x == b.x && a.y == b.y));
  }
  G1Affine negated() const { return infinity ? *this : G1Affine{x, -y, false}; }
  bool is_infinity() const { return infinity; }
};

using G1Xyzz = Xyzz<Fp>;
G1Affine xyzz_to_affine(const G1Xyzz& p);

// The fixed generator of G1.
const G1Affine& g1_generator();

bool is_on_curve(const G1Affine& p);
// [r]p == infinity.
bool in_subgroup(const G1Affine& p);

// [k]p by double-and-add over the bits of k (tests, references; not constant time).
G1Xyzz scalar_multiply(const G1Affine& p, const Scalar& k);

// Converts many points with one field inversion (Montgomery's trick).
void batch_to_affine(std::span<const G1Xyzz> in, std::span<G1Affine> out);

// ZCash/IETF compressed encoding: 48 bytes, big-endian x with three flag bits in the first byte
// (0x80 compressed, 0x40 infinity, 0x20 y is the larger of y and p - y).
using G1Compressed = std::array<std::uint8_t, 48>;
G1Compressed compress(const G1Affine& p);
// Rejects: missing compression flag, infinity with other bits set, x >= p, x not on the curve,
// points outside the subgroup. On failure returns nullopt and says why in *error.
std::optional<G1Affine> decompress(const G1Compressed& bytes, std::string* error = nullptr);

// Fp <-> 48 big-endian bytes (canonical integer).
void to_bytes(const Fp& v, std::uint8_t out[48]);
std::optional<Fp> fp_from_bytes(const std::uint8_t in[48]);

}  // namespace hwbench::bls12_381
