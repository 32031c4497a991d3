#pragma once

#include <filesystem>
#include <fstream>
#include <string_view>

namespace hwbench {

// A file written under a temporary name in its final folder and renamed into place by commit(), so
// that readers never see a half-written file. Destroyed without commit(), it removes the temporary.
class AtomicFile {
 public:
  explicit AtomicFile(std::filesystem::path path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::ofstream& stream() { return m_stream; }
  void commit();

 private:
  std::filesystem::path m_path;
  std::filesystem::path m_temporary;
  std::ofstream m_stream;
  bool m_committed = false;
};

void write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace hwbench
