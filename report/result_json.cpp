#include "report/result_json.hpp"

#include <fmt/format.h>

#include <ctime>

#include "core/atomic_file.hpp"
#include "hwbench/version.hpp"

namespace hwbench {

std::string utc_timestamp(bool compact) {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, compact ? "%Y%m%dT%H%M%SZ" : "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

namespace {

nlohmann::json counts_json(const Work& work) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [name, count] : work.counts) j[name] = count;
  return j;
}

}  // namespace

nlohmann::json to_json(const CaseResult& r) {
  nlohmann::json j = {
      {"name", r.name},
      {"workload", r.workload},
      {"backend", r.backend},
      {"variant", r.variant},
      {"mode", std::string(to_string(r.mode))},
      {"size", r.size},
      {"unit", r.unit},
      {"parameters", r.parameters},
      {"status", std::string(to_string(r.status))},
      {"work",
       {{"items", r.work.items},
        {"bytes", r.work.bytes},
        {"bytes_moved", r.work.bytes_moved},
        {"bytes_in", r.work.bytes_in},
        {"bytes_out", r.work.bytes_out},
        {"counts", counts_json(r.work)}}},
  };
  if (!r.reason.empty()) j["reason"] = r.reason;
  if (r.status == CaseStatus::skipped) return j;
  j["verified"] = r.status == CaseStatus::ok;
  j["verification"] = {{"ok", r.verification.ok},
                       {"checked", r.verification.checked},
                       {"mismatches", r.verification.mismatches},
                       {"detail", r.verification.detail}};
  j["timing"] = r.device_timed ? "cuda-events" : "host-steady-clock";
  j["time_seconds"] = {{"median", r.time.median}, {"mean", r.time.mean},
                       {"stddev", r.time.stddev}, {"min", r.time.min},
                       {"max", r.time.max},       {"p99", r.time.p99},
                       {"mad", r.time.mad},       {"relative_spread", r.time.relative_spread()}};
  j["samples_seconds"] = r.samples;
  j["iterations"] = r.iterations;
  j["items_per_second"] = r.items_per_second;
  j["bytes_per_second"] = r.bytes_per_second;
  if (!r.rates.empty()) j["rates_per_second"] = r.rates;
  if (r.percent_of_peak_bandwidth) j["percent_of_peak_bandwidth"] = *r.percent_of_peak_bandwidth;
  if (r.percent_of_h2d_bandwidth) j["percent_of_h2d_bandwidth"] = *r.percent_of_h2d_bandwidth;
  if (!r.phases.empty()) {
    nlohmann::json phases = nlohmann::json::object();
    double sum = 0;
    for (const auto& p : r.phases) {
      phases[p.name] = p.seconds;
      sum += p.seconds;
    }
    phases["sequential_total"] = sum;
    j["phases_seconds"] = phases;
  }
  j["notes"] = r.notes;
  j["peak_host_bytes"] = r.peak_host_bytes;
  j["peak_device_bytes"] = r.peak_device_bytes;
  j["wall_seconds"] = r.wall_seconds;
  if (!r.telemetry.is_null()) j["telemetry"] = r.telemetry;
  if (!r.route.is_null()) j["route"] = r.route;
  if (!r.fault.empty()) j["fault"] = r.fault;
  return j;
}

nlohmann::json result_document(const RunContext& context, const std::vector<CaseResult>& cases) {
  nlohmann::json doc = {
      {"schema", "hwbench-result"},
      {"schema_version", kResultSchemaVersion},
      {"context",
       {{"hwbench_version", kVersion},
        {"git_revision", kGitRevision},
        {"argv", context.argv},
        {"start_time", context.start_time},
        {"end_time", context.end_time},
        {"seed", context.seed},
        {"settings", context.settings},
        {"host", context.host},
        {"environment", context.environment},
        {"backends", context.backends}}},
      {"cases", nlohmann::json::array()},
  };
  for (const auto& c : cases) doc["cases"].push_back(to_json(c));
  return doc;
}

void write_result_json(const std::filesystem::path& path, const RunContext& context,
                       const std::vector<CaseResult>& cases) {
  write_file_atomically(path, result_document(context, cases).dump(2) + "\n");
}

}  // namespace hwbench
