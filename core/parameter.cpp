#include "core/parameter.hpp"

#include <fmt/format.h>

#include <charconv>

#include "core/error.hpp"
#include "core/registry.hpp"

namespace hwbench {

std::string_view to_string(ParameterKind kind) {
  switch (kind) {
    case ParameterKind::count:
      return "count";
    case ParameterKind::ratio:
      return "ratio";
    case ParameterKind::choice:
      return "choice";
    case ParameterKind::list:
      return "list";
    case ParameterKind::path:
      return "path";
  }
  return "?";
}

bool sweepable(ParameterKind kind) {
  return kind == ParameterKind::count || kind == ParameterKind::ratio || kind == ParameterKind::choice;
}

std::uint64_t parse_count(std::string_view text) {
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size())
    throw UsageError(fmt::format("not a non-negative integer: '{}'", text));
  return value;
}

Parameter bounded_count(std::string name, std::string help, std::uint64_t min, std::uint64_t max,
                        std::function<void(std::uint64_t)> assign) {
  return {std::move(name),
          std::move(help),
          ParameterKind::count,
          {},
          [min, max, assign = std::move(assign)](const std::string& text) {
            const std::uint64_t value = parse_count(text);
            if (value < min || value > max)
              throw UsageError(fmt::format("{} is not in [{}, {}]", value, min, max));
            assign(value);
          }};
}

void apply_parameters(const Workload& workload, const ParameterValues& values) {
  if (values.empty()) return;
  // The registry owns every workload; the one it holds at this address is the one to set.
  for (const auto& w : Registry::instance().workloads()) {
    if (w.get() != &workload) continue;
    const std::vector<Parameter> declared = w->options();
    for (const auto& [name, value] : values) {
      for (const Parameter& p : declared) {
        if (p.name != name) continue;
        try {
          p.set(value);
        } catch (const UsageError& e) {
          throw UsageError(fmt::format("{}: {}", name, e.what()));
        }
      }
    }
    return;
  }
}

}  // namespace hwbench
