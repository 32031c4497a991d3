#include "report/svg_chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "core/size_range.hpp"
#include "report/console.hpp"

namespace hwbench {
namespace {

constexpr double kWidth = 720, kHeight = 360;  // the plot and its axes; the legend goes below
constexpr double kLeft = 78, kRight = 24, kTop = 34, kBottom = 48;
// Legend entries flow in rows under the plot, each as wide as its whole name: a long machine label is
// never cut. 6.5 px per character is above the mean advance of an 11 px sans-serif font.
constexpr double kLegendRow = 16, kLegendSwatch = 28, kLegendGap = 16, kCharWidth = 6.5;

struct LegendPlace {
  double x = 0, y = 0;
};

// Places every entry; `height` is the chart's whole height with the legend.
std::vector<LegendPlace> legend_places(const std::vector<ChartSeries>& series, double& height) {
  std::vector<LegendPlace> places;
  double x = kLeft, y = kHeight + 2;
  for (const auto& s : series) {
    const double width = kLegendSwatch + kCharWidth * static_cast<double>(s.name.size()) + kLegendGap;
    if (x > kLeft && x + width > kWidth) {
      x = kLeft;
      y += kLegendRow;
    }
    places.push_back({x, y});
    x += width;
  }
  height = series.empty() ? kHeight : y + kLegendRow + 6;
  return places;
}

// Values a chart can place: finite, within +-1e300, and on a log axis above 1e-300. The bounds keep
// every power of ten and every span between two values finite; points beyond them are not drawn.
constexpr double kMaxMagnitude = 1e300, kMinLog = 1e-300;
constexpr int kMaxTicks = 12;

struct Axis {
  double lo = 0, hi = 1;
  bool log = true;
  int first = 0, last = 0, stride = 1;  // log axes: tick exponents (of 10, or of 2 for sizes)
  double step = 0;                      // linear axes: between ticks
  double map(double v, double from, double to) const {
    const double a = log ? std::log10(lo) : lo, b = log ? std::log10(hi) : hi;
    const double t = ((log ? std::log10(v) : v) - a) / (b - a);
    return from + t * (to - from);
  }
};

bool usable(double v, bool log) {
  return std::isfinite(v) && std::fabs(v) <= kMaxMagnitude && (!log || v >= kMinLog);
}

Axis make_axis(std::vector<double> values, bool log, AxisFormat format) {
  Axis axis{0, 1, log};
  if (values.empty()) {
    if (log) axis = {1, 10, true, 0, 1, 1};
    if (!log) axis.step = 0.2;
    return axis;
  }
  const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
  if (log) {
    // Ends at whole powers (of two for sizes, mostly powers of two; of ten otherwise), ticks spread to
    // at most ~9 labels. Exponents are integers, bounded by usable(): every loop below ends.
    const double base = format == AxisFormat::size ? 2 : 10;
    const auto exponent = [&](double v) { return format == AxisFormat::size ? std::log2(v) : std::log10(v); };
    axis.first = static_cast<int>(std::floor(exponent(*lo)));
    axis.last = std::max(static_cast<int>(std::ceil(exponent(*hi))), axis.first + 1);
    axis.stride = std::max(1, (axis.last - axis.first + 8) / 9);
    axis.lo = std::pow(base, axis.first);
    axis.hi = std::pow(base, axis.last);
    return axis;
  }
  // From 0 (or below) to a round multiple of a 1-2-5 step, five steps or so.
  axis.lo = std::min(0.0, *lo);
  const double span = *hi > axis.lo ? *hi - axis.lo : 1;  // at most 2e300: finite
  const double magnitude = std::pow(10, std::floor(std::log10(span / 5)));
  double step = magnitude;
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    step = m * magnitude;
    if (step * 5 >= span) break;
  }
  axis.hi = axis.lo + std::ceil(span / step) * step;
  axis.step = step;
  return axis;
}

// Ticks: powers of ten (log values), powers of two (log sizes), or 1-2-5 steps (linear); never more
// than kMaxTicks.
std::vector<double> ticks(const Axis& axis, AxisFormat format) {
  std::vector<double> out;
  if (!axis.log) {
    for (int i = 0; i < kMaxTicks; ++i) {
      const double v = axis.lo + i * axis.step;
      if (v > axis.hi + axis.step / 2) break;
      out.push_back(v);
    }
    return out;
  }
  const double base = format == AxisFormat::size ? 2 : 10;
  for (int e = axis.first; e <= axis.last && out.size() < kMaxTicks; e += axis.stride)
    out.push_back(std::pow(base, e));
  return out;
}

}  // namespace

std::string html_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string axis_label(double value, AxisFormat format) {
  switch (format) {
    case AxisFormat::size:
      return value >= 1 && value < 0x1p62 ? format_size(static_cast<std::uint64_t>(std::llround(value)))
                                          : fmt::format("{:g}", value);
    case AxisFormat::seconds: {
      static constexpr std::pair<double, const char*> kUnits[] = {
          {1, "s"}, {1e-3, "ms"}, {1e-6, "us"}, {1e-9, "ns"}};
      for (const auto& [scale, unit] : kUnits) {
        if (value >= scale * 0.9995) return fmt::format("{:.3g} {}", value / scale, unit);
      }
      return fmt::format("{:.3g} ns", value * 1e9);
    }
    case AxisFormat::rate:
      return format_rate(value, "");
    case AxisFormat::ratio:
      return value >= 10 ? fmt::format("{:.0f}x", value) : fmt::format("{:.2g}x", value);
    case AxisFormat::plain:
      return fmt::format("{:.4g}", value);
  }
  return {};
}

std::string svg_chart(const ChartSpec& spec) {
  std::vector<double> xs, ys;
  for (const auto& s : spec.series) {
    for (const auto& [x, y] : s.points) {
      if (usable(x, spec.log_x) && usable(y, spec.log_y)) {
        xs.push_back(x);
        ys.push_back(y);
      }
    }
  }
  const Axis ax = make_axis(xs, spec.log_x, spec.x_format), ay = make_axis(ys, spec.log_y, spec.y_format);
  const double x0 = kLeft, x1 = kWidth - kRight, y0 = kHeight - kBottom, y1 = kTop;
  double height = kHeight;
  const std::vector<LegendPlace> legend = legend_places(spec.series, height);
  std::string out = fmt::format(
      R"(<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="{}" height="{}" role="img">)",
      kWidth, height, kWidth, height);
  out += fmt::format(R"(<title>{}</title>)", html_escape(spec.title));
  out += fmt::format(R"(<text class="chart-title" x="{}" y="20">{}</text>)", x0, html_escape(spec.title));
  out +=
      fmt::format(R"(<rect class="plot" x="{}" y="{}" width="{}" height="{}"/>)", x0, y1, x1 - x0, y0 - y1);
  for (double t : ticks(ax, spec.x_format)) {
    const double x = ax.map(t, x0, x1);
    out += fmt::format(R"(<line class="grid" x1="{:.1f}" y1="{}" x2="{:.1f}" y2="{}"/>)", x, y1, x, y0);
    out += fmt::format(R"(<text class="tick" x="{:.1f}" y="{}" text-anchor="middle">{}</text>)", x, y0 + 16,
                       html_escape(axis_label(t, spec.x_format)));
  }
  for (double t : ticks(ay, spec.y_format)) {
    const double y = ay.map(t, y0, y1);
    out += fmt::format(R"(<line class="grid" x1="{}" y1="{:.1f}" x2="{}" y2="{:.1f}"/>)", x0, y, x1, y);
    out += fmt::format(R"(<text class="tick" x="{}" y="{:.1f}" text-anchor="end">{}</text>)", x0 - 6, y + 4,
                       html_escape(axis_label(t, spec.y_format)));
  }
  out += fmt::format(R"(<text class="axis-label" x="{:.1f}" y="{}" text-anchor="middle">{}</text>)",
                     (x0 + x1) / 2, kHeight - 10, html_escape(spec.x_label));
  out += fmt::format(
      R"svg(<text class="axis-label" transform="translate(16 {:.1f}) rotate(-90)" text-anchor="middle">{}</text>)svg",
      (y0 + y1) / 2, html_escape(spec.y_label));
  // Markers at one x share the line; their labels stack.
  std::map<double, int> stacked;
  for (const auto& m : spec.markers) {
    if (!usable(m.x, spec.log_x) || m.x < ax.lo || m.x > ax.hi) continue;
    const double x = ax.map(m.x, x0, x1);
    const int k = stacked[m.x]++;
    out += fmt::format(R"(<g class="marker"><line x1="{:.1f}" y1="{}" x2="{:.1f}" y2="{}"/>)", x, y1, x, y0);
    out += fmt::format(R"(<text x="{:.1f}" y="{}">{}</text></g>)", x + 4, y1 + 14 + 13 * k,
                       html_escape(m.label));
  }
  for (std::size_t k = 0; k < spec.series.size(); ++k) {
    const ChartSeries& s = spec.series[k];
    std::string points;
    std::string dots;
    for (std::size_t i = 0; i < s.points.size(); ++i) {
      const auto [x, y] = s.points[i];
      if (!usable(x, spec.log_x) || !usable(y, spec.log_y)) continue;
      const double px = ax.map(x, x0, x1), py = ay.map(y, y0, y1);
      points += fmt::format("{:.1f},{:.1f} ", px, py);
      // The spread around the point, clipped to the plot: a bar with caps.
      if (i < s.bands.size()) {
        const auto [low, high] = s.bands[i];
        if (usable(low, spec.log_y) && usable(high, spec.log_y) && high > low) {
          const double top = std::max(y1, ay.map(std::min(high, ay.hi), y0, y1));
          const double bottom = std::min(y0, ay.map(std::max(low, ay.lo), y0, y1));
          dots += fmt::format(
              R"(<path class="band" d="M{0:.1f} {1:.1f}V{2:.1f}M{3:.1f} {1:.1f}h6M{3:.1f} {2:.1f}h6" stroke="{4}"/>)",
              px, top, bottom, px - 3, html_escape(s.color));
        }
      }
      const std::string tip = i < s.tooltips.size() ? s.tooltips[i] : s.name;
      dots += fmt::format(R"(<circle cx="{:.1f}" cy="{:.1f}" r="3" fill="{}"><title>{}</title></circle>)", px,
                          py, html_escape(s.color), html_escape(tip));
    }
    out += fmt::format(
        R"(<g class="series" data-name="{}"><polyline fill="none" stroke="{}" stroke-width="2" points="{}"/>{}</g>)",
        html_escape(s.name), html_escape(s.color), points, dots);
    const LegendPlace& at = legend[k];
    out += fmt::format(R"(<rect x="{:.1f}" y="{:.1f}" width="20" height="3" fill="{}"/>)", at.x, at.y + 5,
                       html_escape(s.color));
    out += fmt::format(R"(<text class="legend" x="{:.1f}" y="{:.1f}">{}</text>)", at.x + kLegendSwatch,
                       at.y + 10, html_escape(s.name));
  }
  return out + "</svg>";
}

}  // namespace hwbench
