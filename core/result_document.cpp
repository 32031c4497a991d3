#include "core/result_document.hpp"

#include <fmt/format.h>

#include <cmath>
#include <initializer_list>

#include "core/json_file.hpp"

namespace hwbench {
namespace {

using Type = nlohmann::json::value_t;

// One object's fields, checked where present; failures name the file, the case and the field.
class Fields {
 public:
  Fields(const nlohmann::json& j, const std::string& source, std::string where)
      : m_j(j), m_source(source), m_where(std::move(where)) {}

  [[noreturn]] void fail(const std::string& field, const std::string& why) const {
    bad_json_file(m_source, fmt::format("{}: \"{}\" {}", m_where, field, why));
  }

  const nlohmann::json* find(const char* field) const {
    const auto it = m_j.find(field);
    return it == m_j.end() || it->is_null() ? nullptr : &*it;
  }

  void string(const char* field, bool required = false) const {
    const auto* v = find(field);
    if (v == nullptr && required) fail(field, "is missing");
    if (v != nullptr && !v->is_string()) fail(field, "is not a string");
  }

  void object(const char* field) const {
    const auto* v = find(field);
    if (v != nullptr && !v->is_object()) fail(field, "is not an object");
  }

  void number(const char* field, double lo, double hi) const {
    if (const auto* v = find(field)) check_number(field, *v, lo, hi);
  }

  void check_number(const std::string& field, const nlohmann::json& v, double lo, double hi) const {
    if (!v.is_number()) fail(field, "is not a number");
    const double x = v.get<double>();
    if (!(x >= lo && x <= hi)) fail(field, fmt::format("is {:g}, outside [{:g}, {:g}]", x, lo, hi));
  }

  // 0 (not measured), or a time a machine can measure.
  void check_seconds(const std::string& field, const nlohmann::json& v) const {
    check_number(field, v, 0, kMaxSeconds);
    const double x = v.get<double>();
    if (x != 0 && x < kMinSeconds)
      fail(field, fmt::format("is {:g} s, below any measurable time ({:g} s)", x, kMinSeconds));
  }

  void unsigned_integer(const char* field, double max) const {
    const auto* v = find(field);
    if (v == nullptr) return;
    if (!v->is_number_unsigned() && !(v->is_number_integer() && v->get<std::int64_t>() >= 0))
      fail(field, "is not a non-negative integer");
    if (static_cast<double>(v->get<std::uint64_t>()) > max) fail(field, fmt::format("is above {:g}", max));
  }

 private:
  const nlohmann::json& m_j;
  const std::string& m_source;
  std::string m_where;
};

void check_telemetry(const Fields& f, const nlohmann::json& telemetry, const std::string& source,
                     const std::string& where) {
  if (!telemetry.is_object()) f.fail("telemetry", "is not an object");
  if (const auto s = telemetry.find("samples"); s != telemetry.end() && !s->is_null()) {
    if (!s->is_array()) f.fail("telemetry.samples", "is not an array");
    for (std::size_t i = 0; i < s->size(); ++i) {
      const auto& sample = (*s)[i];
      const std::string at = fmt::format("{}: telemetry sample {}", where, i);
      if (!sample.is_object()) bad_json_file(source, at + " is not an object");
      const Fields g(sample, source, at);
      g.number("seconds", 0, kMaxSeconds);
      g.number("sm_clock_mhz", 0, 1e5);
      g.number("power_watts", 0, 1e5);
      g.number("gpu_utilization_percent", 0, 100);
    }
  }
  if (const auto w = telemetry.find("warnings"); w != telemetry.end() && !w->is_null()) {
    if (!w->is_array()) f.fail("telemetry.warnings", "is not an array");
    for (const auto& line : *w) {
      if (!line.is_string()) f.fail("telemetry.warnings", "holds a value that is not a string");
    }
  }
}

void check_case(const nlohmann::json& c, std::size_t index, const std::string& source, std::size_t sources) {
  const std::string where = fmt::format("case {}", index);
  if (!c.is_object()) bad_json_file(source, where + " is not an object");
  const Fields f(c, source, where);
  f.string("name", true);
  for (const char* field : {"workload", "backend", "variant", "mode", "unit", "reason", "machine"})
    f.string(field);
  f.string("status", true);
  const std::string status = c["status"].get<std::string>();
  if (status != "ok" && status != "failed" && status != "error" && status != "skipped")
    f.fail("status", fmt::format("is \"{}\", not ok, failed, error or skipped", status));
  f.unsigned_integer("size", kMaxSize);
  if (const auto* p = f.find("parameters")) {
    if (!p->is_object()) f.fail("parameters", "is not an object");
    for (const auto& [name, value] : p->items()) {
      if (!value.is_primitive()) f.fail("parameters." + name, "is not a string, number or boolean");
    }
  }
  if (const auto* samples = f.find("samples_seconds")) {
    if (!samples->is_array()) f.fail("samples_seconds", "is not an array");
    for (const auto& s : *samples) f.check_seconds("samples_seconds", s);
  }
  if (const auto* time = f.find("time_seconds")) {
    if (!time->is_object()) f.fail("time_seconds", "is not an object");
    for (const auto& [name, value] : time->items()) {
      const std::string field = "time_seconds." + name;
      if (name == "relative_spread") {
        f.check_number(field, value, 0, 1e3);
      } else {
        f.check_seconds(field, value);
      }
    }
  }
  for (const char* field : {"items_per_second", "bytes_per_second"}) f.number(field, 0, kMaxRate);
  for (const char* field : {"percent_of_peak_bandwidth", "percent_of_h2d_bandwidth"})
    f.number(field, 0, kMaxPercent);
  f.number("wall_seconds", 0, kMaxSeconds);
  if (const auto* t = f.find("telemetry")) check_telemetry(f, *t, source, where);
  if (sources > 0) {
    const auto* s = f.find("source");
    if (s == nullptr) f.fail("source", "is missing in a merged document");
    if (!s->is_number_unsigned() || s->get<std::uint64_t>() >= sources)
      f.fail("source", fmt::format("is not an index into the document's {} sources", sources));
  }
}

}  // namespace

void check_result_document(const nlohmann::json& doc, const std::string& source) {
  if (!doc.is_object() || !doc.contains("schema") || doc["schema"] != "hwbench-result")
    bad_json_file(source, "not an hwbench result.json (no \"schema\": \"hwbench-result\")");
  const auto version = doc.find("schema_version");
  if (version == doc.end() || !version->is_number_unsigned() || version->get<std::uint64_t>() != 1)
    bad_json_file(source, "result schema version is not one this hwbench reads (1)");
  if (const auto context = doc.find("context"); context != doc.end() && !context->is_object())
    bad_json_file(source, "\"context\" is not an object");
  std::size_t sources = 0;
  if (const auto s = doc.find("sources"); s != doc.end()) {
    if (!s->is_array() || s->empty()) bad_json_file(source, "\"sources\" is not a non-empty array");
    for (std::size_t i = 0; i < s->size(); ++i) {
      const auto& entry = (*s)[i];
      const Fields f(entry, source, fmt::format("source {}", i));
      if (!entry.is_object()) f.fail("(entry)", "is not an object");
      f.string("file");
      f.string("machine", true);
      f.object("context");
    }
    sources = s->size();
  }
  const auto cases = doc.find("cases");
  if (cases == doc.end() || !cases->is_array()) bad_json_file(source, "\"cases\" is not an array");
  for (std::size_t i = 0; i < cases->size(); ++i) check_case((*cases)[i], i, source, sources);
}

nlohmann::json read_result_document(const std::filesystem::path& path) {
  nlohmann::json doc = read_json_file(path);
  check_result_document(doc, path.string());
  return doc;
}

}  // namespace hwbench
