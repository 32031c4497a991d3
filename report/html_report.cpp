#include "report/html_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <set>

#include "core/comparison.hpp"
#include "core/error.hpp"
#include "core/merge.hpp"
#include "core/registry.hpp"
#include "core/size_range.hpp"
#include "hwbench/version.hpp"
#include "report/comparison_report.hpp"
#include "report/console.hpp"
#include "report/svg_chart.hpp"

namespace hwbench {
namespace {

// Describing fields of a context (host, settings, device) shown as written: absent or mistyped
// ones read as empty.
std::string text(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end()) return {};
  return it->is_string() ? it->get<std::string>() : it->is_null() ? std::string() : it->dump();
}

double number(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<double>() : std::numeric_limits<double>::quiet_NaN();
}

const nlohmann::json& object(const nlohmann::json& j, const char* key) {
  static const nlohmann::json empty = nlohmann::json::object();
  const auto it = j.find(key);
  return it != j.end() && it->is_object() ? *it : empty;
}

// One run drawn: a plain document's, or one source of a merged one.
struct Run {
  std::string label;  // "machine (file)"
  std::string file;
  const RunContext* context;
};

std::vector<Run> runs_of(const ResultDocument& doc, const std::string& source) {
  if (!doc.merged()) return {{machine_label(doc.context) + " (" + source + ")", source, &doc.context}};
  std::vector<Run> runs;
  for (const auto& s : doc.sources) {
    const std::string file = source.empty() ? s.file : source + ": " + s.file;
    runs.push_back({s.machine + " (" + file + ")", file, &s.context});
  }
  return runs;
}

std::size_t run_of(const CaseResult& c) { return c.source.value_or(0); }
std::string series_name(const CaseResult& c) {
  return c.backend + "/" + c.variant + "/" + std::string(to_string(c.mode));
}
bool ok(const CaseResult& c) { return c.status == CaseStatus::ok && c.time.median > 0; }
bool measured(const CaseResult& c) { return c.status == CaseStatus::ok || c.status == CaseStatus::failed; }
bool gpu(const CaseResult& c) { return Registry::instance().is_backend(c.backend, BackendKind::gpu); }
// The backend speed-ups are relative to.
bool reference(const CaseResult& c) {
  return Registry::instance().is_backend(c.backend, BackendKind::cpu_serial);
}
std::string reference_name() { return Registry::instance().backend_name(BackendKind::cpu_serial); }
double size_of(const CaseResult& c) { return static_cast<double>(c.size); }
std::optional<double> percent(const CaseResult& c) {
  return c.percent_of_peak_bandwidth ? c.percent_of_peak_bandwidth : c.percent_of_h2d_bandwidth;
}

using Cases = std::vector<const CaseResult*>;

ChartSeries series_of(const std::string& name, const std::string& color) {
  ChartSeries s;
  s.name = name;
  s.color = color;
  return s;
}

const char* const kPalette[] = {"#2563eb", "#16a34a", "#ea580c", "#9333ea", "#dc2626",
                                "#0891b2", "#ca8a04", "#db2777", "#4b5563", "#65a30d"};

// Fastest median of the rows of one backend family at each size.
std::map<double, double> best_by_size(const Cases& rows, bool (*take)(const CaseResult&)) {
  std::map<double, double> best;
  for (const CaseResult* r : rows) {
    if (!ok(*r) || !take(*r)) continue;
    auto [it, added] = best.emplace(size_of(*r), r->time.median);
    if (!added) it->second = std::min(it->second, r->time.median);
  }
  return best;
}

// A chart against size on a log axis.
ChartSpec size_chart(const std::string& title, const std::string& y_label, AxisFormat y_format, bool log_y) {
  return {title, "size", y_label, AxisFormat::size, y_format, true, log_y, {}, {}};
}

struct Crossover {
  std::string series;
  std::optional<double> from;  // smallest size from which the series beats the best CPU at every size
  double ratio_at_largest = 0;
  double largest = 0;
};

std::vector<Crossover> crossovers(const std::map<std::string, Cases>& series,
                                  const std::map<double, double>& best_cpu) {
  std::vector<Crossover> out;
  for (const auto& [name, rows] : series) {
    if (rows.empty() || !gpu(*rows.front())) continue;
    Crossover c{name, std::nullopt, 0, 0};
    std::vector<std::pair<double, double>> points;  // size, gpu / cpu
    for (const CaseResult* r : rows) {
      const auto cpu = best_cpu.find(size_of(*r));
      if (ok(*r) && cpu != best_cpu.end()) points.emplace_back(size_of(*r), cpu->second / r->time.median);
    }
    if (points.empty()) continue;
    std::sort(points.begin(), points.end());
    for (std::size_t i = points.size(); i-- > 0;) {
      if (points[i].second <= 1) break;
      c.from = points[i].first;
    }
    c.largest = points.back().first;
    c.ratio_at_largest = points.back().second;
    out.push_back(c);
  }
  return out;
}

std::string badge(const CaseResult& r) {
  if (r.status == CaseStatus::ok) return R"(<span class="badge ok">verified</span>)";
  if (r.status == CaseStatus::failed) return R"(<span class="badge bad">MISMATCH</span>)";
  if (r.status == CaseStatus::error)
    return fmt::format(R"(<span class="badge bad" title="{0}">error</span> {0})", html_escape(r.reason));
  return fmt::format(R"(<span class="badge skip" title="{0}">skipped</span> {0})", html_escape(r.reason));
}

// A numeric cell: shown text, sorted by value.
std::string numeric_cell(double value, const std::string& shown) {
  return fmt::format(R"(<td class="num" data-v="{}">{}</td>)", std::isfinite(value) ? value : -1.0,
                     html_escape(shown));
}

std::string machines_section(const std::vector<Run>& runs) {
  std::string out = "<section><h2>Machines</h2>";
  for (const auto& run : runs) {
    const RunContext& context = *run.context;
    const auto& host = context.host;
    const std::string gpu_backend = Registry::instance().backend_name(BackendKind::gpu);
    const auto& cuda = object(context.backends, gpu_backend.c_str());
    const auto& device = object(cuda, "device");
    out += "<dl class=\"machine\">";
    auto item = [&](const std::string& k, const std::string& v) {
      if (!v.empty()) out += fmt::format("<dt>{}</dt><dd>{}</dd>", html_escape(k), html_escape(v));
    };
    item("file", run.file);
    item("CPU", fmt::format("{} ({} logical cores)", text(host, "cpu_model"), text(host, "logical_cores")));
    if (const double m = number(host, "memory_bytes"); std::isfinite(m))
      item("memory", fmt::format("{:.1f} GiB", m / 1073741824.0));
    item("OS", text(host, "os"));
    if (!device.empty()) {
      item("GPU", fmt::format("{} · {} SMs · {:.1f} GiB · compute capability {}", text(device, "name"),
                              text(device, "sm_count"), number(device, "memory_bytes") / 1073741824.0,
                              text(device, "compute_capability")));
      item("driver / runtime", text(cuda, "driver_version") + " / " + text(cuda, "runtime_version"));
    } else if (cuda.contains("unavailable")) {
      item("GPU", "none: " + text(cuda, "unavailable"));
    }
    item("hwbench", context.hwbench_version + " (" + context.git_revision + ")");
    item("run", context.start_time + " .. " + context.end_time);
    const auto& settings = context.settings;
    item("settings", fmt::format("{} repetitions of at least {} s, seed {}", text(settings, "repetitions"),
                                 text(settings, "min_time_seconds"), context.seed));
    const auto& environment = context.environment;
    if (const auto w = environment.find("warnings"); w != environment.end() && w->is_array()) {
      for (const auto& line : *w) item("warning", line.is_string() ? line.get<std::string>() : line.dump());
    }
    out += "</dl>";
  }
  return out + "</section>";
}

std::string telemetry_charts(const Cases& rows) {
  std::string charts;
  std::size_t count = 0;
  for (const CaseResult* r : rows) {
    // A reader's file may lack either member: find(), never operator[] on a missing key of a const object.
    const nlohmann::json& telemetry = r->telemetry;
    if (!telemetry.is_object()) continue;
    const auto samples = telemetry.find("samples");
    if (samples == telemetry.end() || !samples->is_array()) continue;
    const std::string size = axis_label(size_of(*r), AxisFormat::size);
    ChartSpec clock{fmt::format("{} {}: SM clock", series_name(*r), size),
                    "seconds into the case",
                    "MHz",
                    AxisFormat::plain,
                    AxisFormat::plain,
                    false,
                    false,
                    {},
                    {}};
    ChartSpec load{fmt::format("{} {}: power and utilization", series_name(*r), size),
                   "seconds into the case",
                   "W, %",
                   AxisFormat::plain,
                   AxisFormat::plain,
                   false,
                   false,
                   {},
                   {}};
    ChartSeries sm = series_of("SM clock (MHz)", kPalette[0]), power = series_of("power (W)", kPalette[2]),
                util = series_of("GPU utilization (%)", kPalette[1]);
    for (const auto& s : *samples) {
      if (!s.is_object()) continue;
      const double t = number(s, "seconds");
      if (const double v = number(s, "sm_clock_mhz"); std::isfinite(v)) sm.points.emplace_back(t, v);
      if (const double v = number(s, "power_watts"); std::isfinite(v)) power.points.emplace_back(t, v);
      if (const double v = number(s, "gpu_utilization_percent"); std::isfinite(v))
        util.points.emplace_back(t, v);
    }
    clock.series = {sm};
    load.series = {power, util};
    charts += svg_chart(clock) + svg_chart(load);
    if (const auto warnings = telemetry.find("warnings");
        warnings != telemetry.end() && warnings->is_array()) {
      for (const auto& w : *warnings)
        charts += fmt::format("<p class=\"warn\">{}</p>",
                              html_escape(w.is_string() ? w.get<std::string>() : w.dump()));
    }
    ++count;
  }
  if (count == 0) return {};
  return fmt::format(
      "<details class=\"telemetry\"><summary>GPU telemetry over time ({} cases)</summary>{}</details>", count,
      charts);
}

// `heading` names the section (with the machine when there are several); `title` the charts.
void sort_by_size(Cases& list) {
  std::sort(list.begin(), list.end(),
            [](const CaseResult* a, const CaseResult* b) { return a->size < b->size; });
}

std::string workload_section(const std::string& heading, const std::string& title, const Cases& rows) {
  std::map<std::string, Cases> series;
  for (const CaseResult* r : rows) {
    if (ok(*r)) series[series_name(*r)].push_back(r);
  }
  for (auto& [name, list] : series) sort_by_size(list);
  const auto best_cpu = best_by_size(rows, [](const CaseResult& r) { return !gpu(r); });
  const auto best_serial = best_by_size(rows, reference);
  const std::string base_name = reference_name();
  const auto cross = crossovers(series, best_cpu);

  ChartSpec time = size_chart(title + ": time per iteration", "median seconds", AxisFormat::seconds, true);
  ChartSpec speedup = size_chart(title + ": speed-up over " + base_name, base_name + " median / median",
                                 AxisFormat::ratio, true);
  ChartSpec throughput = size_chart(title + ": throughput", "items per second", AxisFormat::rate, true);
  // Bandwidth-bound device cases against the GPU's theoretical bandwidth; e2e cases against the
  // host-to-device copy rate measured in the same run.
  ChartSpec peak =
      size_chart(title + ": % of peak", "% of peak (bandwidth, or h2d for e2e)", AxisFormat::plain, false);
  std::size_t color = 0;
  for (const auto& [name, list] : series) {
    const std::string c = kPalette[color++ % std::size(kPalette)];
    ChartSeries t = series_of(name, c), s = series_of(name, c), q = series_of(name, c),
                p = series_of(name, c);
    for (const CaseResult* r : list) {
      const double x = size_of(*r), median = r->time.median;
      const std::string size = axis_label(x, AxisFormat::size);
      t.points.emplace_back(x, median);
      t.bands.emplace_back(median - r->time.mad, median + r->time.mad);
      t.tooltips.push_back(fmt::format("{} at {}: {} ± {} (MAD)", name, size, format_seconds(median),
                                       format_seconds(r->time.mad)));
      if (const auto pct = percent(*r)) {
        p.points.emplace_back(x, *pct);
        p.tooltips.push_back(
            fmt::format("{} at {}: {:.1f}% of {}", name, size, *pct,
                        r->percent_of_peak_bandwidth ? "peak bandwidth" : "the h2d copy rate"));
      }
      q.points.emplace_back(x, r->items_per_second);
      q.tooltips.push_back(fmt::format("{} at {}: {}", name, size, format_rate(r->items_per_second, "")));
      if (const auto base = best_serial.find(x); base != best_serial.end() && !reference(*r)) {
        s.points.emplace_back(x, base->second / median);
        s.tooltips.push_back(
            fmt::format("{} at {}: {:.2f}x {}", name, size, base->second / median, base_name));
      }
    }
    time.series.push_back(std::move(t));
    throughput.series.push_back(std::move(q));
    if (!s.points.empty()) speedup.series.push_back(std::move(s));
    if (!p.points.empty()) peak.series.push_back(std::move(p));
  }
  std::string summary;
  for (const auto& c : cross) {
    if (c.from) {
      time.markers.push_back({*c.from, c.series + " ahead"});
      summary +=
          fmt::format("<li><b>{}</b> beats the best CPU backend from <b>{}</b> on ({:.1f}x at {})</li>",
                      html_escape(c.series), html_escape(axis_label(*c.from, AxisFormat::size)),
                      c.ratio_at_largest, html_escape(axis_label(c.largest, AxisFormat::size)));
    } else {
      summary += fmt::format(
          "<li><b>{}</b> does not stay ahead of the best CPU backend up to {} ({:.2f}x there)</li>",
          html_escape(c.series), html_escape(axis_label(c.largest, AxisFormat::size)), c.ratio_at_largest);
    }
  }
  std::string out = fmt::format("<section class=\"workload\"><h2>{}</h2>", html_escape(heading));
  if (!summary.empty()) out += "<ul class=\"crossover\">" + summary + "</ul>";
  if (series.empty()) return out + "<p>No verified measurement.</p></section>";
  out += "<div class=\"charts\">" + svg_chart(time);
  if (!speedup.series.empty()) out += svg_chart(speedup);
  out += svg_chart(throughput);
  if (!peak.series.empty()) out += svg_chart(peak);
  out += "</div>";
  out += telemetry_charts(rows);
  return out + "</section>";
}

// Several machines: per workload measured on more than one, every machine's series on one time chart.
std::string machines_compared(const std::vector<CaseResult>& rows, const std::vector<Run>& runs) {
  std::map<std::pair<std::string, std::string>, std::map<std::string, Cases>> workloads;
  std::map<std::pair<std::string, std::string>, std::set<std::size_t>> machines;
  for (const auto& r : rows) {
    if (!ok(r)) continue;
    const auto key = std::make_pair(r.workload, parameters_text(r.parameters));
    workloads[key][runs[run_of(r)].label + ": " + series_name(r)].push_back(&r);
    machines[key].insert(run_of(r));
  }
  std::string out;
  for (auto& [key, series] : workloads) {
    if (machines[key].size() < 2) continue;
    const std::string title = key.first + (key.second.empty() ? "" : " (" + key.second + ")");
    ChartSpec chart = size_chart(title + ": machines compared", "median seconds", AxisFormat::seconds, true);
    std::size_t color = 0;
    for (auto& [name, list] : series) {
      sort_by_size(list);
      ChartSeries s = series_of(name, kPalette[color++ % std::size(kPalette)]);
      for (const CaseResult* r : list) {
        s.points.emplace_back(size_of(*r), r->time.median);
        s.bands.emplace_back(r->time.median - r->time.mad, r->time.median + r->time.mad);
        s.tooltips.push_back(fmt::format("{} at {}: {} ± {} (MAD)", name,
                                         axis_label(size_of(*r), AxisFormat::size),
                                         format_seconds(r->time.median), format_seconds(r->time.mad)));
      }
      chart.series.push_back(std::move(s));
    }
    out += svg_chart(chart);
  }
  return out.empty() ? out
                     : "<section class=\"workload\"><h2>Machines compared</h2><div class=\"charts\">" + out +
                           "</div></section>";
}

// Two runs of one machine (a before and an after): each case's change and verdict, as compare says.
std::string before_after(const ResultDocument& doc, const std::vector<Run>& runs) {
  if (!doc.merged() || doc.sources.size() != 2 || runs.size() != 2) return {};
  if (machine_label(doc.sources[0].context) != machine_label(doc.sources[1].context)) return {};
  std::string body;
  try {
    const auto parts = split_merged({"", doc});
    const Comparison comparison = compare_results(result_set_of(runs[0].label, parts[0].document),
                                                  result_set_of(runs[1].label, parts[1].document), {});
    body = comparison_html(comparison);
  } catch (const UsageError& e) {  // a run that compare would refuse: said, not drawn
    body = R"(<p class="warn">Not compared: )" + html_escape(e.what()) + "</p>";
  }
  return "<section><h2>Before and after</h2>" + body + "</section>";
}

using TableKey = std::tuple<std::size_t, std::string, std::string, std::uint64_t>;
TableKey table_key(const CaseResult& r) {
  return std::make_tuple(run_of(r), r.workload, parameters_text(r.parameters), r.size);
}

std::string table_section(const std::vector<CaseResult>& rows, const std::vector<Run>& runs) {
  const bool several = runs.size() > 1;
  std::map<TableKey, double> serial;  // best of the reference backend
  for (const auto& r : rows) {
    if (ok(r) && reference(r)) {
      auto [it, added] = serial.emplace(table_key(r), r.time.median);
      if (!added) it->second = std::min(it->second, r.time.median);
    }
  }
  std::string out =
      "<section><h2>Every case</h2><p class=\"hint\">Click a column to sort.</p><table "
      "class=\"sortable\"><thead><tr>";
  const std::string versus = "vs " + reference_name();
  for (const std::string& h :
       {std::string("machine"), std::string("workload"), std::string("parameters"), std::string("backend"),
        std::string("variant"), std::string("mode"), std::string("size"), std::string("median"),
        std::string("spread"), std::string("items/s"), versus, std::string("% of peak"),
        std::string("verified")}) {
    if (!several && h == "machine") continue;
    out += fmt::format("<th>{}</th>", h);
  }
  out += "</tr></thead><tbody>";
  for (const auto& r : rows) {
    out += "<tr>";
    if (several) out += fmt::format("<td>{}</td>", html_escape(runs[run_of(r)].label));
    for (const std::string& cell :
         {r.workload, parameters_text(r.parameters), r.backend, r.variant, std::string(to_string(r.mode))}) {
      out += fmt::format("<td>{}</td>", html_escape(cell));
    }
    out += numeric_cell(size_of(r), axis_label(size_of(r), AxisFormat::size));
    const bool shown = measured(r);
    const double spread = r.time.relative_spread();
    out += numeric_cell(shown ? r.time.median : NAN, shown ? format_seconds(r.time.median) : "-");
    out += numeric_cell(shown ? spread : NAN, shown ? fmt::format("±{:.1f}%", 100 * spread) : "-");
    out += numeric_cell(shown ? r.items_per_second : NAN, shown ? format_rate(r.items_per_second, "") : "-");
    const auto base = serial.find(table_key(r));
    const double speedup = ok(r) && base != serial.end() ? base->second / r.time.median : NAN;
    out += numeric_cell(speedup, std::isfinite(speedup) ? fmt::format("{:.2f}x", speedup) : "-");
    const std::optional<double> peak = percent(r);
    if (peak && shown) {
      out += fmt::format(
          R"(<td class="num" data-v="{0}"><span class="bar" style="width:{1:.0f}px"></span>{0:.1f}%{2}</td>)",
          *peak, std::clamp(*peak, 0.0, 100.0) * 0.6, r.percent_of_peak_bandwidth ? " bw" : " h2d");
    } else {
      out += numeric_cell(NAN, "-");
    }
    out += "<td>" + badge(r) + "</td></tr>";
  }
  return out + "</tbody></table></section>";
}

constexpr const char* kStyle = R"css(
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:1500px;color:#111827;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #e5e7eb;padding-bottom:4px}
.sub{color:#6b7280;margin:0 0 16px}.charts{display:flex;flex-wrap:wrap;gap:8px}
svg.chart{background:#fff;border:1px solid #e5e7eb;border-radius:6px}
svg .plot{fill:#fafafa;stroke:#d1d5db}svg .grid{stroke:#e5e7eb}svg .tick{font-size:11px;fill:#4b5563}
svg .axis-label{font-size:12px;fill:#374151}svg .chart-title{font-size:13px;font-weight:600;fill:#111827}
svg .legend{font-size:11px;fill:#111827}svg .band{fill:none;stroke-width:1.2;opacity:.55}svg .marker line{stroke:#dc2626;stroke-dasharray:5 4;stroke-width:1.5}
svg .marker text{font-size:11px;fill:#dc2626}
dl.machine{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:0 0 14px;padding:10px;background:#f9fafb;border-radius:6px}
dt{color:#6b7280}dd{margin:0}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{padding:4px 8px;border-bottom:1px solid #f3f4f6;text-align:left;white-space:nowrap}
th{cursor:pointer;background:#f9fafb;position:sticky;top:0}th[data-dir=asc]::after{content:" \25B2"}th[data-dir=desc]::after{content:" \25BC"}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;padding:0 6px;border-radius:9px;font-size:11px;font-weight:600}
.badge.ok{background:#dcfce7;color:#166534}.badge.bad{background:#fee2e2;color:#991b1b}.badge.skip{background:#f3f4f6;color:#4b5563}
.bar{display:inline-block;height:8px;background:#93c5fd;margin-right:6px;vertical-align:middle}
.warn{color:#b45309}.hint{color:#6b7280;font-size:12px}ul.crossover{margin:4px 0 10px}
tr.verdict-slower td,tr.verdict-failed td{background:#fef2f2;color:#991b1b}tr.verdict-faster td{background:#f0fdf4;color:#166534}
ul.comparison-summary{margin:6px 0 0;color:#374151}details.telemetry{margin:8px 0}details.telemetry summary{cursor:pointer;color:#2563eb}
)css";

// Sorting by the clicked column (numbers by data-v, text otherwise); the last line marks that the
// script ran to its end, which the browser test checks.
constexpr const char* kScript = R"js(
(function () {
  function key(cell) { return cell.hasAttribute('data-v') ? parseFloat(cell.getAttribute('data-v')) : cell.textContent; }
  document.querySelectorAll('table.sortable').forEach(function (table) {
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, column) {
      th.addEventListener('click', function () {
        var ascending = th.getAttribute('data-dir') !== 'asc';
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('data-dir'); });
        th.setAttribute('data-dir', ascending ? 'asc' : 'desc');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a.cells[column]), y = key(b.cells[column]);
          var order = typeof x === 'number' ? x - y : String(x).localeCompare(String(y));
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
  document.body.setAttribute('data-ready', '1');
})();
)js";

}  // namespace

std::string html_report(const ResultDocument& document, const std::string& source) {
  const std::vector<CaseResult>& rows = document.cases;
  const std::vector<Run> runs = runs_of(document, source);
  // Charts per run, workload and parameters, in the order the workloads first appear.
  using GroupKey = std::tuple<std::size_t, std::string, std::string>;
  std::vector<GroupKey> order;
  std::map<GroupKey, Cases> groups;
  for (const auto& r : rows) {
    const auto key = std::make_tuple(run_of(r), r.workload, parameters_text(r.parameters));
    if (!groups.contains(key)) order.push_back(key);
    groups[key].push_back(&r);
  }
  std::size_t verified = 0, failed = 0;
  for (const auto& r : rows) {
    verified += r.status == CaseStatus::ok ? 1 : 0;
    failed += r.status == CaseStatus::failed || r.status == CaseStatus::error ? 1 : 0;
  }
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">";
  out += "<title>hwbench report</title><style>" + std::string(kStyle) + "</style></head><body>";
  out += "<h1>hwbench report</h1>";
  out += fmt::format(
      "<p class=\"sub\">{} cases from {} run{}: {} verified, {} failed. Made by hwbench {}.</p>", rows.size(),
      runs.size(), runs.size() == 1 ? "" : "s", verified, failed, html_escape(kVersion));
  out += machines_section(runs);
  for (const auto& key : order) {
    const auto& [run, workload, parameters] = key;
    const std::string title = workload + (parameters.empty() ? "" : " (" + parameters + ")");
    const std::string heading = runs.size() > 1 ? title + " on " + runs[run].label : title;
    out += workload_section(heading, title, groups[key]);
  }
  if (runs.size() > 1) out += machines_compared(rows, runs);
  out += before_after(document, runs);
  out += table_section(rows, runs);
  out += "<script>" + std::string(kScript) + "</script></body></html>\n";
  return out;
}

}  // namespace hwbench
