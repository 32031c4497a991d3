#pragma once

// A workload's settings besides its size (--msg-bytes, --invalid-ratio, --curve), declared as data:
// cli/ makes each an option (--msg-bytes) and an axis (--axis msg-bytes=64,1K), and hands every value
// to the workload through its setter.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hwbench {

class Workload;

enum class ParameterKind {
  count,   // an unsigned integer; an axis takes the size syntax (64,1K..8K)
  ratio,   // a share in [0, 1] written as a/b or a decimal; an axis takes a comma list
  choice,  // one of `choices`; an axis takes a comma list
  list,    // a comma list given whole (never an axis)
  path,    // a file (never an axis)
};
std::string_view to_string(ParameterKind kind);

struct Parameter {
  std::string name;  // "msg-bytes": the option --msg-bytes and the axis msg-bytes
  std::string help;  // "bytes per message (default 64)"
  ParameterKind kind = ParameterKind::count;
  std::vector<std::string> choices;  // what a choice takes
  // Takes one value; throws UsageError with a one-line reason (without the parameter's name, which
  // the caller adds) for a value the workload never takes.
  // A value that only some sizes refuse is checked by the workload's check_size, so that one
  // workload's limits do not refuse a value that another one sharing the option takes.
  std::function<void(const std::string&)> set;
};

// Whether --axis can sweep a parameter of this kind.
bool sweepable(ParameterKind kind);

// A count that takes [min, max] whatever the size, handed to `assign` once checked.
Parameter bounded_count(std::string name, std::string help, std::uint64_t min, std::uint64_t max,
                        std::function<void(std::uint64_t)> assign);

// Values of parameters by name, in the order the axes were given.
using ParameterValues = std::vector<std::pair<std::string, std::string>>;

// A count's text as an unsigned integer; throws UsageError when it is not one.
std::uint64_t parse_count(std::string_view text);

// Hands each value to the workload's parameter of that name; values of parameters the workload does
// not declare are left alone (an axis may serve other workloads). Throws UsageError naming the
// parameter when a setter refuses its value.
void apply_parameters(const Workload& workload, const ParameterValues& values);

}  // namespace hwbench
