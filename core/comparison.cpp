#include "core/comparison.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <tuple>

#include "core/error.hpp"
#include "core/json_file.hpp"
#include "core/result.hpp"
#include "core/result_document.hpp"

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
  if (!(s >= 0 && s <= kMaxSeconds) || (s != 0 && s < kMinSeconds))
    bad_file(source, fmt::format("{}: a time of {:g} s is outside physical sense (0, or {:g} .. {:g} s)",
                                 where, s, kMinSeconds, kMaxSeconds));
  return s;
}

// A Google Benchmark repetition's time: google/benchmark writes 0 only beside an error, so a 0 s
// repetition of a case that did not fail is not a measurement.
double repetition_seconds(const std::string& source, const nlohmann::json& value, double unit,
                          const std::string& where) {
  const double s = seconds(source, value, unit, where);
  if (s == 0) bad_file(source, where + ": a repetition of 0 s without an error");
  return s;
}

MachineFacts facts(std::initializer_list<std::pair<const char*, std::string>> candidates) {
  MachineFacts out;
  for (const auto& [fact, value] : candidates) {
    if (!value.empty()) out.emplace_back(fact, value);
  }
  return out;
}

bool measured(const CaseResult& c) { return c.status == CaseStatus::ok; }
bool skipped(const CaseResult& c) { return c.status == CaseStatus::skipped; }

}  // namespace

ResultSet result_set_of(const std::string& source, ResultDocument doc) {
  ResultSet set{source, "hwbench-result", {}, {}};
  // A merged document pairs per machine: its first context does not speak for all of its cases.
  if (!doc.merged()) {
    const auto& context = doc.context;
    set.machine = facts({{"host", string_at(context.host, {"hostname"})},
                         {"CPU", string_at(context.host, {"cpu_model"})},
                         {"GPU", gpu_model(context)},
                         {"profile", string_at(context.settings, {"profile"})}});
  }
  for (std::size_t i = 0; i < doc.cases.size(); ++i) {
    const auto& c = doc.cases[i];
    if ((c.status == CaseStatus::ok || c.status == CaseStatus::failed) && c.samples.empty())
      bad_file(source, fmt::format("case {} is {} but has no samples", i, to_string(c.status)));
  }
  set.cases = std::move(doc.cases);
  return set;
}

namespace {

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
  static const std::map<std::string, double> units = {{"ns", 1e-9}, {"us", 1e-6}, {"ms", 1e-3}, {"s", 1}};
  const auto unit = units.find(it->get<std::string>());
  if (unit == units.end()) bad_file(source, where + ": unknown time_unit " + it->dump());
  return unit->second;
}

// A field that a run may leave out, of the type it must have when present.
std::string optional_string(const std::string& source, const nlohmann::json& run, const char* name,
                            const std::string& where, std::string fallback = {}) {
  const auto it = run.find(name);
  if (it == run.end()) return fallback;
  if (!it->is_string()) bad_file(source, fmt::format("{}: \"{}\" is not a string", where, name));
  return it->get<std::string>();
}

bool optional_flag(const std::string& source, const nlohmann::json& run, const char* name,
                   const std::string& where) {
  const auto it = run.find(name);
  if (it == run.end()) return false;
  // Google Benchmark writes a boolean; a count of 0 or 1 reads the same.
  if (it->is_boolean()) return it->get<bool>();
  if (it->is_number_unsigned()) return it->get<std::uint64_t>() != 0;
  bad_file(source, fmt::format("{}: \"{}\" is not true or false", where, name));
}

ResultSet read_google_benchmark(const std::string& source, const nlohmann::json& doc) {
  using T = nlohmann::json::value_t;
  ResultSet set{source, "google-benchmark", {}, {}};
  if (const auto context = doc.find("context"); context != doc.end() && context->is_object())
    set.machine = facts({{"host", string_at(*context, {"host_name"})}});
  std::map<std::string, std::size_t> index;  // key -> position in set.cases
  std::map<std::size_t, double> medians;     // position -> the median aggregate, for aggregate-only output
  const auto& runs = member(source, doc, "benchmarks", T::array, "the document");
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const auto& run = runs[i];
    const std::string where = fmt::format("benchmark {}", i);
    if (!run.is_object()) bad_file(source, where + " is not an object");
    const auto name_field = run.contains("run_name") ? "run_name" : "name";
    const std::string key =
        without_run_settings(member(source, run, name_field, T::string, where).get<std::string>());
    const std::string type = optional_string(source, run, "run_type", where, "iteration");
    auto [it, added] = index.emplace(key, set.cases.size());
    if (added) {
      CaseResult c;
      // hwbench's own gbench.json names parameters as name:value segments; read back, they pair
      // with the same case of a result.json.
      std::tie(c.name, c.parameters) = split_benchmark_name(key);
      c.status = CaseStatus::ok;
      set.cases.push_back(std::move(c));
    }
    CaseResult& m = set.cases[it->second];
    if (optional_flag(source, run, "error_occurred", where) || optional_flag(source, run, "skipped", where)) {
      m.status = CaseStatus::error;
      m.reason =
          optional_string(source, run, "error_message", where,
                          optional_string(source, run, "skip_message", where, "benchmark reported an error"));
      continue;
    }
    const double unit = time_unit(source, run, where);
    if (type == "iteration") {
      m.samples.push_back(
          repetition_seconds(source, member(source, run, "real_time", T::number_float, where), unit, where));
    } else if (type == "aggregate" && optional_string(source, run, "aggregate_name", where) == "median") {
      medians[it->second] =
          repetition_seconds(source, member(source, run, "real_time", T::number_float, where), unit, where);
    }
  }
  // Output written with --benchmark_report_aggregates_only has no repetitions: the median stands alone.
  for (std::size_t k = 0; k < set.cases.size(); ++k) {
    CaseResult& m = set.cases[k];
    if (m.samples.empty() && measured(m)) {
      if (const auto it = medians.find(k); it != medians.end()) m.samples.push_back(it->second);
    }
    if (m.samples.empty() && measured(m))
      bad_file(source, fmt::format("\"{}\" has no iteration or median time", m.name));
  }
  return set;
}

double median(const std::vector<double>& samples) { return quantile(samples, 0.5); }

}  // namespace

ResultSet result_set_from_json(const nlohmann::json& doc, const std::string& source) {
  if (!doc.is_object()) bad_file(source, "not a result file (the document is not an object)");
  if (const auto schema = doc.find("schema"); schema != doc.end() && *schema == "hwbench-result") {
    return result_set_of(source, result_document_from_json(doc, source));
  }
  if (doc.contains("benchmarks")) return read_google_benchmark(source, doc);
  bad_file(source, "neither an hwbench result.json nor Google Benchmark JSON");
}

ResultSet load_result_set(const std::filesystem::path& path) {
  return result_set_from_json(read_json_file(path), path.string());
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

std::string_view to_string(GateCondition condition) {
  switch (condition) {
    case GateCondition::missing:
      return "missing";
    case GateCondition::unpaired:
      return "unpaired";
    case GateCondition::underpowered:
      return "underpowered";
    case GateCondition::noisy:
      return "noisy";
    case GateCondition::machine:
      return "machine";
  }
  return "?";
}

std::optional<GateCondition> parse_gate_condition(std::string_view name) {
  for (auto c : {GateCondition::missing, GateCondition::unpaired, GateCondition::underpowered,
                 GateCondition::noisy, GateCondition::machine}) {
    if (to_string(c) == name) return c;
  }
  return std::nullopt;
}

std::vector<GateCondition> default_gate_conditions() {
  return {GateCondition::missing, GateCondition::underpowered};
}

std::size_t Comparison::count(Verdict verdict) const {
  std::size_t n = 0;
  for (const auto& c : cases) n += c.verdict == verdict ? 1 : 0;
  return n;
}

int Comparison::exit_code() const {
  if (count(Verdict::slower) + count(Verdict::failed) > 0) return kExitVerificationFailed;
  return gate_failures.empty() ? kExitOk : kExitInconclusive;
}

namespace {

CaseComparison judge(const CaseResult& b, const CaseResult& n, const CompareOptions& options) {
  CaseComparison c;
  c.key = comparison_key(n);
  c.base_repetitions = b.samples.size();
  c.new_repetitions = n.samples.size();
  if (!b.samples.empty()) c.base_median = median(b.samples);
  if (!n.samples.empty()) c.new_median = median(n.samples);
  if (!measured(n) && !skipped(n)) {
    c.verdict = Verdict::failed;
    c.note = "new: " + status_text(n);
  } else if (!measured(n) || !measured(b)) {
    c.verdict = Verdict::skipped;
    c.note = !measured(b) ? "base: " + status_text(b) : "new: " + status_text(n);
  } else if (c.base_median <= 0 || c.new_median <= 0) {
    c.verdict = Verdict::skipped;
    c.note = "a median time of zero";
  } else {
    c.change = c.new_median / c.base_median - 1;
    c.test = mann_whitney_u(n.samples, b.samples);
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
  return c;
}

std::vector<std::string> machine_differences(const MachineFacts& base, const MachineFacts& next) {
  std::vector<std::string> out;
  for (const auto& [fact, value] : base) {
    for (const auto& [other_fact, other] : next) {
      if (fact == other_fact && value != other)
        out.push_back(fmt::format("{}: '{}' (base), '{}' (new)", fact, value, other));
    }
  }
  return out;
}

bool chosen(const CompareOptions& options, GateCondition condition) {
  return std::find(options.fail_on.begin(), options.fail_on.end(), condition) != options.fail_on.end();
}

std::vector<GateFailure> gate_failures(const Comparison& c, const ResultSet& base, const ResultSet& next) {
  std::vector<GateFailure> out;
  if (c.compared == 0) {
    std::string why = "no case was measured on both sides";
    if (base.format != next.format) {
      why += fmt::format(" (the base is {} and the new file {}: their case names never pair)", base.format,
                         next.format);
    }
    out.push_back({"nothing-compared", why});
  }
  auto fail = [&](GateCondition condition, std::size_t count, const std::string& what) {
    if (count > 0 && chosen(c.options, condition)) out.push_back({std::string(to_string(condition)), what});
  };
  fail(GateCondition::missing, c.missing,
       fmt::format("{} base case{} not measured in the new file", c.missing, c.missing == 1 ? "" : "s"));
  fail(GateCondition::unpaired, c.unpaired,
       fmt::format("{} new case{} without a measured base case", c.unpaired, c.unpaired == 1 ? "" : "s"));
  fail(GateCondition::underpowered, c.underpowered,
       fmt::format("{} case{} changed beyond the threshold with too few repetitions to tell (see the notes)",
                   c.underpowered, c.underpowered == 1 ? "" : "s"));
  const std::size_t noisy = c.count(Verdict::noisy);
  fail(GateCondition::noisy, noisy,
       fmt::format("{} case{} changed beyond the threshold without significance", noisy,
                   noisy == 1 ? "" : "s"));
  fail(GateCondition::machine, c.machine_differences.size(),
       fmt::format("the machines differ ({})", fmt::join(c.machine_differences, "; ")));
  return out;
}

}  // namespace

Comparison compare_results(const ResultSet& base, const ResultSet& next, const CompareOptions& options) {
  Comparison out{base.source, next.source, options, {}, {}, {}, std::nullopt, 0, 0, 0, 0, {}, {}};
  std::map<std::string, const CaseResult*> base_cases;
  for (const auto& c : base.cases) base_cases.emplace(comparison_key(c), &c);
  std::map<std::string, bool> paired;
  double log_ratio_sum = 0;
  for (const auto& n : next.cases) {
    const std::string key = comparison_key(n);
    const auto it = base_cases.find(key);
    if (it == base_cases.end()) {
      // A case that failed is a failure whether or not the base has it.
      if (!measured(n) && !skipped(n)) {
        out.cases.push_back({key, 0, n.samples.size(), 0, n.samples.empty() ? 0 : median(n.samples),
                             std::nullopt, std::nullopt, Verdict::failed,
                             "new: " + status_text(n) + " (not in base)"});
      } else {
        out.only_in_new.push_back(key);
      }
      ++out.unpaired;
      continue;
    }
    paired[key] = true;
    const CaseResult& b = *it->second;
    CaseComparison c = judge(b, n, options);
    if (c.change) {
      log_ratio_sum += std::log1p(*c.change);
      ++out.compared;
    } else if (c.verdict == Verdict::skipped && measured(b) != measured(n)) {
      // Measured on one side only: gone from the new run, or new to it. Skipped on both sides (a GPU
      // case on two machines without one) is neither.
      ++(measured(b) ? out.missing : out.unpaired);
    }
    if (c.verdict == Verdict::noisy && !c.note.empty()) ++out.underpowered;
    out.cases.push_back(std::move(c));
  }
  for (const auto& b : base.cases) {
    if (const std::string key = comparison_key(b); !paired.contains(key)) {
      out.only_in_base.push_back(key);
      ++out.missing;
    }
  }
  if (out.compared > 0) out.geomean_ratio = std::exp(log_ratio_sum / static_cast<double>(out.compared));
  out.machine_differences = machine_differences(base.machine, next.machine);
  out.gate_failures = gate_failures(out, base, next);
  return out;
}

}  // namespace hwbench
