#include "core/record_cache.hpp"

#include <openssl/evp.h>

#include <cstdlib>
#include <cstring>
#include <fstream>

#include "core/atomic_file.hpp"
#include "core/little_endian.hpp"

namespace hwbench {
namespace {

constexpr std::size_t kHeaderBytes = 24;
constexpr std::size_t kDigestBytes = 32;

std::filesystem::path cache_folder() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg != '\0') {
    return std::filesystem::path(xdg) / "hwbench";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    return std::filesystem::path(home) / ".cache" / "hwbench";
  }
  return {};
}

std::array<std::byte, kDigestBytes> digest(const std::byte* data, std::size_t length) {
  std::array<std::byte, kDigestBytes> d{};
  unsigned int size = 0;
  EVP_Digest(data, length, reinterpret_cast<unsigned char*>(d.data()), &size, EVP_sha256(), nullptr);
  return d;
}

}  // namespace

RecordCache::RecordCache(std::string_view file_name, const Magic& magic, std::uint64_t seed,
                         std::size_t record_bytes)
    : m_magic(magic), m_seed(seed), m_record_bytes(record_bytes) {
  if (auto folder = cache_folder(); !folder.empty()) m_path = folder / file_name;
}

std::vector<std::byte> RecordCache::load(std::uint64_t count) const {
  if (m_path.empty()) return {};
  std::error_code ec;
  const auto size = std::filesystem::file_size(m_path, ec);
  if (ec || size < kHeaderBytes + kDigestBytes) return {};
  std::vector<std::byte> bytes(size);
  std::ifstream in(m_path, std::ios::binary);
  if (!in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size))) return {};
  const std::uint64_t stored = load_le64(bytes.data() + 16);
  if (std::memcmp(bytes.data(), m_magic.data(), m_magic.size()) != 0 ||
      load_le64(bytes.data() + 8) != m_seed || stored < count ||
      stored > (size - kHeaderBytes) / m_record_bytes ||
      size != kHeaderBytes + stored * m_record_bytes + kDigestBytes) {
    return {};
  }
  const auto want = digest(bytes.data(), size - kDigestBytes);
  if (std::memcmp(want.data(), bytes.data() + size - kDigestBytes, kDigestBytes) != 0) return {};
  const auto first = bytes.begin() + static_cast<std::ptrdiff_t>(kHeaderBytes);
  return {first, first + static_cast<std::ptrdiff_t>(count * m_record_bytes)};
}

void RecordCache::store(std::span<const std::byte> records) const {
  if (m_path.empty()) return;
  std::error_code ec;
  std::filesystem::create_directories(m_path.parent_path(), ec);
  if (ec) return;
  std::vector<std::byte> bytes(kHeaderBytes + records.size() + kDigestBytes);
  std::memcpy(bytes.data(), m_magic.data(), m_magic.size());
  store_le64(bytes.data() + 8, m_seed);
  store_le64(bytes.data() + 16, records.size() / m_record_bytes);
  std::memcpy(bytes.data() + kHeaderBytes, records.data(), records.size());
  const auto d = digest(bytes.data(), kHeaderBytes + records.size());
  std::memcpy(bytes.data() + kHeaderBytes + records.size(), d.data(), kDigestBytes);
  try {
    write_file_atomically(m_path,
                          std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
  } catch (const std::exception&) {
  }
}

}  // namespace hwbench
