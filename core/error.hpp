#pragma once

#include <stdexcept>
#include <string>

namespace hwbench {

// Process exit codes, as documented in README.md and in --help. A run stopped by SIGINT or SIGTERM
// ends by that signal (128 + its number in a shell).
enum ExitCode : int {
  kExitOk = 0,
  kExitVerificationFailed = 1,
  kExitUsage = 2,
  kExitBackendUnavailable = 3,
  kExitInconclusive = 4,  // compare: nothing compared, or a --fail-on condition met
};

// Bad command-line input or an input file that cannot be used: one line on stderr, exit 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A backend named explicitly on the command line cannot run here: exit 3.
class BackendUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Thrown while preparing a case that this backend cannot run (memory, feature); the case is
// reported as skipped with this reason and the run goes on.
class SkipCase : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace hwbench
