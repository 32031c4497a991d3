#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace hwbench {

// Parses a size list such as "256..16384" (doubling, inclusive), "1K..16M" (K/M/G = 2^10/2^20/2^30),
// "2^10..2^20", "1000..5000:1000" (stepped) or a comma list of any of these. The result is sorted
// and free of duplicates. Throws UsageError with a one-line reason on malformed or empty input.
std::vector<std::uint64_t> parse_sizes(std::string_view text);

// Parses one size term: "4096", "4K", "2^12".
std::uint64_t parse_size(std::string_view text);

// Formats a size compactly: 16777216 -> "16M", 1000 -> "1000".
std::string format_size(std::uint64_t n);

}  // namespace hwbench
