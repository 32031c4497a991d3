#include "report/prometheus.hpp"

#include <fmt/format.h>

#include <map>
#include <numeric>
#include <set>

namespace hwbench {
namespace {

std::string label(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string case_labels(const CaseResult& r) {
  std::string out =
      fmt::format(R"(workload="{}",backend="{}",variant="{}",mode="{}",size="{}")", label(r.workload),
                  label(r.backend), label(r.variant), to_string(r.mode), r.size);
  if (!r.parameters.empty()) out += fmt::format(R"(,parameters="{}")", label(parameters_text(r.parameters)));
  if (!r.machine.empty()) out += fmt::format(R"(,machine="{}")", label(r.machine));
  return out;
}

void family(std::string& out, const char* name, const char* type, const char* help) {
  out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}

// Series with the same labels (a document that holds one case twice) are written once: the first.
struct Series {
  std::set<std::string> seen;
  bool first(const std::string& labels) { return seen.insert(labels).second; }
};

}  // namespace

std::string results_prometheus(const ResultDocument& document) {
  const auto& cases = document.cases;
  std::string out;
  family(out, "hwbench_build_info", "gauge",
         "The hwbench that measured the run: 1, labelled by its version.");
  const RunContext& ctx = document.context;
  out += fmt::format(R"(hwbench_build_info{{version="{}",revision="{}",build_type="{}"}} 1)"
                     "\n",
                     label(ctx.hwbench_version), label(ctx.git_revision), label(ctx.build_type));

  // Each verified case with its labels, formatted once; a case whose labels an earlier one took is left out.
  std::vector<std::pair<const CaseResult*, std::string>> verified;
  Series seen;
  for (const auto& r : cases) {
    if (r.status != CaseStatus::ok || r.samples.empty()) continue;
    std::string labels = case_labels(r);
    if (seen.first(labels)) verified.emplace_back(&r, std::move(labels));
  }
  family(out, "hwbench_case_duration_seconds", "summary",
         "Seconds per iteration over the repetitions of a verified case.");
  for (const auto& [r, labels] : verified) {
    out += fmt::format("hwbench_case_duration_seconds{{{},quantile=\"0.5\"}} {}\n", labels, r->time.median);
    out += fmt::format("hwbench_case_duration_seconds{{{},quantile=\"0.99\"}} {}\n", labels, r->time.p99);
    out += fmt::format("hwbench_case_duration_seconds_sum{{{}}} {}\n", labels,
                       std::accumulate(r->samples.begin(), r->samples.end(), 0.0));
    out += fmt::format("hwbench_case_duration_seconds_count{{{}}} {}\n", labels, r->samples.size());
  }
  family(out, "hwbench_items_per_second", "gauge", "Items per second at the median of a verified case.");
  for (const auto& [r, labels] : verified)
    out += fmt::format("hwbench_items_per_second{{{}}} {}\n", labels, r->items_per_second);

  std::map<std::pair<std::string, std::string>, std::uint64_t> routed;
  for (const auto& r : cases) ++routed[{r.backend, std::string(to_string(r.status))}];
  family(out, "hwbench_cases", "gauge", "Cases of the run by the backend that ran them and their status.");
  for (const auto& [key, n] : routed)
    out += fmt::format("hwbench_cases{{backend=\"{}\",status=\"{}\"}} {}\n", label(key.first), key.second, n);

  std::map<std::pair<std::string, std::string>, std::uint64_t> routes;
  std::map<std::string, std::uint64_t> failed_attempts;
  std::uint64_t fallbacks = 0;
  for (const auto& r : cases) {
    if (!r.route.is_object()) continue;
    const auto strategy = r.route.find("strategy");
    ++routes[{strategy != r.route.end() && strategy->is_string() ? strategy->get<std::string>() : "",
              r.backend}];
    if (const auto a = r.route.find("attempts"); a != r.route.end() && a->is_array()) {
      for (const auto& attempt : *a) {
        const auto fault = attempt.is_object() ? attempt.find("fault") : attempt.end();
        ++failed_attempts[attempt.is_object() && fault != attempt.end() && fault->is_string()
                              ? fault->get<std::string>()
                              : "other"];
      }
    }
    fallbacks += r.route.contains("fallback");
  }
  if (!routes.empty()) {
    family(out, "hwbench_routed_cases", "gauge",
           "Cases a scheduler routed, by strategy and the backend it chose.");
    for (const auto& [key, n] : routes) {
      out += fmt::format("hwbench_routed_cases{{strategy=\"{}\",backend=\"{}\"}} {}\n", label(key.first),
                         label(key.second), n);
    }
    family(out, "hwbench_gpu_failed_attempts", "gauge",
           "GPU attempts of routed cases that failed, by fault.");
    for (const auto& [fault, n] : failed_attempts)
      out += fmt::format("hwbench_gpu_failed_attempts{{fault=\"{}\"}} {}\n", label(fault), n);
    family(out, "hwbench_gpu_fallbacks", "gauge", "Routed GPU cases that ran on the CPU instead.");
    out += fmt::format("hwbench_gpu_fallbacks {}\n", fallbacks);
  }
  out += "# EOF\n";
  return out;
}

}  // namespace hwbench
