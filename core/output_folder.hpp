#pragma once

// The folder a run fills (--out, --dump). Taken for the whole run: created when absent (the default
// one gets a unique name), locked against any other hwbench process (flock() on .hwbench.lock, so
// that runs started at once with the same --out cannot overwrite each other), and refused when it is
// a symbolic link, not a folder, or already holds files, unless --overwrite is given. A signal that
// stops the run leaves INTERRUPTED in it (core/interrupt.hpp). Released without keep(), a folder the
// run created and left empty is removed again.
#include <filesystem>
#include <string>

#include "core/interrupt.hpp"

namespace hwbench {

class OutputFolder {
 public:
  // `option` names the folder in errors ("--out"); throws UsageError with one line.
  OutputFolder(std::filesystem::path path, std::string option, bool overwrite);
  // A new folder under `parent` named `stem`, or `stem-2`, `stem-3`... when that one exists.
  static OutputFolder unique_under(const std::filesystem::path& parent, const std::string& stem,
                                   std::string option);
  ~OutputFolder();
  OutputFolder(OutputFolder&& other) noexcept;
  OutputFolder& operator=(OutputFolder&&) = delete;
  OutputFolder(const OutputFolder&) = delete;
  OutputFolder& operator=(const OutputFolder&) = delete;

  const std::filesystem::path& path() const { return m_path; }
  // The run wrote what it had to: the folder stays.
  void keep() { m_keep = true; }

  static constexpr const char* kLockName = ".hwbench.lock";

 private:
  struct Created {};
  OutputFolder(Created, std::filesystem::path path, std::string option);
  void lock(bool overwrite);

  std::filesystem::path m_path;
  std::string m_option;
  bool m_created = false;
  bool m_keep = false;
  int m_lock_fd = -1;
  InterruptCleanup m_note;
  InterruptCleanup m_lock_file;
};

}  // namespace hwbench
