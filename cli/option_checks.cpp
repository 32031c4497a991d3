#include "cli/option_checks.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdint>

namespace hwbench::cli {

CLI::Validator finite_range(double lo, double hi) {
  return CLI::Validator(
      [lo, hi](std::string& text) -> std::string {
        double value = 0;
        const char* end = text.data() + text.size();
        const auto [p, ec] = std::from_chars(text.data(), end, value);
        if (ec != std::errc() || p != end || text.empty()) return fmt::format("'{}' is not a number", text);
        if (!std::isfinite(value) || value < lo || value > hi)
          return fmt::format("{} is not a finite number in [{:g}, {:g}]", text, lo, hi);
        return {};
      },
      fmt::format("FINITE in [{:g} - {:g}]", lo, hi));
}

CLI::Validator unsigned_integer() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        std::uint64_t value = 0;
        const char* end = text.data() + text.size();
        const auto [p, ec] = std::from_chars(text.data(), end, value);
        if (text.empty() || text.front() == '-' || text.front() == '+' || ec != std::errc() || p != end)
          return fmt::format("'{}' is not an integer from 0 to 18446744073709551615", text);
        return {};
      },
      "UINT64");
}

const char* const kExitCodesHelp =
    "Exit codes: 0 ok; 1 a regression (compare), a case that failed verification or a backend that "
    "failed (run, calibrate); 2 usage or input error (one line on stderr); 3 a backend named with "
    "--backend is unavailable here; 4 compare could not vouch for the new file (nothing compared, or a "
    "--fail-on condition met). A run stopped by SIGINT or SIGTERM ends by that signal (130 or 143 in a "
    "shell) and leaves INTERRUPTED in its output folder.";

}  // namespace hwbench::cli
