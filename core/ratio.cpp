#include "core/ratio.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "core/error.hpp"

namespace hwbench {
namespace {

bool finite_number(std::string_view text, double& value) {
  const char* end = text.data() + text.size();
  const auto [p, ec] = std::from_chars(text.data(), end, value);
  return !text.empty() && ec == std::errc() && p == end && std::isfinite(value);
}

}  // namespace

double parse_ratio(std::string_view text) {
  double value = 0;
  if (const auto slash = text.find('/'); slash != std::string_view::npos) {
    double num = 0, den = 0;
    if (!finite_number(text.substr(0, slash), num) || !finite_number(text.substr(slash + 1), den) || den <= 0)
      throw UsageError(fmt::format("not a ratio: '{}' (a/b with finite a and b > 0, or a decimal)", text));
    value = num / den;
  } else if (!finite_number(text, value)) {
    throw UsageError(fmt::format("not a ratio: '{}' (a/b with finite a and b > 0, or a decimal)", text));
  }
  if (!(value >= 0 && value <= 1)) throw UsageError(fmt::format("ratio outside [0, 1]: '{}'", text));
  return value;
}

}  // namespace hwbench
