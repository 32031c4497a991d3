#include "core/dump.hpp"

#include <fmt/format.h>

#include "core/atomic_file.hpp"
#include "core/error.hpp"

namespace hwbench {

std::string to_hex(std::span<const std::byte> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(bytes.size() * 2, '0');
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const auto b = std::to_integer<unsigned>(bytes[i]);
    out[2 * i] = kDigits[b >> 4];
    out[2 * i + 1] = kDigits[b & 15];
  }
  return out;
}

DumpWriter::DumpWriter(std::filesystem::path folder) : m_folder(std::move(folder)) {
  std::error_code ec;
  std::filesystem::create_directories(m_folder, ec);
  if (ec)
    throw UsageError(fmt::format("cannot create dump folder '{}': {}", m_folder.string(), ec.message()));
  m_manifest = {{"schema", "hwbench-dump"}, {"schema_version", 1}, {"files", nlohmann::json::array()}};
  m_note = InterruptCleanup(InterruptCleanup::Action::mark_folder, m_folder);
}

void DumpWriter::add_entry(const std::string& file, const std::string& format, std::size_t count,
                           std::size_t element_bytes, const std::string& encoding,
                           const std::string& description) {
  m_manifest["files"].push_back({{"file", file},
                                 {"format", format},
                                 {"count", count},
                                 {"element_bytes", element_bytes},
                                 {"encoding", encoding},
                                 {"description", description}});
}

void DumpWriter::raw(const std::string& name, std::span<const std::byte> data, std::size_t element_bytes,
                     const std::string& encoding, const std::string& description) {
  const std::string file = name + ".bin";
  AtomicFile out(m_folder / file);
  out.write({reinterpret_cast<const char*>(data.data()), data.size()});
  out.commit();
  add_entry(file, "raw", data.size() / element_bytes, element_bytes, encoding, description);
}

void DumpWriter::hex_lines(const std::string& name, std::span<const std::byte> data,
                           std::size_t element_bytes, const std::string& encoding,
                           const std::string& description) {
  const std::string file = name + ".hex";
  AtomicFile out(m_folder / file);
  std::string lines;
  for (std::size_t i = 0; i + element_bytes <= data.size(); i += element_bytes) {
    lines += to_hex(data.subspan(i, element_bytes));
    lines += '\n';
    if (lines.size() >= (1u << 20)) {
      out.write(lines);
      lines.clear();
    }
  }
  out.write(lines);
  out.commit();
  add_entry(file, "hex-lines", data.size() / element_bytes, element_bytes, encoding, description);
}

void DumpWriter::note(const std::string& key, nlohmann::json value) { m_manifest[key] = std::move(value); }

void DumpWriter::finish() {
  write_file_atomically(m_folder / "manifest.json", m_manifest.dump(2) + "\n");
  m_note.release();
}

}  // namespace hwbench
