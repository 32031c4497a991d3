#pragma once

// Line charts as inline SVG for the HTML report: log or linear axes, one polyline per series with a
// point (and its tooltip and spread bar) per measurement, a legend under the plot that wraps and never
// cuts a name, and vertical markers (a crossover). Drawn here
// rather than by a script library so that the report needs no network and shows without JavaScript.
// Every text is escaped.
#include <string>
#include <utility>
#include <vector>

namespace hwbench {

enum class AxisFormat { size, seconds, rate, ratio, plain };

struct ChartSeries {
  std::string name;
  std::string color;                              // CSS colour
  std::vector<std::pair<double, double>> points;  // (x, y); points with x or y <= 0 on a log axis are dropped
  std::vector<std::string> tooltips;              // one per point, or none
  // The spread of each point's y as (low, high), drawn as a bar: median -+ MAD for times. One per
  // point, or none.
  std::vector<std::pair<double, double>> bands;
};

struct ChartMarker {
  double x = 0;
  std::string label;
};

struct ChartSpec {
  std::string title;
  std::string x_label, y_label;
  AxisFormat x_format = AxisFormat::size, y_format = AxisFormat::seconds;
  bool log_x = true, log_y = true;
  std::vector<ChartSeries> series;
  std::vector<ChartMarker> markers;
};

std::string svg_chart(const ChartSpec& spec);

// Text safe inside HTML and SVG elements and attribute values.
std::string html_escape(const std::string& text);

// A tick or value label in the axis' format: "4K", "1.50 ms", "2.0 G/s", "12x", "1980".
std::string axis_label(double value, AxisFormat format);

}  // namespace hwbench
