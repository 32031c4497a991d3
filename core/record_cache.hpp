#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string_view>
#include <vector>

namespace hwbench {

// Inputs that are costly to generate (curve points, signed batches) kept on disk between runs, under
// $XDG_CACHE_HOME/hwbench (else ~/.cache/hwbench). A cache file holds the first M fixed-size records
// of one seed: an 8-byte magic naming the format and version, the seed and M as little-endian u64, the
// records, then the SHA-256 of everything before it. Record i never depends on how many were asked
// for, so a file of M records serves any count up to M. A file that fails any check is ignored.
class RecordCache {
 public:
  using Magic = std::array<char, 8>;

  // `file_name` is the name inside the cache folder; no folder (no HOME) disables the cache.
  RecordCache(std::string_view file_name, const Magic& magic, std::uint64_t seed, std::size_t record_bytes);

  // The first `count` records, or nothing when the file is missing, short or damaged.
  std::vector<std::byte> load(std::uint64_t count) const;
  // Best effort: a cache that cannot be written only costs the next run the generation time.
  void store(std::span<const std::byte> records) const;

  const std::filesystem::path& path() const { return m_path; }

 private:
  std::filesystem::path m_path;
  Magic m_magic;
  std::uint64_t m_seed;
  std::size_t m_record_bytes;
};

}  // namespace hwbench
