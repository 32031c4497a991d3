#pragma once

// Output files. An AtomicFile is written under a temporary name in its final folder and renamed into
// place by commit(), so that readers never see a half-written file; destroyed without commit(), or
// stopped by a signal (core/interrupt.hpp), it leaves nothing behind. A target that exists must be a
// regular file: a symbolic link, a device (/dev/full), a FIFO, a socket or a folder is refused, never
// replaced or followed. Creating the AtomicFile is the check that the path can be written: commands
// create theirs before they measure anything.
#include <filesystem>
#include <string>
#include <string_view>

#include "core/interrupt.hpp"

namespace hwbench {

class AtomicFile {
 public:
  // Throws UsageError, naming the path, when the target cannot be written.
  explicit AtomicFile(std::filesystem::path path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  void write(std::string_view bytes);
  // Flushes the data to the disk and renames the temporary over the target.
  void commit();

  const std::filesystem::path& path() const { return m_path; }

 private:
  std::filesystem::path m_path;
  std::filesystem::path m_temporary;
  int m_fd = -1;
  InterruptCleanup m_cleanup;
  bool m_committed = false;
};

// Throws UsageError when `path` exists and is not a regular file (a link, a device, a FIFO, a folder).
void check_output_target(const std::filesystem::path& path);

void write_file_atomically(const std::filesystem::path& path, std::string_view content);

// "-" names standard output for the commands' file options (report --out, merge --out,
// run --prometheus).
inline bool is_stdout(std::string_view path) { return path == "-"; }

// Writes `content` to standard output ("-") or to the file, atomically; errors as UsageError.
void write_output(const std::string& path, std::string_view content);

}  // namespace hwbench
