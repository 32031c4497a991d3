#include "core/result.hpp"

#include <fmt/format.h>

namespace hwbench {

std::string_view to_string(CaseStatus status) {
  switch (status) {
    case CaseStatus::ok:
      return "ok";
    case CaseStatus::skipped:
      return "skipped";
    case CaseStatus::failed:
      return "failed";
    case CaseStatus::error:
      return "error";
  }
  return "?";
}

std::string case_key(const std::string& name, const nlohmann::json& parameters) {
  if (!parameters.is_object() || parameters.empty()) return name;
  std::string out = name;
  const char* separator = " [";
  for (const auto& [key, value] : parameters.items()) {
    out +=
        fmt::format("{}{}={}", separator, key, value.is_string() ? value.get<std::string>() : value.dump());
    separator = ", ";
  }
  return out + "]";
}

}  // namespace hwbench
