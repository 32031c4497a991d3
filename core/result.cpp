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

std::optional<CaseStatus> parse_case_status(std::string_view name) {
  for (auto s : {CaseStatus::ok, CaseStatus::skipped, CaseStatus::failed, CaseStatus::error}) {
    if (to_string(s) == name) return s;
  }
  return std::nullopt;
}

std::string parameters_text(const nlohmann::json& parameters) {
  if (!parameters.is_object()) return {};
  std::string out;
  for (const auto& [key, value] : parameters.items()) {
    out += fmt::format("{}{}={}", out.empty() ? "" : ", ", key,
                       value.is_string() ? value.get<std::string>() : value.dump());
  }
  return out;
}

std::string case_key(const std::string& name, const nlohmann::json& parameters) {
  const std::string text = parameters_text(parameters);
  return text.empty() ? name : name + " [" + text + "]";
}

std::string status_text(const CaseResult& result) {
  std::string out(to_string(result.status));
  return result.reason.empty() ? out : out + ": " + result.reason;
}

std::string comparison_key(const CaseResult& result) {
  const std::string key = case_key(result.name, result.parameters);
  return result.machine.empty() ? key : key + " @" + result.machine;
}

}  // namespace hwbench
