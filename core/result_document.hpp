#pragma once

// The one record of a run: its context and its cases, as `run` writes result.json and as compare,
// merge and report read it back. A merged document (hwbench merge) also holds its sources, one per run
// merged, and each case names the source it came from.
//
// A result file can be hostile: beyond the bounds of any JSON file (core/json_file.hpp), every field
// is checked for its type and for physical sense (times, rates and percentages finite and within what
// a machine can measure) while it is read, so that no later walk, statistic or chart meets a value it
// cannot handle.
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "hwbench/version.hpp"

namespace hwbench {

// Version of result.json's schema (docs/RESULTS.md); bumped on any incompatible change.
inline constexpr int kResultSchemaVersion = 1;

// Times are 0 (not measured) or within these bounds, in seconds; rates in items or bytes per second.
inline constexpr double kMinSeconds = 1e-12, kMaxSeconds = 1e7;
inline constexpr double kMaxRate = 1e18;
inline constexpr double kMaxPercent = 1e4;           // % of a bandwidth; caches can pass 100%, not 10,000%
inline constexpr double kMaxSize = 1099511627776.0;  // 2^40: above every workload's size limit

// Where and how a run measured. host, environment and backends are the describing objects of
// host_info, check_environment() and Backend::describe(), kept as they were written.
struct RunContext {
  // The hwbench that measured: this one for a new run; as the file says (empty: it does not) when read.
  std::string hwbench_version = kVersion;
  std::string git_revision = kGitRevision;
  std::string build_type = kBuildType;  // CMake's, lower case
  std::vector<std::string> argv;
  std::string start_time;  // ISO 8601, UTC
  std::string end_time;
  std::uint64_t seed = 0;
  nlohmann::json settings = nlohmann::json::object();  // repetitions, min_time, warm-up, threads, device
  nlohmann::json host = nlohmann::json::object();
  nlohmann::json environment = nlohmann::json::object();  // governors, turbo, load, warnings
  nlohmann::json backends = nlohmann::json::object();     // name -> Backend::describe()
  nlohmann::json build = nlohmann::json::object();        // build_info(): compiler, library versions
};

// One run of a merged document.
struct ResultSource {
  std::string file;     // as named to merge
  std::string machine;  // machine_label(context), with " #2"... for further runs of one machine
  RunContext context;
};

struct ResultDocument {
  RunContext context;  // a merged document: its first source's
  std::vector<CaseResult> cases;
  std::vector<ResultSource> sources;  // merged only; every case's `source` indexes it
  std::string merged_by;              // merged only: "hwbench VERSION"
  bool merged() const { return !sources.empty(); }
};

nlohmann::json to_json(const RunContext& context);
nlohmann::json to_json(const CaseResult& result);
nlohmann::json to_json(const ResultDocument& document);

// Reads `doc` (schema "hwbench-result", version 1); any other schema, a field of the wrong type or
// outside physical sense, or a merged case without a valid source index throws UsageError with one
// line naming `source` and the field. to_json() of the result reads back as the same document.
ResultDocument result_document_from_json(const nlohmann::json& doc, const std::string& source);

// read_json_file(), then result_document_from_json().
ResultDocument read_result_document(const std::filesystem::path& path);

// to_json(), written to a temporary name and renamed.
void write_result_document(const std::filesystem::path& path, const ResultDocument& document);

// "hostname · GPU name" of a run.
std::string machine_label(const RunContext& context);

// The GPU a context's GPU backend ran on ("NVIDIA H100 80GB HBM3"); empty where it recorded none.
std::string gpu_model(const RunContext& context);

}  // namespace hwbench
