#include "core/json_file.hpp"

#include <fmt/format.h>

#include <fstream>

#include "core/error.hpp"

namespace hwbench {
namespace {

// The deepest nesting of arrays and objects in `text`, or kMaxJsonDepth + 1 as soon as it is passed.
// Brackets inside strings do not count; malformed text is left to the parser.
std::size_t nesting_depth(std::string_view text) {
  std::size_t depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (const char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
      if (deepest > kMaxJsonDepth) return deepest;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

}  // namespace

void bad_json_file(const std::string& source, const std::string& why) {
  throw UsageError(fmt::format("{}: {}", source, why));
}

nlohmann::json parse_json_text(std::string_view text, const std::string& source) {
  if (text.size() > kMaxJsonFileBytes)
    bad_json_file(source, fmt::format("larger than {} MiB; not an hwbench file", kMaxJsonFileBytes >> 20));
  if (nesting_depth(text) > kMaxJsonDepth)
    bad_json_file(source, fmt::format("nested more than {} levels deep; not an hwbench file", kMaxJsonDepth));
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    bad_json_file(source, fmt::format("not JSON ({})", e.what()));
  }
}

nlohmann::json read_json_file(const std::filesystem::path& path) {
  const std::string source = path.string();
  std::error_code ec;
  // A FIFO or a device would block or never end: only regular files are read.
  const auto status = std::filesystem::status(path, ec);
  if (ec) bad_json_file(source, "cannot read: " + ec.message());
  if (!std::filesystem::is_regular_file(status)) bad_json_file(source, "not a regular file");
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) bad_json_file(source, "cannot read: " + ec.message());
  if (size > kMaxJsonFileBytes)
    bad_json_file(source, fmt::format("larger than {} MiB; not an hwbench file", kMaxJsonFileBytes >> 20));
  std::ifstream in(path, std::ios::binary);
  if (!in) bad_json_file(source, "cannot open");
  // Read no more than the bound, even from a file that grows while it is read.
  std::string text(static_cast<std::size_t>(size) + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) bad_json_file(source, "read failed");
  text.resize(static_cast<std::size_t>(in.gcount()));
  return parse_json_text(text, source);
}

std::string string_at(const nlohmann::json& j, std::initializer_list<const char*> path) {
  const nlohmann::json* at = &j;
  for (const char* key : path) {
    if (!at->is_object()) return {};
    const auto it = at->find(key);
    if (it == at->end()) return {};
    at = &*it;
  }
  return at->is_string() ? at->get<std::string>() : std::string();
}

std::uint64_t count_at(const nlohmann::json& j, std::initializer_list<const char*> path) {
  const nlohmann::json* at = &j;
  for (const char* key : path) {
    if (!at->is_object()) return 0;
    const auto it = at->find(key);
    if (it == at->end()) return 0;
    at = &*it;
  }
  if (at->is_number_unsigned()) return at->get<std::uint64_t>();
  if (at->is_number_integer() && at->get<std::int64_t>() >= 0)
    return static_cast<std::uint64_t>(at->get<std::int64_t>());
  return 0;
}

}  // namespace hwbench
