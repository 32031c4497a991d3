// Deterministic MSM inputs and the on-disk cache of bases.
//
// Base i = [k_i] G, k_i uniform in [1, r) from Rng(seed, kBaseStream + i): valid subgroup points by
// construction, independent of N. They are computed with a fixed-base comb: table[w][d] = [d 2^(8w)] G
// for the 32 bytes w of k and d in 1..255, so each base costs at most 32 mixed additions; then one
// field inversion per block converts a block of bases to affine.
//
// Cache (core/record_cache.hpp): msm-g1-bases-v1-seed-<seed>.bin, magic "HWBMSM1\0", records (x || y) as
// 48-byte big-endian integers; bases read back are checked to be on the curve.
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "core/record_cache.hpp"
#include "core/rng.hpp"
#include "workloads/bls12_381/random_scalar.hpp"
#include "workloads/msm/workload.hpp"

namespace hwbench::msm {

using bls12_381::Fp;
using bls12_381::G1Xyzz;
using bls12_381::uniform_scalar;

namespace {

constexpr std::uint64_t kBaseStream = 0x6261736500000000ULL;    // "base"
constexpr std::uint64_t kScalarStream = 0x7363616c00000000ULL;  // "scal"
constexpr RecordCache::Magic kMagic = {'H', 'W', 'B', 'M', 'S', 'M', '1', '\0'};
constexpr std::size_t kPointBytes = 96;

struct CombTable {
  // entries[w * 255 + (d - 1)] = [d 2^(8w)] G
  std::vector<G1Affine> entries;

  CombTable() {
    std::vector<G1Xyzz> xyzz(32 * 255);
    G1Xyzz step = G1Xyzz::from_affine(bls12_381::g1_generator());
    for (int w = 0; w < 32; ++w) {
      G1Xyzz acc = step;
      for (int d = 1; d <= 255; ++d) {
        xyzz[static_cast<std::size_t>(w * 255 + d - 1)] = acc;
        acc.add(step);
      }
      for (int b = 0; b < 8; ++b) step.double_in_place();
    }
    entries.resize(xyzz.size());
    bls12_381::batch_to_affine(xyzz, entries);
  }

  G1Xyzz multiply(const Scalar& k) const {
    G1Xyzz acc = G1Xyzz::infinity();
    for (int w = 0; w < 32; ++w) {
      const unsigned byte = (k[static_cast<std::size_t>(w / 8)] >> (8 * (w % 8))) & 0xff;
      if (byte != 0) acc.add_affine(entries[static_cast<std::size_t>(w * 255) + byte - 1]);
    }
    return acc;
  }
};

RecordCache bases_cache(std::uint64_t seed) {
  return RecordCache("msm-g1-bases-v1-seed-" + std::to_string(seed) + ".bin", kMagic, seed, kPointBytes);
}

// The first n bases of the cache file, or nothing when it is missing, short, damaged or off the curve.
std::vector<G1Affine> load_cached(std::uint64_t seed, std::uint64_t n) {
  const auto bytes = bases_cache(seed).load(n);
  if (bytes.empty()) return {};
  std::vector<G1Affine> bases(n);
  bool valid = true;
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 4096), [&](const auto& r) {
    for (std::size_t i = r.begin(); i < r.end(); ++i) {
      const auto* p = reinterpret_cast<const std::uint8_t*>(bytes.data() + i * kPointBytes);
      const auto x = bls12_381::fp_from_bytes(p), y = bls12_381::fp_from_bytes(p + 48);
      if (!x || !y) {
        valid = false;
        return;
      }
      bases[i] = {*x, *y, false};
      if (!bls12_381::is_on_curve(bases[i])) valid = false;
    }
  });
  return valid ? bases : std::vector<G1Affine>{};
}

void store_cached(std::uint64_t seed, const std::vector<G1Affine>& bases) {
  std::vector<std::byte> bytes(bases.size() * kPointBytes);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, bases.size(), 4096), [&](const auto& r) {
    for (std::size_t i = r.begin(); i < r.end(); ++i) {
      auto* p = reinterpret_cast<std::uint8_t*>(bytes.data() + i * kPointBytes);
      bls12_381::to_bytes(bases[i].x, p);
      bls12_381::to_bytes(bases[i].y, p + 48);
    }
  });
  bases_cache(seed).store(bytes);
}

std::vector<G1Affine> compute_bases(std::uint64_t seed, std::uint64_t n) {
  static const CombTable table;
  std::vector<G1Affine> bases(n);
  constexpr std::size_t kBlock = 1024;  // one inversion per block
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, kBlock), [&](const auto& r) {
    std::vector<G1Xyzz> block(r.size());
    for (std::size_t i = r.begin(); i < r.end(); ++i) {
      Rng rng(seed, kBaseStream + i);
      block[i - r.begin()] = table.multiply(uniform_scalar(rng, /*nonzero=*/true));
    }
    bls12_381::batch_to_affine(block, std::span(bases).subspan(r.begin(), r.size()));
  });
  return bases;
}

}  // namespace

std::vector<G1Affine> generate_bases(std::uint64_t seed, std::uint64_t n) {
  if (auto cached = load_cached(seed, n); !cached.empty() || n == 0) return cached;
  auto bases = compute_bases(seed, n);
  store_cached(seed, bases);
  return bases;
}

std::vector<Scalar> generate_scalars(std::uint64_t seed, std::uint64_t n) {
  std::vector<Scalar> scalars(n);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 4096), [&](const auto& r) {
    for (std::size_t i = r.begin(); i < r.end(); ++i) {
      Rng rng(seed, kScalarStream + i);
      scalars[i] = uniform_scalar(rng, /*nonzero=*/false);
    }
  });
  return scalars;
}

}  // namespace hwbench::msm
