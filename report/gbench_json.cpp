#include "report/gbench_json.hpp"

#include <cmath>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/atomic_file.hpp"
#include "hwbench/version.hpp"

namespace hwbench {
namespace {

// "min_time:0.020" -> 0.02; "" -> null.
nlohmann::json setting_value(const std::string& part) {
  const auto colon = part.find(':');
  if (colon == std::string::npos) return nullptr;
  return std::strtod(part.c_str() + colon + 1, nullptr);
}

}  // namespace

std::string gbench_json(const std::vector<benchmark::BenchmarkReporter::Run>& runs, const char* executable) {
  std::vector<benchmark::BenchmarkReporter::Run> named(runs);
  std::vector<nlohmann::json> settings;
  for (auto& run : named) {
    // The library writes a non-finite value as NaN or inf, which is not JSON: a counter without a value
    // (the spread of a rate whose mean is 0) is left out.
    std::erase_if(run.counters, [](const auto& c) { return !std::isfinite(c.second.value); });
    auto& n = run.run_name;
    settings.push_back({{"min_time", setting_value(n.min_time)},
                        {"min_warmup_time", setting_value(n.min_warmup_time)},
                        {"time_type", n.time_type.empty() ? "cpu_time" : n.time_type}});
    n.min_time.clear();
    n.min_warmup_time.clear();
    n.iterations.clear();
    n.repetitions.clear();
    n.time_type.clear();
    n.threads.clear();
  }
  std::ostringstream text;
  benchmark::JSONReporter reporter;
  reporter.SetOutputStream(&text);
  reporter.SetErrorStream(&text);
  benchmark::BenchmarkReporter::Context::executable_name = executable;
  benchmark::BenchmarkReporter::Context context;
  reporter.ReportContext(context);
  if (!named.empty()) reporter.ReportRuns(named);
  reporter.Finalize();

  // The reporter writes one entry per run, in order.
  nlohmann::ordered_json doc = nlohmann::ordered_json::parse(text.str());
  if (*kBuildType != '\0') doc["context"]["library_build_type"] = kBuildType;
  auto& benchmarks = doc["benchmarks"];
  for (std::size_t i = 0; i < benchmarks.size() && i < settings.size(); ++i) {
    for (const auto& [key, value] : settings[i].items()) {
      if (!value.is_null()) benchmarks[i][key] = value;
    }
  }
  return doc.dump(2) + "\n";
}

void write_gbench_json(const std::filesystem::path& path,
                       const std::vector<benchmark::BenchmarkReporter::Run>& runs, const char* executable) {
  write_file_atomically(path, gbench_json(runs, executable));
}

}  // namespace hwbench
