#pragma once

// A JSON document read from a file that a user names (a result, a baseline, a profile). Anything read
// can be hostile: the file must be a regular file of at most kMaxJsonFileBytes, nested at most
// kMaxJsonDepth deep; a file that is missing, too large, too deep or malformed throws UsageError with
// one line that starts with the path.
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace hwbench {

// hwbench's own files are a few MB; a merge of many machines stays far below this.
inline constexpr std::uintmax_t kMaxJsonFileBytes = std::uintmax_t{256} << 20;
// hwbench's own documents nest 6 deep; bounding it keeps every recursive walk (copy, dump, compare)
// off the end of the stack and the indented output of a merge linear in its input.
inline constexpr std::size_t kMaxJsonDepth = 64;

// Parses `text` within the bounds above; errors name `source`.
nlohmann::json parse_json_text(std::string_view text, const std::string& source);

nlohmann::json read_json_file(const std::filesystem::path& path);

// The string found by following `path` through objects, or "" where a member is absent or not a
// string (describing fields that a reader shows when present).
std::string string_at(const nlohmann::json& j, std::initializer_list<const char*> path);

// The non-negative integer found the same way, or 0 where it is absent, not an integer or negative. A
// new run's facts hold signed integers and the same facts read back from a file unsigned ones: both read.
std::uint64_t count_at(const nlohmann::json& j, std::initializer_list<const char*> path);

// Throws UsageError("<source>: <why>").
[[noreturn]] void bad_json_file(const std::string& source, const std::string& why);

}  // namespace hwbench
