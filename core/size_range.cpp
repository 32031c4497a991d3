#include "core/size_range.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <limits>
#include <string>

#include "core/error.hpp"

namespace hwbench {
namespace {

constexpr std::uint64_t kMaxSize = std::uint64_t{1} << 40;  // far beyond any workload; guards overflow
constexpr std::size_t kMaxSizes = 100000;                   // in one list, before duplicates go

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::uint64_t parse_number(std::string_view digits, std::string_view whole) {
  std::uint64_t value = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc{} || end != digits.data() + digits.size() || digits.empty()) {
    throw UsageError(fmt::format("invalid size '{}': expected a number such as 4096, 4K or 2^12", whole));
  }
  return value;
}

}  // namespace

std::uint64_t parse_size(std::string_view text) {
  const std::string_view whole = trim(text);
  if (whole.empty()) throw UsageError("invalid size: empty term");
  std::uint64_t value = 0;
  if (auto caret = whole.find('^'); caret != std::string_view::npos) {
    const std::uint64_t base = parse_number(whole.substr(0, caret), whole);
    const std::uint64_t exponent = parse_number(whole.substr(caret + 1), whole);
    if (base != 2)
      throw UsageError(fmt::format("invalid size '{}': only powers of 2 (2^k) are accepted", whole));
    if (exponent > 40) throw UsageError(fmt::format("invalid size '{}': exponent above 40", whole));
    value = std::uint64_t{1} << exponent;
  } else {
    unsigned shift = 0;
    std::string_view digits = whole;
    switch (whole.back()) {
      case 'k':
      case 'K':
        shift = 10;
        break;
      case 'm':
      case 'M':
        shift = 20;
        break;
      case 'g':
      case 'G':
        shift = 30;
        break;
      default:
        break;
    }
    if (shift != 0) digits.remove_suffix(1);
    value = parse_number(digits, whole);
    if (value > (kMaxSize >> shift)) throw UsageError(fmt::format("invalid size '{}': too large", whole));
    value <<= shift;
  }
  if (value == 0) throw UsageError(fmt::format("invalid size '{}': sizes start at 1", whole));
  if (value > kMaxSize) throw UsageError(fmt::format("invalid size '{}': too large", whole));
  return value;
}

std::vector<std::uint64_t> parse_sizes(std::string_view text) {
  std::vector<std::uint64_t> sizes;
  std::string_view rest = text;
  if (trim(rest).empty()) throw UsageError("invalid size range: empty");
  while (true) {
    const auto comma = rest.find(',');
    const std::string_view term = trim(rest.substr(0, comma));
    if (term.empty()) throw UsageError(fmt::format("invalid size range '{}': empty item in list", text));
    if (auto dots = term.find(".."); dots != std::string_view::npos) {
      std::string_view upper = term.substr(dots + 2);
      std::uint64_t step = 0;
      if (auto colon = upper.find(':'); colon != std::string_view::npos) {
        step = parse_size(upper.substr(colon + 1));
        upper = upper.substr(0, colon);
      }
      const std::uint64_t lo = parse_size(term.substr(0, dots));
      const std::uint64_t hi = parse_size(upper);
      if (lo > hi)
        throw UsageError(fmt::format("invalid size range '{}': lower bound above upper bound", term));
      if (step != 0) {
        if ((hi - lo) / step > 100000)
          throw UsageError(fmt::format("invalid size range '{}': too many steps", term));
        for (std::uint64_t n = lo; n <= hi; n += step) sizes.push_back(n);
      } else {
        for (std::uint64_t n = lo; n <= hi; n *= 2) sizes.push_back(n);
      }
    } else {
      sizes.push_back(parse_size(term));
    }
    if (sizes.size() > kMaxSizes)
      throw UsageError(fmt::format("invalid size range: more than {} sizes", kMaxSizes));
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  std::sort(sizes.begin(), sizes.end());
  sizes.erase(std::unique(sizes.begin(), sizes.end()), sizes.end());
  return sizes;
}

std::string format_size(std::uint64_t n) {
  static constexpr struct {
    unsigned shift;
    char suffix;
  } kUnits[] = {{30, 'G'}, {20, 'M'}, {10, 'K'}};
  for (const auto& unit : kUnits) {
    const std::uint64_t scale = std::uint64_t{1} << unit.shift;
    if (n >= scale && n % scale == 0) return fmt::format("{}{}", n / scale, unit.suffix);
  }
  return std::to_string(n);
}

}  // namespace hwbench
