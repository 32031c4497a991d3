#pragma once

// The document of an hwbench result.json as read back by compare, merge and report. A result file can
// be hostile: beyond the bounds of any JSON file (core/json_file.hpp), every field that a reader uses
// is checked for its type and for physical sense (times, rates and percentages finite and within what
// a machine can measure), so that no later walk, statistic or chart meets a value it cannot handle.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

namespace hwbench {

// Times are 0 (not measured) or within these bounds, in seconds; rates in items or bytes per second.
inline constexpr double kMinSeconds = 1e-12, kMaxSeconds = 1e7;
inline constexpr double kMaxRate = 1e18;
inline constexpr double kMaxPercent = 1e4;           // % of a bandwidth; caches can pass 100%, not 10,000%
inline constexpr double kMaxSize = 1099511627776.0;  // 2^40: above every workload's size limit

// Checks `doc` (schema "hwbench-result", version 1, its context, its cases and, in a merged document,
// its sources and every case's source index); anything else throws UsageError with one line naming
// `source` and the field.
void check_result_document(const nlohmann::json& doc, const std::string& source);

// read_json_file(), then check_result_document().
nlohmann::json read_result_document(const std::filesystem::path& path);

}  // namespace hwbench
