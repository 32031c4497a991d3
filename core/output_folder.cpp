#include "core/output_folder.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/error.hpp"

namespace hwbench {
namespace {

[[noreturn]] void refuse(const std::string& option, const std::filesystem::path& path,
                         const std::string& why) {
  throw UsageError(fmt::format("{} '{}': {}", option, path.string(), why));
}

// mkdir of the last component, its parents created as needed; false when it exists already.
bool make_folder(const std::filesystem::path& path, const std::string& option) {
  if (path.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) refuse(option, path, fmt::format("cannot create its parent folder: {}", ec.message()));
  }
  if (::mkdir(path.c_str(), 0777) == 0) return true;
  if (errno != EEXIST)
    refuse(option, path, fmt::format("cannot create the folder: {}", std::strerror(errno)));
  return false;
}

}  // namespace

OutputFolder::OutputFolder(std::filesystem::path path, std::string option, bool overwrite)
    : m_path(std::move(path)), m_option(std::move(option)) {
  if (m_path.empty()) refuse(m_option, m_path, "an empty path");
  m_created = make_folder(m_path, m_option);
  if (!m_created) {
    struct stat st {};
    if (::lstat(m_path.c_str(), &st) != 0) refuse(m_option, m_path, std::strerror(errno));
    if (S_ISLNK(st.st_mode))
      refuse(m_option, m_path, "a symbolic link: hwbench writes only into the folder named itself");
    if (!S_ISDIR(st.st_mode)) refuse(m_option, m_path, "exists and is not a folder");
  }
  lock(overwrite);
}

OutputFolder::OutputFolder(Created, std::filesystem::path path, std::string option)
    : m_path(std::move(path)), m_option(std::move(option)), m_created(true) {
  lock(false);
}

OutputFolder OutputFolder::unique_under(const std::filesystem::path& parent, const std::string& stem,
                                        std::string option) {
  for (int n = 1; n <= 1000; ++n) {
    const std::filesystem::path path = parent / (n == 1 ? stem : fmt::format("{}-{}", stem, n));
    if (make_folder(path, option)) return OutputFolder(Created{}, path, std::move(option));
  }
  refuse(option, parent / stem, "1000 folders of this name exist already");
}

void OutputFolder::lock(bool overwrite) {
  const std::filesystem::path lock_path = m_path / kLockName;
  // Retried while another process removes the lock file between our open() and flock().
  for (int attempt = 0;; ++attempt) {
    m_lock_fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (m_lock_fd < 0) refuse(m_option, m_path, fmt::format("cannot write in it: {}", std::strerror(errno)));
    if (::flock(m_lock_fd, LOCK_EX | LOCK_NB) != 0) {
      const int error = errno;
      ::close(m_lock_fd);
      m_lock_fd = -1;
      if (error == EWOULDBLOCK) refuse(m_option, m_path, "another hwbench is writing into this folder now");
      refuse(m_option, m_path, fmt::format("cannot lock it: {}", std::strerror(error)));
    }
    struct stat held = {};
    struct stat named = {};
    if (::fstat(m_lock_fd, &held) == 0 && ::lstat(lock_path.c_str(), &named) == 0 &&
        held.st_ino == named.st_ino && held.st_dev == named.st_dev)
      break;
    ::close(m_lock_fd);
    m_lock_fd = -1;
    if (attempt == 10) refuse(m_option, m_path, "its lock file keeps changing");
  }
  m_lock_file = InterruptCleanup(InterruptCleanup::Action::remove_file, lock_path);
  // Under the lock: what is in the folder now is from an earlier run.
  std::error_code ec;
  bool empty = true;
  for (const auto& entry : std::filesystem::directory_iterator(m_path, ec)) {
    if (entry.path().filename() != kLockName) empty = false;
  }
  if (ec) refuse(m_option, m_path, ec.message());
  if (!empty && !overwrite) {
    ::unlink(lock_path.c_str());
    ::close(m_lock_fd);
    m_lock_fd = -1;
    m_lock_file.release();
    refuse(m_option, m_path, "holds files already (give --overwrite to replace them, or name a new folder)");
  }
  std::filesystem::remove(m_path / kInterruptedNote, ec);  // a note from an earlier run, now overwritten
  m_note = InterruptCleanup(InterruptCleanup::Action::mark_folder, m_path);
}

OutputFolder::OutputFolder(OutputFolder&& other) noexcept
    : m_path(std::move(other.m_path)),
      m_option(std::move(other.m_option)),
      m_created(other.m_created),
      m_keep(other.m_keep),
      m_lock_fd(other.m_lock_fd),
      m_note(std::move(other.m_note)),
      m_lock_file(std::move(other.m_lock_file)) {
  other.m_lock_fd = -1;
}

OutputFolder::~OutputFolder() {
  if (m_lock_fd < 0) return;
  m_note.release();
  m_lock_file.release();
  ::unlink((m_path / kLockName).c_str());
  ::close(m_lock_fd);
  // A folder this run created and never wrote in goes again; rmdir() refuses a folder with files.
  if (m_created && !m_keep) ::rmdir(m_path.c_str());
}

}  // namespace hwbench
