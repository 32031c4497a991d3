#include "report/prometheus.hpp"

#include <fmt/format.h>

#include <map>
#include <tuple>

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
  return fmt::format(R"(workload="{}",backend="{}",variant="{}",mode="{}",size="{}")", label(r.workload),
                     label(r.backend), label(r.variant), to_string(r.mode), r.size);
}

}  // namespace

std::string results_prometheus(const std::vector<CaseResult>& cases) {
  std::string out;
  // Durations: every repetition's seconds per iteration, per workload and backend.
  struct Histogram {
    std::vector<std::uint64_t> counts = std::vector<std::uint64_t>(std::size(kDurationBuckets), 0);
    std::uint64_t count = 0;
    double sum = 0;
  };
  std::map<std::pair<std::string, std::string>, Histogram> histograms;
  for (const auto& r : cases) {
    if (r.status != CaseStatus::ok) continue;
    Histogram& h = histograms[{r.workload, r.backend}];
    for (double s : r.samples) {
      for (std::size_t b = 0; b < std::size(kDurationBuckets); ++b)
        h.counts[b] += s <= kDurationBuckets[b] ? 1 : 0;
      ++h.count;
      h.sum += s;
    }
  }
  out += "# HELP hwbench_duration_seconds Seconds per iteration of each verified repetition.\n";
  out += "# TYPE hwbench_duration_seconds histogram\n";
  for (const auto& [key, h] : histograms) {
    const std::string labels =
        fmt::format(R"(workload="{}",backend="{}")", label(key.first), label(key.second));
    for (std::size_t b = 0; b < std::size(kDurationBuckets); ++b) {
      out += fmt::format("hwbench_duration_seconds_bucket{{{},le=\"{}\"}} {}\n", labels, kDurationBuckets[b],
                         h.counts[b]);
    }
    out += fmt::format("hwbench_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n", labels, h.count);
    out += fmt::format("hwbench_duration_seconds_sum{{{}}} {}\n", labels, h.sum);
    out += fmt::format("hwbench_duration_seconds_count{{{}}} {}\n", labels, h.count);
  }
  out += "# HELP hwbench_items_per_second Items per second at the median of a verified case.\n";
  out += "# TYPE hwbench_items_per_second gauge\n";
  for (const auto& r : cases) {
    if (r.status == CaseStatus::ok)
      out += fmt::format("hwbench_items_per_second{{{}}} {}\n", case_labels(r), r.items_per_second);
  }
  out += "# HELP hwbench_median_seconds Median seconds per iteration of a verified case.\n";
  out += "# TYPE hwbench_median_seconds gauge\n";
  for (const auto& r : cases) {
    if (r.status == CaseStatus::ok)
      out += fmt::format("hwbench_median_seconds{{{}}} {}\n", case_labels(r), r.time.median);
  }
  std::map<std::pair<std::string, std::string>, std::uint64_t> routed;
  for (const auto& r : cases) ++routed[{r.backend, std::string(to_string(r.status))}];
  out += "# HELP hwbench_cases_total Cases of the run by the backend that ran them and their status.\n";
  out += "# TYPE hwbench_cases_total counter\n";
  for (const auto& [key, n] : routed) {
    out += fmt::format("hwbench_cases_total{{backend=\"{}\",status=\"{}\"}} {}\n", label(key.first),
                       key.second, n);
  }
  std::map<std::pair<std::string, std::string>, std::uint64_t> routes;
  for (const auto& r : cases) {
    if (r.route.is_object()) ++routes[{r.route.value("strategy", ""), r.backend}];
  }
  if (!routes.empty()) {
    out +=
        "# HELP hwbench_routed_cases_total Cases a scheduler routed, by strategy and the backend it chose.\n";
    out += "# TYPE hwbench_routed_cases_total counter\n";
    for (const auto& [key, n] : routes) {
      out += fmt::format("hwbench_routed_cases_total{{strategy=\"{}\",backend=\"{}\"}} {}\n",
                         label(key.first), label(key.second), n);
    }
  }
  std::map<std::string, std::uint64_t> failed_attempts;
  std::uint64_t fallbacks = 0;
  for (const auto& r : cases) {
    if (!r.route.is_object()) continue;
    if (r.route.contains("attempts") && r.route["attempts"].is_array()) {
      for (const auto& a : r.route["attempts"]) ++failed_attempts[a.value("fault", "other")];
    }
    fallbacks += r.route.contains("fallback");
  }
  if (!routes.empty()) {
    out += "# HELP hwbench_gpu_failed_attempts_total GPU attempts of routed cases that failed, by fault.\n";
    out += "# TYPE hwbench_gpu_failed_attempts_total counter\n";
    for (const auto& [fault, n] : failed_attempts)
      out += fmt::format("hwbench_gpu_failed_attempts_total{{fault=\"{}\"}} {}\n", label(fault), n);
    out += "# HELP hwbench_gpu_fallbacks_total Routed GPU cases that ran on the CPU instead.\n";
    out += "# TYPE hwbench_gpu_fallbacks_total counter\n";
    out += fmt::format("hwbench_gpu_fallbacks_total {}\n", fallbacks);
  }
  return out;
}

}  // namespace hwbench
