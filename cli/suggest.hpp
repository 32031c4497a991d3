#pragma once

// "did you mean ...?" for a mistyped subcommand, workload, backend, variant or option: the candidate
// nearest by edit distance (insertions, deletions, substitutions and swaps of neighbours), when it is
// near enough to be a typo of it.
#include <CLI/CLI.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace hwbench {
class Workload;
}

namespace hwbench::cli {

// Optimal string alignment distance.
std::size_t edit_distance(std::string_view a, std::string_view b);

// " (did you mean 'sha256'?)", or empty when no candidate is within max(1, length / 3) edits.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

// The registered workload of that name; throws UsageError naming the known ones, with the nearest as a
// suggestion, when there is none.
const Workload& known_workload(std::string_view name);

// After CLI11 found arguments it did not expect: the hint for the first of them, among the subcommands
// (none was given) or the options of the subcommand that was.
std::string typo_hint(const CLI::App& app);

}  // namespace hwbench::cli
