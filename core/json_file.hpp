#pragma once

// A JSON document read from a file that a user names (a result, a baseline): missing, too large or
// malformed files throw UsageError with one line that starts with the path.
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

namespace hwbench {

inline constexpr std::uintmax_t kMaxJsonFileBytes = std::uintmax_t{1} << 30;

nlohmann::json read_json_file(const std::filesystem::path& path);

// Throws UsageError("<source>: <why>").
[[noreturn]] void bad_json_file(const std::string& source, const std::string& why);

// The document of an hwbench result.json (schema "hwbench-result", version 1, "cases" an array of
// objects); anything else throws UsageError.
nlohmann::json read_result_document(const std::filesystem::path& path);

}  // namespace hwbench
