// Deterministic MSM inputs and the on-disk cache of bases.
//
// Base i = [k_i] G, k_i uniform in [1, r) from Rng(seed, kBaseStream + i): valid subgroup points by
// construction, independent of N. They are computed with a fixed-base comb: table[w][d] = [d 2^(8w)] G
// for the 32 bytes w of k and d in 1..255, so each base costs at most 32 mixed additions; then one
// field inversion per block converts a block of bases to affine.
//
// Cache: $XDG_CACHE_HOME/hwbench (else ~/.cache/hwbench)/msm-g1-bases-v1-seed-<seed>.bin holds the first
// M bases of a seed: "HWBMSM1\0", seed and M as little-endian u64, M x (x || y) as 48-byte big-endian
// integers, then the SHA-256 of everything before it. A file that fails any check is regenerated.
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/atomic_file.hpp"
#include "core/little_endian.hpp"
#include "core/rng.hpp"
#include "workloads/bls12_381/random_scalar.hpp"
#include "workloads/msm/workload.hpp"
#include "workloads/sha256/openssl_sha256.hpp"

namespace hwbench::msm {

using bls12_381::Fp;
using bls12_381::G1Xyzz;
using bls12_381::uniform_scalar;

namespace {

constexpr std::uint64_t kBaseStream = 0x6261736500000000ULL;    // "base"
constexpr std::uint64_t kScalarStream = 0x7363616c00000000ULL;  // "scal"
constexpr char kMagic[8] = {'H', 'W', 'B', 'M', 'S', 'M', '1', '\0'};
constexpr std::size_t kPointBytes = 96;
constexpr std::size_t kHeaderBytes = 24;

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

std::filesystem::path cache_path(std::uint64_t seed) {
  std::filesystem::path dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg != '\0') {
    dir = xdg;
  } else if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    dir = std::filesystem::path(home) / ".cache";
  } else {
    return {};
  }
  return dir / "hwbench" / ("msm-g1-bases-v1-seed-" + std::to_string(seed) + ".bin");
}

std::vector<std::byte> digest(const std::vector<std::byte>& bytes, std::size_t length) {
  std::vector<std::byte> d(32);
  sha256::OpensslHasher().hash(bytes.data(), length, d.data());
  return d;
}

// The first n bases of the cache file, or nothing when it is missing, short or damaged.
std::vector<G1Affine> load_cached(const std::filesystem::path& path, std::uint64_t seed, std::uint64_t n) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec || size < kHeaderBytes + 32) return {};
  std::vector<std::byte> bytes(size);
  std::ifstream in(path, std::ios::binary);
  if (!in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size))) return {};
  const std::uint64_t count = load_le64(bytes.data() + 16);
  if (std::memcmp(bytes.data(), kMagic, 8) != 0 || load_le64(bytes.data() + 8) != seed || count < n ||
      size != kHeaderBytes + count * kPointBytes + 32) {
    return {};
  }
  const auto want = digest(bytes, size - 32);
  if (std::memcmp(want.data(), bytes.data() + size - 32, 32) != 0) return {};
  std::vector<G1Affine> bases(n);
  bool valid = true;
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 4096), [&](const auto& r) {
    for (std::size_t i = r.begin(); i < r.end(); ++i) {
      const auto* p = reinterpret_cast<const std::uint8_t*>(bytes.data() + kHeaderBytes + i * kPointBytes);
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

// Best effort: a cache that cannot be written only costs the next run the generation time.
void store_cached(const std::filesystem::path& path, std::uint64_t seed, const std::vector<G1Affine>& bases) {
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  if (ec) return;
  std::vector<std::byte> bytes(kHeaderBytes + bases.size() * kPointBytes + 32);
  std::memcpy(bytes.data(), kMagic, 8);
  store_le64(bytes.data() + 8, seed);
  store_le64(bytes.data() + 16, bases.size());
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, bases.size(), 4096), [&](const auto& r) {
    for (std::size_t i = r.begin(); i < r.end(); ++i) {
      auto* p = reinterpret_cast<std::uint8_t*>(bytes.data() + kHeaderBytes + i * kPointBytes);
      bls12_381::to_bytes(bases[i].x, p);
      bls12_381::to_bytes(bases[i].y, p + 48);
    }
  });
  const auto d = digest(bytes, bytes.size() - 32);
  std::memcpy(bytes.data() + bytes.size() - 32, d.data(), 32);
  try {
    write_file_atomically(path, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
  } catch (const std::exception&) {
  }
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
  const auto path = cache_path(seed);
  if (!path.empty()) {
    if (auto cached = load_cached(path, seed, n); !cached.empty() || n == 0) return cached;
  }
  auto bases = compute_bases(seed, n);
  if (!path.empty()) store_cached(path, seed, bases);
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
