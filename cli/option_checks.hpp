#pragma once

// Validators for numeric options. CLI11's Range lets NaN through (every comparison with it is false)
// and its unsigned conversion wraps "-1" to 2^64 - 1; these refuse both with a usage error.
#include <CLI/CLI.hpp>
#include <string>

namespace hwbench::cli {

// A finite number in [lo, hi]: "nan", "inf" and "1e999" are refused.
CLI::Validator finite_range(double lo, double hi);

// Decimal digits only, within an unsigned 64-bit integer: no sign, no fraction, no exponent.
CLI::Validator unsigned_integer();

// The exit codes every subcommand documents in its --help.
extern const char* const kExitCodesHelp;

}  // namespace hwbench::cli
