#include "report/gbench_json.hpp"

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/json_file.hpp"
#include "core/statistics.hpp"

namespace hwbench {
namespace {

using Run = benchmark::BenchmarkReporter::Run;

// What each entry says of the settings it was measured with; null where the run did not say.
struct Settings {
  std::string name;  // the case's key, set after the library wrote the entry
  nlohmann::json min_time;
  nlohmann::json min_warmup_time;
  std::string time_type;
};

const RunContext& context_of(const ResultDocument& document, const CaseResult& r) {
  return r.source && *r.source < document.sources.size() ? document.sources[*r.source].context
                                                         : document.context;
}

nlohmann::json setting(const nlohmann::json& settings, const char* key) {
  const auto it = settings.find(key);
  return it != settings.end() && it->is_number() ? *it : nlohmann::json();
}

// One statistic over the repetitions, as the library names and computes it.
struct Statistic {
  const char* name;
  benchmark::StatisticUnit unit;
  double (*of)(const Summary&);
};
constexpr Statistic kStatistics[] = {
    {"mean", benchmark::kTime, [](const Summary& s) { return s.mean; }},
    {"median", benchmark::kTime, [](const Summary& s) { return s.median; }},
    {"stddev", benchmark::kTime, [](const Summary& s) { return s.stddev; }},
    {"cv", benchmark::kPercentage, [](const Summary& s) { return s.mean != 0 ? s.stddev / s.mean : 0.0; }},
    {"min", benchmark::kTime, [](const Summary& s) { return s.min; }},
    {"max", benchmark::kTime, [](const Summary& s) { return s.max; }},
    {"p99", benchmark::kTime, [](const Summary& s) { return s.p99; }},
};

Run base_run(const CaseResult& r, std::int64_t family) {
  Run run;
  // The library does not escape every control character: names from a result file are set afterwards.
  run.run_name.function_name = fmt::format("case{}", family);
  run.family_index = family;
  run.per_family_instance_index = 0;
  run.repetitions = static_cast<std::int64_t>(r.samples.size());
  run.threads = 1;
  run.time_unit = benchmark::kMicrosecond;
  return run;
}

// The repetitions of one measured case, then its aggregates.
void append_runs(const CaseResult& r, std::int64_t family, std::vector<Run>& runs) {
  const std::size_t n = r.samples.size();
  std::vector<double> items_rate(n), bytes_rate(n);
  for (std::size_t i = 0; i < n; ++i) {
    Run run = base_run(r, family);
    run.run_type = Run::RT_Iteration;
    run.repetition_index = static_cast<std::int64_t>(i);
    run.iterations = std::max<std::int64_t>(1, i < r.iterations.size() ? r.iterations[i] : 1);
    const auto iterations = static_cast<double>(run.iterations);
    run.real_accumulated_time = r.samples[i] * iterations;
    run.cpu_accumulated_time = r.cpu_samples[i] * iterations;
    // The library's rates are over the time it reports: real (or manual) time here.
    items_rate[i] = r.samples[i] > 0 ? static_cast<double>(r.work.items) / r.samples[i] : 0;
    bytes_rate[i] = r.samples[i] > 0 ? static_cast<double>(r.work.bytes) / r.samples[i] : 0;
    run.counters["bytes_per_second"] = benchmark::Counter(bytes_rate[i]);
    run.counters["items_per_second"] = benchmark::Counter(items_rate[i]);
    runs.push_back(std::move(run));
  }
  if (n < 2) return;
  const Summary real = summarize(r.samples), cpu = summarize(r.cpu_samples);
  const Summary items = summarize(items_rate), bytes = summarize(bytes_rate);
  for (const auto& stat : kStatistics) {
    Run run = base_run(r, family);
    run.run_type = Run::RT_Aggregate;
    run.aggregate_name = stat.name;
    run.aggregate_unit = stat.unit;
    run.repetition_index = Run::no_repetition_index;
    // An aggregate counts the repetitions as its iterations; its time per "iteration" is the statistic.
    run.iterations = static_cast<std::int64_t>(n);
    const double scale = stat.unit == benchmark::kTime ? static_cast<double>(n) : 1.0;
    run.real_accumulated_time = stat.of(real) * scale;
    run.cpu_accumulated_time = stat.of(cpu) * scale;
    run.counters["bytes_per_second"] = benchmark::Counter(stat.of(bytes));
    run.counters["items_per_second"] = benchmark::Counter(stat.of(items));
    runs.push_back(std::move(run));
  }
}

// The library's own context names the machine that renders; the run's facts replace it.
// The CPUs of a kernel CPU list such as "0-1,8-9" (4); 0 for text that is not one.
std::uint64_t cpu_list_count(const std::string& list) {
  std::uint64_t count = 0;
  std::istringstream parts(list);
  for (std::string part; std::getline(parts, part, ',');) {
    unsigned long a = 0, b = 0;
    const auto dash = part.find('-');
    const std::string first = part.substr(0, dash),
                      last = dash == std::string::npos ? first : part.substr(dash + 1);
    const auto [p1, e1] = std::from_chars(first.data(), first.data() + first.size(), a);
    const auto [p2, e2] = std::from_chars(last.data(), last.data() + last.size(), b);
    if (e1 != std::errc() || e2 != std::errc() || p1 != first.data() + first.size() ||
        p2 != last.data() + last.size() || b < a || b - a > 1u << 20)
      return 0;
    count += b - a + 1;
  }
  return count;
}

void set_context(nlohmann::ordered_json& context, const RunContext& run) {
  context = nlohmann::ordered_json::object();
  context["date"] = run.start_time;
  context["host_name"] = string_at(run.host, {"hostname"});
  context["executable"] = run.argv.empty() ? std::string("hwbench") : run.argv.front();
  if (const auto cores = run.host.find("logical_cores"); cores != run.host.end() && cores->is_number())
    context["num_cpus"] = *cores;
  if (const auto load = run.environment.find("load_average_1m");
      load != run.environment.end() && load->is_number())
    context["load_avg"] = nlohmann::ordered_json::array({*load});
  // Google Benchmark's CPU facts, from what the run recorded of the host (a saved file may lack them).
  const auto cpu = run.host.find("cpu");
  if (cpu != run.host.end() && cpu->is_object()) {
    for (const char* key : {"mhz_max", "mhz_current"}) {
      const auto mhz = cpu->find(key);
      if (mhz != cpu->end() && mhz->is_number() && mhz->get<double>() > 0 && mhz->get<double>() < 1e6) {
        context["mhz_per_cpu"] = static_cast<long>(std::lround(mhz->get<double>()));
        break;
      }
    }
  }
  if (const auto governors = run.environment.find("scaling_governors");
      governors != run.environment.end() && governors->is_array() && !governors->empty()) {
    context["cpu_scaling_enabled"] = std::any_of(governors->begin(), governors->end(), [](const auto& g) {
      return !g.is_string() || g.template get<std::string>() != "performance";
    });
  }
  if (cpu != run.host.end() && cpu->is_object()) {
    const auto caches = cpu->find("caches");
    if (caches != cpu->end() && caches->is_array()) {
      auto& out = context["caches"] = nlohmann::ordered_json::array();
      for (const auto& c : *caches) {
        if (!c.is_object()) continue;
        out.push_back({{"type", string_at(c, {"type"})},
                       {"level", count_at(c, {"level"})},
                       {"size", count_at(c, {"bytes"})},
                       {"num_sharing", cpu_list_count(string_at(c, {"shared_cpus"}))}});
      }
    }
  }
  context["hwbench_version"] = run.hwbench_version;
  if (!run.build_type.empty()) context["library_build_type"] = run.build_type;
}

}  // namespace

std::string gbench_json(const ResultDocument& document, const std::string& source) {
  std::vector<Run> runs;
  std::vector<Settings> settings;
  std::int64_t family = 0;
  for (std::size_t k = 0; k < document.cases.size(); ++k) {
    const CaseResult& r = document.cases[k];
    const bool measured = r.status == CaseStatus::ok || r.status == CaseStatus::failed;
    if (!measured || r.samples.empty()) continue;
    if (r.cpu_samples.size() != r.samples.size())
      bad_json_file(source,
                    fmt::format("case {} ({}) has no cpu_samples_seconds (written by an older hwbench): "
                                "Google Benchmark JSON needs each repetition's CPU time",
                                k, r.name));
    const std::size_t first = runs.size();
    append_runs(r, family++, runs);
    const auto& ctx = context_of(document, r).settings;
    for (std::size_t i = first; i < runs.size(); ++i) {
      settings.push_back({benchmark_name(r.name, r.parameters), setting(ctx, "min_time_seconds"),
                          setting(ctx, "warmup_seconds"), r.device_timed ? "manual_time" : "real_time"});
    }
  }
  std::ostringstream text;
  benchmark::JSONReporter reporter;
  reporter.SetOutputStream(&text);
  reporter.SetErrorStream(&text);
  benchmark::BenchmarkReporter::Context context;
  reporter.ReportContext(context);
  if (!runs.empty()) reporter.ReportRuns(runs);
  reporter.Finalize();

  // The reporter writes one entry per run, in order.
  nlohmann::ordered_json doc = nlohmann::ordered_json::parse(text.str());
  set_context(doc["context"], document.context);
  auto& benchmarks = doc["benchmarks"];
  for (std::size_t i = 0; i < benchmarks.size() && i < settings.size(); ++i) {
    const auto aggregate = benchmarks[i].find("aggregate_name");
    benchmarks[i]["name"] = aggregate == benchmarks[i].end()
                                ? settings[i].name
                                : settings[i].name + "_" + aggregate->get<std::string>();
    benchmarks[i]["run_name"] = settings[i].name;
    if (!settings[i].min_time.is_null()) benchmarks[i]["min_time"] = settings[i].min_time;
    if (!settings[i].min_warmup_time.is_null())
      benchmarks[i]["min_warmup_time"] = settings[i].min_warmup_time;
    benchmarks[i]["time_type"] = settings[i].time_type;
  }
  return doc.dump(2) + "\n";
}

}  // namespace hwbench
