#pragma once

// Parameter axes (--axis msg-bytes=64,1K..8K): a parameter swept like sizes, each value its own set of
// cases; several axes sweep every combination.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/parameter.hpp"

namespace hwbench {

struct Axis {
  std::string name;                 // the parameter's name: "msg-bytes"
  std::vector<std::string> values;  // in the order they run
};

// Most combinations the axes of one run may make.
constexpr std::size_t kMaxAxisPoints = 4096;

// The parameter name of "NAME=VALUES"; throws UsageError when the text is not of that form.
std::string axis_name(std::string_view text);

// The axis "NAME=VALUES" over a parameter of `kind`: a count takes the size syntax (64,1K..8K, sorted,
// no duplicates), a ratio or a choice a comma list (in the order given, no duplicates). Throws
// UsageError for a kind that cannot be swept, an empty or repeated value, or a malformed list.
Axis parse_axis(std::string_view text, ParameterKind kind);

// Every combination of the axes' values, the first axis varying slowest; one empty point without
// axes. Throws UsageError when there are more than kMaxAxisPoints.
std::vector<ParameterValues> axis_points(const std::vector<Axis>& axes);

}  // namespace hwbench
