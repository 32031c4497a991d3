#include "core/axis.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/error.hpp"
#include "core/size_range.hpp"

namespace hwbench {
namespace {

// The terms of a comma list as written, empty ones included.
std::vector<std::string> comma_terms(std::string_view text) {
  std::vector<std::string> out;
  std::size_t begin = 0;
  while (true) {
    const std::size_t comma = std::min(text.find(',', begin), text.size());
    out.emplace_back(text.substr(begin, comma - begin));
    if (comma == text.size()) return out;
    begin = comma + 1;
  }
}

}  // namespace

std::string axis_name(std::string_view text) {
  const auto eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0)
    throw UsageError(fmt::format("'{}' is not NAME=VALUES (e.g. msg-bytes=64,1K)", text));
  return std::string(text.substr(0, eq));
}

Axis parse_axis(std::string_view text, ParameterKind kind) {
  Axis axis{axis_name(text), {}};
  const std::string_view values = text.substr(axis.name.size() + 1);
  if (!sweepable(kind)) {
    throw UsageError(fmt::format("{}: a {} parameter is given whole with --{}, not swept", axis.name,
                                 to_string(kind), axis.name));
  }
  if (kind == ParameterKind::count) {
    // The size syntax, and 0 (sizes start at 1; a count such as msg-bytes may be 0).
    std::string sizes;
    bool zero = false;
    for (const std::string& term : comma_terms(values)) {
      if (term.empty()) throw UsageError(fmt::format("{}: an empty value in '{}'", axis.name, values));
      if (term == "0") {
        zero = true;
      } else {
        sizes += (sizes.empty() ? "" : ",") + term;
      }
    }
    try {
      if (zero) axis.values.emplace_back("0");
      if (!sizes.empty() || !zero) {
        for (const std::uint64_t n : parse_sizes(sizes)) axis.values.push_back(std::to_string(n));
      }
    } catch (const UsageError& e) {
      throw UsageError(fmt::format("{}: {}", axis.name, e.what()));
    }
    if (axis.values.size() > kMaxAxisPoints)
      throw UsageError(fmt::format("{}: more than {} values", axis.name, kMaxAxisPoints));
    return axis;
  }
  for (std::string& value : comma_terms(values)) {
    if (value.empty()) throw UsageError(fmt::format("{}: an empty value in '{}'", axis.name, values));
    if (std::find(axis.values.begin(), axis.values.end(), value) != axis.values.end())
      throw UsageError(fmt::format("{}: '{}' is given twice", axis.name, value));
    if (axis.values.size() >= kMaxAxisPoints)
      throw UsageError(fmt::format("{}: more than {} values", axis.name, kMaxAxisPoints));
    axis.values.push_back(std::move(value));
  }
  return axis;
}

std::vector<ParameterValues> axis_points(const std::vector<Axis>& axes) {
  std::vector<ParameterValues> points{{}};
  for (const Axis& axis : axes) {
    if (axis.values.empty()) throw UsageError(fmt::format("{}: an axis without values", axis.name));
    if (points.size() * axis.values.size() > kMaxAxisPoints) {
      throw UsageError(fmt::format("the axes make more than {} combinations of parameters", kMaxAxisPoints));
    }
    std::vector<ParameterValues> next;
    next.reserve(points.size() * axis.values.size());
    for (const ParameterValues& p : points) {
      for (const std::string& v : axis.values) {
        next.push_back(p);
        next.back().emplace_back(axis.name, v);
      }
    }
    points = std::move(next);
  }
  return points;
}

}  // namespace hwbench
