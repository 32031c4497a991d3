#include "report/reporter.hpp"

#include <fmt/format.h>

#include <array>

#include "report/console.hpp"
#include "report/csv.hpp"
#include "report/gbench_json.hpp"
#include "report/html_report.hpp"
#include "report/markdown_table.hpp"
#include "report/prometheus.hpp"

namespace hwbench {
namespace {

std::string table(const ResultDocument& d, const std::string&) { return console_table(d.cases); }
std::string csv(const ResultDocument& d, const std::string&) { return results_csv(d.cases); }
std::string markdown(const ResultDocument& d, const std::string&) {
  const ResultTable t = result_table(d.cases);
  return markdown_table(t.header, t.rows, t.numeric);
}
std::string json(const ResultDocument& d, const std::string&) { return to_json(d).dump(2) + "\n"; }
std::string prometheus(const ResultDocument& d, const std::string&) { return results_prometheus(d); }

constexpr std::array kReporters = {
    Reporter{"table", "aligned columns for a terminal", "results.txt", table},
    Reporter{"csv", "RFC 4180, one row per case, unformatted numbers", "results.csv", csv},
    Reporter{"markdown", "a GitHub-flavoured table", "results.md", markdown},
    Reporter{"json", "hwbench's result.json (merged files as one document)", "result.json", json},
    Reporter{"gbench", "Google Benchmark's JSON, for its tools/compare.py", "gbench.json", gbench_json},
    Reporter{"prometheus", "text exposition format, for node_exporter's textfile collector", "hwbench.prom",
             prometheus},
    Reporter{"html", "a self-contained report with charts", "report.html", html_report},
};

}  // namespace

std::span<const Reporter> reporters() { return kReporters; }

std::vector<std::string> reporter_names() {
  std::vector<std::string> names;
  for (const auto& r : kReporters) names.emplace_back(r.name);
  return names;
}

std::string reporter_help() {
  std::string out;
  for (const auto& r : kReporters) {
    if (!out.empty()) out += ", ";
    out += fmt::format("{} ({})", r.name, r.summary);
  }
  return out;
}

const Reporter* find_reporter(std::string_view name) {
  for (const auto& r : kReporters) {
    if (r.name == name) return &r;
  }
  return nullptr;
}

}  // namespace hwbench
