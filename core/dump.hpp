#pragma once

#include <cstddef>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "core/interrupt.hpp"

namespace hwbench {

// Writes a case's inputs and outputs as plain files that other tools can re-check, and a
// manifest.json naming each file with its encoding (docs/DUMP.md lists the encodings).
class DumpWriter {
 public:
  explicit DumpWriter(std::filesystem::path folder);

  // Raw bytes, `element_bytes` per element; `encoding` names the layout (e.g. "bytes",
  // "float32-le", "sha256-digest").
  void raw(const std::string& name, std::span<const std::byte> data, std::size_t element_bytes,
           const std::string& encoding, const std::string& description);
  // One lowercase hex string per line, `element_bytes` bytes each.
  void hex_lines(const std::string& name, std::span<const std::byte> data, std::size_t element_bytes,
                 const std::string& encoding, const std::string& description);
  // Adds facts to the manifest (sizes, seed, parameters).
  void note(const std::string& key, nlohmann::json value);
  // Writes manifest.json atomically; files are already in place. Until then a signal that stops the
  // run leaves INTERRUPTED in the folder.
  void finish();

  const std::filesystem::path& folder() const { return m_folder; }

 private:
  void add_entry(const std::string& file, const std::string& format, std::size_t count,
                 std::size_t element_bytes, const std::string& encoding, const std::string& description);

  std::filesystem::path m_folder;
  nlohmann::json m_manifest;
  InterruptCleanup m_note;
};

std::string to_hex(std::span<const std::byte> bytes);

}  // namespace hwbench
