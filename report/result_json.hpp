#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace hwbench {

// Version of result.json's schema (docs/RESULTS.md); bumped on any incompatible change.
constexpr int kResultSchemaVersion = 1;

struct RunContext {
  std::vector<std::string> argv;
  std::string start_time;  // ISO 8601, UTC
  std::string end_time;
  std::uint64_t seed = 0;
  nlohmann::json settings = nlohmann::json::object();  // repetitions, min_time, warm-up, threads, device
  nlohmann::json host;
  nlohmann::json environment = nlohmann::json::object();  // check_environment(): governors, turbo, load
  nlohmann::json backends = nlohmann::json::object();     // name -> Backend::describe()
};

nlohmann::json to_json(const CaseResult& r);
nlohmann::json result_document(const RunContext& context, const std::vector<CaseResult>& cases);
void write_result_json(const std::filesystem::path& path, const RunContext& context,
                       const std::vector<CaseResult>& cases);

std::string utc_timestamp(bool compact = false);

}  // namespace hwbench
