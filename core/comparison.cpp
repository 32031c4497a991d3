#include "core/comparison.hpp"

#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/error.hpp"
#include "core/json_file.hpp"

namespace hwbench {
namespace {

[[noreturn]] void bad_file(const std::string& source, const std::string& why) { bad_json_file(source, why); }

const nlohmann::json& member(const std::string& source, const nlohmann::json& object, const char* name,
                             nlohmann::json::value_t type, const std::string& where) {
  const auto it = object.find(name);
  if (it == object.end()) bad_file(source, fmt::format("{} has no \"{}\"", where, name));
  const bool number = type == nlohmann::json::value_t::number_float;
  if (number ? !it->is_number() : it->type() != type) {
    bad_file(source, fmt::format("{}: \"{}\" has the wrong type", where, name));
  }
  return *it;
}

double seconds(const std::string& source, const nlohmann::json& value, double unit,
               const std::string& where) {
  if (!value.is_number()) bad_file(source, where + ": a time is not a number");
  const double s = value.get<double>() * unit;
  if (!std::isfinite(s) || s < 0) bad_file(source, where + ": a time is negative or not finite");
  return s;
}

std::string parameters_suffix(const nlohmann::json& parameters) {
  if (!parameters.is_object() || parameters.empty()) return "";
  std::string out;
  for (const auto& [name, value] : parameters.items()) {
    out += fmt::format("{}{}={}", out.empty() ? " [" : ", ", name,
                       value.is_string() ? value.get<std::string>() : value.dump());
  }
  return out + "]";
}

ResultSet read_hwbench(const std::string& source, const nlohmann::json& doc) {
  using T = nlohmann::json::value_t;
  const auto& version = member(source, doc, "schema_version", T::number_unsigned, "the document");
  if (version.get<std::uint64_t>() != 1) {
    bad_file(source,
             fmt::format("result schema version {} is not one this hwbench reads (1)", version.dump()));
  }
  ResultSet set{source, "hwbench-result", {}};
  const auto& cases = member(source, doc, "cases", T::array, "the document");
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const auto& c = cases[i];
    const std::string where = fmt::format("case {}", i);
    if (!c.is_object()) bad_file(source, where + " is not an object");
    MeasuredCase m;
    m.key = member(source, c, "name", T::string, where).get<std::string>();
    if (const auto p = c.find("parameters"); p != c.end()) m.key += parameters_suffix(*p);
    // Merged results (hwbench merge) pair per machine.
    if (const auto machine = c.find("machine"); machine != c.end() && machine->is_string()) {
      m.key += " @" + machine->get<std::string>();
    }
    const std::string status = member(source, c, "status", T::string, where).get<std::string>();
    m.ok = status == "ok";
    m.status = status;
    if (const auto r = c.find("reason"); r != c.end() && r->is_string())
      m.status += ": " + r->get<std::string>();
    if (status == "ok" || status == "failed") {
      for (const auto& s : member(source, c, "samples_seconds", T::array, where)) {
        m.samples.push_back(seconds(source, s, 1, where));
      }
      if (m.samples.empty()) bad_file(source, where + " has no samples");
    } else if (status != "error" && status != "skipped") {
      bad_file(source, fmt::format("{}: unknown status \"{}\"", where, status));
    }
    set.cases.push_back(std::move(m));
  }
  return set;
}

// Google Benchmark names carry the run settings after the arguments; they are not part of a case's
// identity (one side may have run with more repetitions than the other).
std::string without_run_settings(const std::string& name) {
  static constexpr const char* kSettings[] = {"min_time:", "min_warmup_time:", "repeats:", "iterations:"};
  static constexpr const char* kClocks[] = {"real_time", "manual_time", "process_time"};
  std::string out;
  std::istringstream parts(name);
  for (std::string part; std::getline(parts, part, '/');) {
    bool setting = false;
    for (const char* s : kSettings) setting |= part.rfind(s, 0) == 0;
    for (const char* s : kClocks) setting |= part == s;
    if (!setting) out += (out.empty() ? "" : "/") + part;
  }
  return out;
}

double time_unit(const std::string& source, const nlohmann::json& run, const std::string& where) {
  const auto it = run.find("time_unit");
  if (it == run.end()) return 1e-9;  // Google Benchmark's default
  if (!it->is_string()) bad_file(source, where + ": time_unit is not a string");
  static const std::map<std::string, double> kUnits = {{"ns", 1e-9}, {"us", 1e-6}, {"ms", 1e-3}, {"s", 1}};
  const auto unit = kUnits.find(it->get<std::string>());
  if (unit == kUnits.end()) bad_file(source, where + ": unknown time_unit " + it->dump());
  return unit->second;
}

ResultSet read_google_benchmark(const std::string& source, const nlohmann::json& doc) {
  using T = nlohmann::json::value_t;
  ResultSet set{source, "google-benchmark", {}};
  std::map<std::string, std::size_t> index;  // key -> position in set.cases
  std::map<std::string, double> medians;     // key -> the median aggregate, for aggregate-only output
  const auto& runs = member(source, doc, "benchmarks", T::array, "the document");
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const auto& run = runs[i];
    const std::string where = fmt::format("benchmark {}", i);
    if (!run.is_object()) bad_file(source, where + " is not an object");
    const auto name_field = run.contains("run_name") ? "run_name" : "name";
    const std::string key =
        without_run_settings(member(source, run, name_field, T::string, where).get<std::string>());
    const std::string type = run.value("run_type", std::string("iteration"));
    auto [it, added] = index.emplace(key, set.cases.size());
    if (added) set.cases.push_back({key, {}, true, "ok"});
    MeasuredCase& m = set.cases[it->second];
    if (run.value("error_occurred", false) || run.value("skipped", false)) {
      m.ok = false;
      m.status = "error: " + run.value("error_message",
                                       run.value("skip_message", std::string("benchmark reported an error")));
      continue;
    }
    const double unit = time_unit(source, run, where);
    if (type == "iteration") {
      m.samples.push_back(
          seconds(source, member(source, run, "real_time", T::number_float, where), unit, where));
    } else if (type == "aggregate" && run.value("aggregate_name", std::string()) == "median") {
      medians[key] = seconds(source, member(source, run, "real_time", T::number_float, where), unit, where);
    }
  }
  // Output written with --benchmark_report_aggregates_only has no repetitions: the median stands alone.
  for (auto& m : set.cases) {
    if (m.samples.empty() && m.ok) {
      if (const auto it = medians.find(m.key); it != medians.end()) m.samples.push_back(it->second);
    }
    if (m.samples.empty() && m.ok)
      bad_file(source, fmt::format("\"{}\" has no iteration or median time", m.key));
  }
  return set;
}

double median(const std::vector<double>& samples) { return quantile(samples, 0.5); }

}  // namespace

ResultSet load_result_set(const std::filesystem::path& path) {
  const std::string source = path.string();
  const nlohmann::json doc = read_json_file(path);
  if (!doc.is_object()) bad_file(source, "not a result file (the document is not an object)");
  if (doc.value("schema", std::string()) == "hwbench-result") return read_hwbench(source, doc);
  if (doc.contains("benchmarks")) return read_google_benchmark(source, doc);
  bad_file(source, "neither an hwbench result.json nor Google Benchmark JSON");
}

std::string_view to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::faster:
      return "faster";
    case Verdict::slower:
      return "slower";
    case Verdict::same:
      return "same";
    case Verdict::noisy:
      return "noisy";
    case Verdict::failed:
      return "failed";
    case Verdict::skipped:
      return "skipped";
  }
  return "?";
}

std::size_t Comparison::count(Verdict verdict) const {
  std::size_t n = 0;
  for (const auto& c : cases) n += c.verdict == verdict ? 1 : 0;
  return n;
}

int Comparison::exit_code() const { return count(Verdict::slower) + count(Verdict::failed) > 0 ? 1 : 0; }

Comparison compare_results(const ResultSet& base, const ResultSet& next, const CompareOptions& options) {
  Comparison out{base.source, next.source, options, {}, {}, {}, std::nullopt};
  std::map<std::string, const MeasuredCase*> base_cases;
  for (const auto& c : base.cases) base_cases.emplace(c.key, &c);
  std::map<std::string, bool> paired;
  double log_ratio_sum = 0;
  std::size_t ratios = 0;
  for (const auto& n : next.cases) {
    const auto it = base_cases.find(n.key);
    if (it == base_cases.end()) {
      out.only_in_new.push_back(n.key);
      continue;
    }
    paired[n.key] = true;
    const MeasuredCase& b = *it->second;
    CaseComparison c;
    c.key = n.key;
    c.base_repetitions = b.samples.size();
    c.new_repetitions = n.samples.size();
    if (!b.samples.empty()) c.base_median = median(b.samples);
    if (!n.samples.empty()) c.new_median = median(n.samples);
    if (!n.ok && n.status.rfind("skipped", 0) != 0) {
      c.verdict = Verdict::failed;
      c.note = "new: " + n.status;
    } else if (!n.ok || !b.ok) {
      c.verdict = Verdict::skipped;
      c.note = !b.ok ? "base: " + b.status : "new: " + n.status;
    } else if (c.base_median <= 0 || c.new_median <= 0) {
      c.verdict = Verdict::skipped;
      c.note = "a median time of zero";
    } else {
      const double ratio = c.new_median / c.base_median;
      c.change = ratio - 1;
      c.test = mann_whitney_u(n.samples, b.samples);
      log_ratio_sum += std::log(ratio);
      ++ratios;
      const bool significant = c.test->p_value < options.alpha;
      if (std::fabs(*c.change) <= options.threshold) {
        c.verdict = Verdict::same;
      } else if (!significant) {
        c.verdict = Verdict::noisy;
        const double floor = smallest_p_value(c.new_repetitions, c.base_repetitions);
        if (floor >= options.alpha) {
          c.note = fmt::format("{} vs {} repetitions cannot reach p < {} (at best {:.3g})", c.new_repetitions,
                               c.base_repetitions, options.alpha, floor);
        }
      } else {
        c.verdict = *c.change > 0 ? Verdict::slower : Verdict::faster;
      }
    }
    out.cases.push_back(std::move(c));
  }
  for (const auto& b : base.cases) {
    if (!paired.contains(b.key)) out.only_in_base.push_back(b.key);
  }
  if (ratios > 0) out.geomean_ratio = std::exp(log_ratio_sum / static_cast<double>(ratios));
  return out;
}

}  // namespace hwbench
