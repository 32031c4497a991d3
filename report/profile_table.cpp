#include "report/profile_table.hpp"

#include <fmt/format.h>

#include "core/registry.hpp"
#include "core/size_range.hpp"
#include "report/text_table.hpp"

namespace hwbench {
namespace {

std::string threshold_cell(const calibration::Threshold& t) {
  using calibration::CrossoverKind;
  switch (t.kind) {
    case CrossoverKind::crossover:
      return fmt::format("GPU from {} (CPU at {})", format_size(*t.size), format_size(t.below));
    case CrossoverKind::gpu_everywhere:
      return fmt::format("GPU at every size (from {})", format_size(*t.size));
    case CrossoverKind::cpu_everywhere:
      return fmt::format("CPU at every size (to {})", format_size(t.below));
    case CrossoverKind::incomplete:
      return t.size ? fmt::format("incomplete: GPU from {} or less", format_size(*t.size))
                    : std::string("incomplete: budget spent");
  }
  return "?";
}

}  // namespace

std::string profile_table(const calibration::Profile& profile) {
  const Registry& registry = Registry::instance();
  std::vector<std::vector<std::string>> rows;
  for (const auto& w : profile.workloads) {
    if (!w.skipped.empty()) {
      rows.push_back({w.workload, "", "", "", "skipped: " + w.skipped, ""});
      continue;
    }
    for (const auto& v : w.variants) {
      if (!v.skipped.empty()) {
        rows.push_back({w.workload, v.variant, "", "", "skipped: " + v.skipped, ""});
        continue;
      }
      const std::string split =
          v.split ? fmt::format("{:.0f}% GPU at {}", 100 * v.split->gpu_fraction, format_size(v.split->size))
                  : "";
      for (const auto& t : v.thresholds) {
        rows.push_back(
            {w.workload, v.variant, std::string(to_string(t.mode)), t.cpu_backend, threshold_cell(t),
             registry.is_backend(t.cpu_backend, BackendKind::cpu_parallel) && t.mode == Mode::e2e ? split
                                                                                                  : ""});
      }
    }
  }
  return text_table({"workload", "variant", "mode", "versus", "faster", "split"}, rows,
                    {false, false, false, false, false, false});
}

}  // namespace hwbench
