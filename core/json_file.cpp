#include "core/json_file.hpp"

#include <fmt/format.h>

#include <fstream>

#include "core/error.hpp"

namespace hwbench {

void bad_json_file(const std::string& source, const std::string& why) {
  throw UsageError(fmt::format("{}: {}", source, why));
}

nlohmann::json read_json_file(const std::filesystem::path& path) {
  const std::string source = path.string();
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) bad_json_file(source, "cannot read: " + ec.message());
  if (size > kMaxJsonFileBytes) bad_json_file(source, "larger than 1 GiB; not a result file");
  std::ifstream in(path, std::ios::binary);
  if (!in) bad_json_file(source, "cannot open");
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    bad_json_file(source, fmt::format("not JSON ({})", e.what()));
  }
}

nlohmann::json read_result_document(const std::filesystem::path& path) {
  const std::string source = path.string();
  nlohmann::json doc = read_json_file(path);
  if (!doc.is_object() || doc.value("schema", std::string()) != "hwbench-result") {
    bad_json_file(source, "not an hwbench result.json (no \"schema\": \"hwbench-result\")");
  }
  const auto version = doc.find("schema_version");
  if (version == doc.end() || !version->is_number_unsigned() || version->get<std::uint64_t>() != 1) {
    bad_json_file(source, "result schema version is not one this hwbench reads (1)");
  }
  const auto cases = doc.find("cases");
  if (cases == doc.end() || !cases->is_array()) bad_json_file(source, "\"cases\" is not an array");
  for (std::size_t i = 0; i < cases->size(); ++i) {
    if (!(*cases)[i].is_object()) bad_json_file(source, fmt::format("case {} is not an object", i));
  }
  return doc;
}

}  // namespace hwbench
