#include "core/atomic_file.hpp"

#include <unistd.h>

#include <fmt/format.h>

#include "core/error.hpp"

namespace hwbench {

AtomicFile::AtomicFile(std::filesystem::path path) : m_path(std::move(path)) {
  m_temporary = m_path;
  m_temporary += fmt::format(".tmp.{}", ::getpid());
  m_stream.open(m_temporary, std::ios::binary | std::ios::trunc);
  if (!m_stream) throw UsageError(fmt::format("cannot write '{}'", m_path.string()));
}

AtomicFile::~AtomicFile() {
  if (!m_committed) {
    m_stream.close();
    std::error_code ignored;
    std::filesystem::remove(m_temporary, ignored);
  }
}

void AtomicFile::commit() {
  m_stream.flush();
  const bool good = static_cast<bool>(m_stream);
  m_stream.close();
  if (!good) throw UsageError(fmt::format("cannot write '{}': write failed (disk full?)", m_path.string()));
  std::error_code ec;
  std::filesystem::rename(m_temporary, m_path, ec);
  if (ec) throw UsageError(fmt::format("cannot write '{}': {}", m_path.string(), ec.message()));
  m_committed = true;
}

void write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  AtomicFile file(path);
  file.stream().write(content.data(), static_cast<std::streamsize>(content.size()));
  file.commit();
}

}  // namespace hwbench
