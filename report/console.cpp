#include "report/console.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "core/size_range.hpp"
#include "report/text_table.hpp"

namespace hwbench {

std::string format_seconds(double seconds) {
  if (seconds <= 0) return "-";
  if (seconds < 1e-6) return fmt::format("{:.1f} ns", seconds * 1e9);
  if (seconds < 1e-3) return fmt::format("{:.2f} us", seconds * 1e6);
  if (seconds < 1) return fmt::format("{:.3f} ms", seconds * 1e3);
  return fmt::format("{:.3f} s", seconds);
}

std::string format_rate(double per_second, const char* unit) {
  static constexpr std::array<std::pair<double, const char*>, 4> kScales = {
      {{1e12, "T"}, {1e9, "G"}, {1e6, "M"}, {1e3, "k"}}};
  if (per_second <= 0) return "-";
  for (const auto& [scale, prefix] : kScales) {
    if (per_second >= scale) return fmt::format("{:.2f} {}{}/s", per_second / scale, prefix, unit);
  }
  return fmt::format("{:.2f} {}/s", per_second, unit[0] == ' ' ? unit + 1 : unit);
}

namespace {

// Items per second, then any further rates: "4.20 M/s, 16.7 k proofs/s".
std::string items_rate(const CaseResult& r) {
  std::string out = format_rate(r.items_per_second, "");
  for (const auto& [name, rate] : r.rates) out += ", " + format_rate(rate, (" " + name).c_str());
  return out;
}

}  // namespace

ResultTable result_table(const std::vector<CaseResult>& cases) {
  std::vector<std::string> header = {"workload", "backend", "variant", "mode",  "size",    "median",
                                     "spread",   "items/s", "bytes/s", "%peak", "verified"};
  // The parameters an axis swept, in a column after the size; none without axes.
  const std::set<std::string> swept = varying_parameters(cases);
  if (!swept.empty()) header.insert(header.begin() + 5, "parameters");
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : cases) {
    std::string verified;
    switch (r.status) {
      case CaseStatus::ok:
        verified = "yes";
        break;
      case CaseStatus::failed:
        verified = "NO: MISMATCH";
        break;
      case CaseStatus::error:
        verified = "error: " + r.reason;
        break;
      case CaseStatus::skipped:
        verified = "skipped: " + r.reason;
        break;
    }
    const bool measured = r.status == CaseStatus::ok || r.status == CaseStatus::failed;
    std::string peak = "-";
    if (r.percent_of_peak_bandwidth) peak = fmt::format("{:.1f}% bw", *r.percent_of_peak_bandwidth);
    if (r.percent_of_h2d_bandwidth) peak = fmt::format("{:.1f}% h2d", *r.percent_of_h2d_bandwidth);
    rows.push_back({r.workload, r.backend, r.variant, std::string(to_string(r.mode)), format_size(r.size),
                    measured ? format_seconds(r.time.median) : "-",
                    measured ? fmt::format("±{:.1f}%", 100 * r.time.relative_spread()) : "-",
                    measured ? items_rate(r) : "-", measured ? format_rate(r.bytes_per_second, "B") : "-",
                    measured ? peak : "-", verified});
    if (!swept.empty()) rows.back().insert(rows.back().begin() + 5, parameters_text(r.parameters, swept));
  }
  std::vector<bool> numeric(header.size(), false);
  for (std::size_t c = 4; c + 1 < header.size(); ++c) numeric[c] = true;  // size .. %peak
  if (!swept.empty()) numeric[5] = false;
  return {std::move(header), std::move(rows), std::move(numeric)};
}

std::string console_table(const std::vector<CaseResult>& cases) {
  const ResultTable table = result_table(cases);
  return text_table(table.header, table.rows, table.numeric);
}

}  // namespace hwbench
