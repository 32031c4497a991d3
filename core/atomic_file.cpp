#include "core/atomic_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "core/error.hpp"

namespace hwbench {
namespace {

[[noreturn]] void cannot_write(const std::filesystem::path& path, const std::string& why) {
  throw UsageError(fmt::format("cannot write '{}': {}", path.string(), why));
}

std::string errno_text(int error) { return std::strerror(error); }

std::string kind_of(mode_t mode) {
  if (S_ISLNK(mode)) return "a symbolic link";
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

// A name no other writer in this folder uses: the process, and a counter for files of one process.
std::filesystem::path temporary_for(const std::filesystem::path& path) {
  static std::atomic<unsigned> counter{0};
  std::filesystem::path t = path;
  t.replace_filename(fmt::format(".{}.tmp.{}.{}", path.filename().string(), ::getpid(), counter++));
  return t;
}

}  // namespace

void check_output_target(const std::filesystem::path& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return;
    cannot_write(path, errno_text(errno));
  }
  if (!S_ISREG(st.st_mode)) {
    cannot_write(path, fmt::format("it is {}, not a regular file (hwbench neither replaces nor follows it; "
                                   "name a file, or - for standard output where the option takes it)",
                                   kind_of(st.st_mode)));
  }
}

AtomicFile::AtomicFile(std::filesystem::path path) : m_path(std::move(path)) {
  if (m_path.empty()) throw UsageError("cannot write '': an empty path");
  if (!m_path.has_filename()) cannot_write(m_path, "a folder, not a file");
  check_output_target(m_path);
  m_temporary = temporary_for(m_path);
  // Registered before the file exists: a signal between the two leaves nothing either way.
  m_cleanup = InterruptCleanup(InterruptCleanup::Action::remove_file, m_temporary);
  m_fd = ::open(m_temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
  if (m_fd < 0) {
    const int error = errno;
    m_cleanup.release();
    cannot_write(m_path, errno_text(error));
  }
}

AtomicFile::~AtomicFile() {
  if (m_fd >= 0) ::close(m_fd);
  if (!m_committed) ::unlink(m_temporary.c_str());
}

void AtomicFile::write(std::string_view bytes) {
  if (m_fd < 0) cannot_write(m_path, "already closed");
  while (!bytes.empty()) {
    const ssize_t n = ::write(m_fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) cannot_write(m_path, n < 0 ? errno_text(errno) : "nothing written");
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

void AtomicFile::commit() {
  if (m_fd < 0) cannot_write(m_path, "already closed");
  const int synced = ::fsync(m_fd);
  const int sync_error = errno;
  const int closed = ::close(m_fd);
  const int close_error = errno;
  m_fd = -1;
  if (synced != 0 && sync_error != EINVAL) cannot_write(m_path, errno_text(sync_error));
  if (closed != 0) cannot_write(m_path, errno_text(close_error));
  // The target may have changed since the start (a run takes minutes): checked again.
  check_output_target(m_path);
  if (::rename(m_temporary.c_str(), m_path.c_str()) != 0) cannot_write(m_path, errno_text(errno));
  m_committed = true;
  m_cleanup.release();
}

void write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  AtomicFile file(path);
  file.write(content);
  file.commit();
}

void write_output(const std::string& path, std::string_view content) {
  if (!is_stdout(path)) {
    write_file_atomically(path, content);
    return;
  }
  if (std::fwrite(content.data(), 1, content.size(), stdout) != content.size() || std::fflush(stdout) != 0)
    throw UsageError(fmt::format("cannot write standard output: {}", errno_text(errno)));
}

}  // namespace hwbench
