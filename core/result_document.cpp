#include "core/result_document.hpp"

#include <fmt/format.h>

#include <limits>

#include "core/atomic_file.hpp"
#include "core/json_file.hpp"
#include "core/registry.hpp"

namespace hwbench {
namespace {

constexpr double kMaxCount = 1.8e19;  // any 64-bit count

// One object's fields, read with their types and bounds checked; failures name the file, the place
// (case 3, source 1, the context) and the field. A field that is absent or null reads as its default.
class Fields {
 public:
  // A nested object's fields are named from the case: "time_seconds.median".
  Fields(const nlohmann::json& j, const std::string& source, std::string where, std::string prefix = {})
      : m_j(j), m_source(source), m_where(std::move(where)), m_prefix(std::move(prefix)) {
    if (!j.is_object() && m_prefix.empty()) bad_json_file(m_source, m_where + " is not an object");
    if (!j.is_object())
      bad_json_file(m_source, fmt::format("{}: \"{}\" is not an object", m_where,
                                          m_prefix.substr(0, m_prefix.size() - 1)));
  }

  [[noreturn]] void fail(const std::string& field, const std::string& why) const {
    bad_json_file(m_source, fmt::format("{}: \"{}{}\" {}", m_where, m_prefix, field, why));
  }

  const nlohmann::json* find(const char* field) const {
    const auto it = m_j.find(field);
    return it == m_j.end() || it->is_null() ? nullptr : &*it;
  }

  std::string string(const char* field, bool required = false) const {
    const auto* v = find(field);
    if (v == nullptr && required) fail(field, "is missing");
    if (v == nullptr) return {};
    if (!v->is_string()) fail(field, "is not a string");
    return v->get<std::string>();
  }

  bool boolean(const char* field) const {
    const auto* v = find(field);
    if (v != nullptr && !v->is_boolean()) fail(field, "is not true or false");
    return v != nullptr && v->get<bool>();
  }

  // A reference into the document (or to one empty object), so that object("x").items() in a loop
  // never outlives what it iterates.
  const nlohmann::json& object(const char* field) const {
    static const nlohmann::json empty = nlohmann::json::object();
    const auto* v = find(field);
    if (v == nullptr) return empty;
    if (!v->is_object()) fail(field, "is not an object");
    return *v;
  }

  const nlohmann::json* array(const char* field) const {
    const auto* v = find(field);
    if (v != nullptr && !v->is_array()) fail(field, "is not an array");
    return v;
  }

  double number(const char* field, double lo, double hi) const {
    const auto* v = find(field);
    return v == nullptr ? 0 : check_number(field, *v, lo, hi);
  }

  std::optional<double> optional_number(const char* field, double lo, double hi) const {
    const auto* v = find(field);
    if (v == nullptr) return std::nullopt;
    return check_number(field, *v, lo, hi);
  }

  double check_number(const std::string& field, const nlohmann::json& v, double lo, double hi) const {
    if (!v.is_number()) fail(field, "is not a number");
    const double x = v.get<double>();
    if (!(x >= lo && x <= hi)) fail(field, fmt::format("is {:g}, outside [{:g}, {:g}]", x, lo, hi));
    return x;
  }

  // 0 (not measured), or a time a machine can measure.
  double check_seconds(const std::string& field, const nlohmann::json& v) const {
    const double x = check_number(field, v, 0, kMaxSeconds);
    if (x != 0 && x < kMinSeconds)
      fail(field, fmt::format("is {:g} s, below any measurable time ({:g} s)", x, kMinSeconds));
    return x;
  }

  double seconds(const char* field) const {
    const auto* v = find(field);
    return v == nullptr ? 0 : check_seconds(field, *v);
  }

  std::uint64_t check_unsigned(const std::string& field, const nlohmann::json& v, double max) const {
    if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<std::int64_t>() >= 0))
      fail(field, "is not a non-negative integer");
    const auto x = v.get<std::uint64_t>();
    if (static_cast<double>(x) > max) fail(field, fmt::format("is above {:g}", max));
    return x;
  }

  std::uint64_t unsigned_integer(const char* field, double max = kMaxCount) const {
    const auto* v = find(field);
    return v == nullptr ? 0 : check_unsigned(field, *v, max);
  }

  const std::string& source() const { return m_source; }
  const std::string& where() const { return m_where; }

 private:
  const nlohmann::json& m_j;
  const std::string& m_source;
  std::string m_where;
  std::string m_prefix;
};

nlohmann::json telemetry_of(const Fields& f, const nlohmann::json& telemetry) {
  const std::string where = f.where() + ": telemetry";
  const Fields t(telemetry, f.source(), where);
  if (const auto* samples = t.array("samples")) {
    for (std::size_t i = 0; i < samples->size(); ++i) {
      const Fields s((*samples)[i], f.source(), fmt::format("{} sample {}", where, i));
      s.number("seconds", 0, kMaxSeconds);
      s.number("sm_clock_mhz", 0, 1e5);
      s.number("power_watts", 0, 1e5);
      s.number("gpu_utilization_percent", 0, 100);
    }
  }
  if (const auto* warnings = t.array("warnings")) {
    for (const auto& line : *warnings) {
      if (!line.is_string()) t.fail("warnings", "holds a value that is not a string");
    }
  }
  return telemetry;
}

Summary summary_of(const Fields& f) {
  Summary s;
  const auto* time = f.find("time_seconds");
  if (time == nullptr) return s;
  const Fields t(*time, f.source(), f.where(), "time_seconds.");
  s.median = t.seconds("median");
  s.mean = t.seconds("mean");
  s.min = t.seconds("min");
  s.max = t.seconds("max");
  s.p99 = t.seconds("p99");
  // Deviations of equal samples are 0 up to rounding, below any time a clock can measure.
  s.stddev = t.number("stddev", 0, kMaxSeconds);
  s.mad = t.number("mad", 0, kMaxSeconds);
  // relative_spread is written as mad / median and derived again on reading; a garbled one still refuses the
  // file.
  t.number("relative_spread", 0, 1e12);
  return s;
}

Work work_of(const Fields& f) {
  Work w;
  const auto* work = f.find("work");
  if (work == nullptr) return w;
  const Fields g(*work, f.source(), f.where(), "work.");
  w.items = g.unsigned_integer("items");
  w.bytes = g.unsigned_integer("bytes");
  w.bytes_moved = g.unsigned_integer("bytes_moved");
  w.bytes_in = g.unsigned_integer("bytes_in");
  w.bytes_out = g.unsigned_integer("bytes_out");
  for (const auto& [name, count] : g.object("counts").items())
    w.counts.emplace_back(name, g.check_unsigned("counts." + name, count, kMaxCount));
  return w;
}

Verification verification_of(const Fields& f) {
  Verification v;
  const auto* verification = f.find("verification");
  if (verification == nullptr) return v;
  const Fields g(*verification, f.source(), f.where() + ": verification");
  v.ok = g.boolean("ok");
  v.checked = g.unsigned_integer("checked");
  v.mismatches = g.unsigned_integer("mismatches");
  v.detail = g.string("detail");
  return v;
}

CaseResult case_of(const nlohmann::json& c, std::size_t index, const std::string& source,
                   std::size_t sources) {
  const Fields f(c, source, fmt::format("case {}", index));
  CaseResult r;
  r.name = f.string("name", true);
  r.workload = f.string("workload");
  r.backend = f.string("backend");
  r.variant = f.string("variant");
  r.unit = f.string("unit");
  r.reason = f.string("reason");
  r.fault = f.string("fault");
  r.machine = f.string("machine");
  if (const std::string mode = f.string("mode"); !mode.empty()) {
    const auto m = parse_mode(mode);
    if (!m) f.fail("mode", fmt::format("is \"{}\", not host, device or e2e", mode));
    r.mode = *m;
  }
  const std::string status = f.string("status", true);
  const auto s = parse_case_status(status);
  if (!s) f.fail("status", fmt::format("is \"{}\", not ok, failed, error or skipped", status));
  r.status = *s;
  r.size = f.unsigned_integer("size", kMaxSize);
  r.parameters = f.object("parameters");
  for (const auto& [name, value] : r.parameters.items()) {
    if (!value.is_primitive()) f.fail("parameters." + name, "is not a string, number or boolean");
  }
  r.work = work_of(f);
  r.verification = verification_of(f);
  if (const std::string timing = f.string("timing"); !timing.empty()) {
    if (timing != "cuda-events" && timing != "host-steady-clock")
      f.fail("timing", fmt::format("is \"{}\", not cuda-events or host-steady-clock", timing));
    r.device_timed = timing == "cuda-events";
  }
  if (const auto* samples = f.array("samples_seconds")) {
    for (const auto& v : *samples) r.samples.push_back(f.check_seconds("samples_seconds", v));
  }
  if (const auto* iterations = f.array("iterations")) {
    for (const auto& v : *iterations)
      r.iterations.push_back(static_cast<std::int64_t>(f.check_unsigned("iterations", v, 9.2e18)));
    if (!r.iterations.empty() && r.iterations.size() != r.samples.size())
      f.fail("iterations",
             fmt::format("holds {} values for {} samples_seconds", r.iterations.size(), r.samples.size()));
  }
  if (const auto* cpu = f.array("cpu_samples_seconds")) {
    if (!cpu->empty() && cpu->size() != r.samples.size())
      f.fail("cpu_samples_seconds",
             fmt::format("holds {} values for {} samples_seconds", cpu->size(), r.samples.size()));
    for (const auto& v : *cpu)
      r.cpu_samples.push_back(f.check_number("cpu_samples_seconds", v, 0, kMaxSeconds));
  }
  r.time = summary_of(f);
  r.items_per_second = f.number("items_per_second", 0, kMaxRate);
  r.bytes_per_second = f.number("bytes_per_second", 0, kMaxRate);
  for (const auto& [name, rate] : f.object("rates_per_second").items())
    r.rates[name] = f.check_number("rates_per_second." + name, rate, 0, kMaxRate);
  r.percent_of_peak_bandwidth = f.optional_number("percent_of_peak_bandwidth", 0, kMaxPercent);
  r.percent_of_h2d_bandwidth = f.optional_number("percent_of_h2d_bandwidth", 0, kMaxPercent);
  for (const auto& [name, seconds] : f.object("phases_seconds").items()) {
    if (name == "sequential_total") continue;  // written as the phases' sum, not read
    r.phases.push_back({name, f.check_number("phases_seconds." + name, seconds, 0, kMaxSeconds)});
  }
  r.notes = f.object("notes");
  r.peak_host_bytes = f.unsigned_integer("peak_host_bytes");
  r.peak_device_bytes = f.unsigned_integer("peak_device_bytes");
  r.wall_seconds = f.number("wall_seconds", 0, kMaxSeconds);
  if (const auto* route = f.find("route")) r.route = *route;
  if (const auto* telemetry = f.find("telemetry")) r.telemetry = telemetry_of(f, *telemetry);
  if (sources > 0) {
    const auto* index = f.find("source");
    if (index == nullptr) f.fail("source", "is missing in a merged document");
    if (!index->is_number_unsigned() || index->get<std::uint64_t>() >= sources)
      f.fail("source", fmt::format("is not an index into the document's {} sources", sources));
    r.source = index->get<std::size_t>();
  }
  return r;
}

RunContext context_of(const Fields& f) {
  RunContext c;
  c.hwbench_version = f.string("hwbench_version");
  c.git_revision = f.string("git_revision");
  c.build_type = f.string("build_type");
  if (const auto* argv = f.array("argv")) {
    for (const auto& a : *argv) {
      if (!a.is_string()) f.fail("argv", "holds a value that is not a string");
      c.argv.push_back(a.get<std::string>());
    }
  }
  c.start_time = f.string("start_time");
  c.end_time = f.string("end_time");
  c.seed = f.unsigned_integer("seed");
  c.settings = f.object("settings");
  c.host = f.object("host");
  c.environment = f.object("environment");
  c.backends = f.object("backends");
  c.build = f.object("build");
  return c;
}

RunContext context_in(const nlohmann::json& doc, const std::string& source, const std::string& where) {
  const auto context = doc.find("context");
  if (context == doc.end() || context->is_null()) return {};
  return context_of(Fields(*context, source, where));
}

nlohmann::json counts_json(const Work& work) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [name, count] : work.counts) j[name] = count;
  return j;
}

}  // namespace

nlohmann::json to_json(const RunContext& context) {
  return {{"hwbench_version", context.hwbench_version},
          {"git_revision", context.git_revision},
          {"build_type", context.build_type},
          {"argv", context.argv},
          {"start_time", context.start_time},
          {"end_time", context.end_time},
          {"seed", context.seed},
          {"settings", context.settings},
          {"host", context.host},
          {"environment", context.environment},
          {"backends", context.backends},
          {"build", context.build}};
}

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
  if (r.source) j["source"] = *r.source;
  if (!r.machine.empty()) j["machine"] = r.machine;
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
  if (!r.cpu_samples.empty()) j["cpu_samples_seconds"] = r.cpu_samples;
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

nlohmann::json to_json(const ResultDocument& document) {
  nlohmann::json doc = {{"schema", "hwbench-result"},
                        {"schema_version", kResultSchemaVersion},
                        {"context", to_json(document.context)},
                        {"cases", nlohmann::json::array()}};
  if (document.merged()) {
    doc["merged_by"] = document.merged_by;
    doc["sources"] = nlohmann::json::array();
    for (const auto& s : document.sources)
      doc["sources"].push_back({{"file", s.file}, {"machine", s.machine}, {"context", to_json(s.context)}});
  }
  for (const auto& c : document.cases) doc["cases"].push_back(to_json(c));
  return doc;
}

ResultDocument result_document_from_json(const nlohmann::json& doc, const std::string& source) {
  if (!doc.is_object() || !doc.contains("schema") || doc["schema"] != "hwbench-result")
    bad_json_file(source, "not an hwbench result.json (no \"schema\": \"hwbench-result\")");
  const auto version = doc.find("schema_version");
  if (version == doc.end() || !version->is_number_integer() || *version != kResultSchemaVersion)
    bad_json_file(source, fmt::format("result schema version is not one this hwbench reads ({})",
                                      kResultSchemaVersion));
  const Fields top(doc, source, "the document");
  ResultDocument out;
  out.context = context_in(doc, source, "the context");
  if (const auto s = doc.find("sources"); s != doc.end()) {
    if (!s->is_array() || s->empty()) bad_json_file(source, "\"sources\" is not a non-empty array");
    for (std::size_t i = 0; i < s->size(); ++i) {
      const std::string where = fmt::format("source {}", i);
      const Fields f((*s)[i], source, where);
      out.sources.push_back(
          {f.string("file"), f.string("machine", true), context_in((*s)[i], source, where + ": context")});
    }
    out.merged_by = top.string("merged_by");
  }
  const auto cases = doc.find("cases");
  if (cases == doc.end() || !cases->is_array()) bad_json_file(source, "\"cases\" is not an array");
  out.cases.reserve(cases->size());
  for (std::size_t i = 0; i < cases->size(); ++i)
    out.cases.push_back(case_of((*cases)[i], i, source, out.sources.size()));
  return out;
}

ResultDocument read_result_document(const std::filesystem::path& path) {
  return result_document_from_json(read_json_file(path), path.string());
}

void write_result_document(const std::filesystem::path& path, const ResultDocument& document) {
  write_file_atomically(path, to_json(document).dump(2) + "\n");
}

std::string gpu_model(const RunContext& context) {
  const std::string backend = Registry::instance().backend_name(BackendKind::gpu);
  return string_at(context.backends, {backend.c_str(), "device", "name"});
}

std::string machine_label(const RunContext& context) {
  std::string label = string_at(context.host, {"hostname"});
  if (label.empty()) label = string_at(context.host, {"cpu_model"});
  const std::string gpu = gpu_model(context);
  if (!gpu.empty()) label += (label.empty() ? "" : " · ") + gpu;
  return label.empty() ? "unknown machine" : label;
}

}  // namespace hwbench
