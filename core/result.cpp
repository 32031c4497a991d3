#include "core/result.hpp"

#include <fmt/format.h>

#include <map>

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
  std::set<std::string> all;
  for (const auto& [key, value] : parameters.items()) all.insert(key);
  return parameters_text(parameters, all);
}

std::string parameters_text(const nlohmann::json& parameters, const std::set<std::string>& only) {
  if (!parameters.is_object()) return {};
  std::string out;
  for (const auto& [key, value] : parameters.items()) {
    if (!only.contains(key)) continue;
    out += fmt::format("{}{}={}", out.empty() ? "" : ", ", key,
                       value.is_string() ? value.get<std::string>() : value.dump());
  }
  return out;
}

std::set<std::string> varying_parameters(const std::vector<CaseResult>& cases) {
  std::map<std::pair<std::string, std::string>, nlohmann::json> first;  // (workload, name) -> value
  std::set<std::string> out;
  for (const CaseResult& c : cases) {
    if (!c.parameters.is_object()) continue;
    for (const auto& [key, value] : c.parameters.items()) {
      const auto [it, added] = first.emplace(std::make_pair(c.workload, key), value);
      if (!added && it->second != value) out.insert(key);
    }
  }
  return out;
}

std::string case_key(const std::string& name, const nlohmann::json& parameters) {
  const std::string text = parameters_text(parameters);
  return text.empty() ? name : name + " [" + text + "]";
}

namespace {

bool encoded_in_names(unsigned char ch) {
  return ch == '/' || ch == ':' || ch == '%' || ch <= ' ' || ch == 0x7f;
}

std::string percent_encode(const std::string& text) {
  std::string out;
  for (const char ch : text) {
    if (encoded_in_names(static_cast<unsigned char>(ch))) {
      out += fmt::format("%{:02X}", static_cast<unsigned char>(ch));
    } else {
      out += ch;
    }
  }
  return out;
}

int hex_digit(char ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
  if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
  return -1;
}

// A malformed escape stays as written: a foreign name is read, never refused, for its percent signs.
std::string percent_decode(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex_digit(text[i + 1]) >= 0 && hex_digit(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_digit(text[i + 1]) * 16 + hex_digit(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace

std::string benchmark_name(const std::string& name, const nlohmann::json& parameters) {
  std::string out = name;
  if (!parameters.is_object()) return out;
  for (const auto& [key, value] : parameters.items()) {
    out += fmt::format("/{}:{}", percent_encode(key),
                       percent_encode(value.is_string() ? value.get<std::string>() : value.dump()));
  }
  return out;
}

std::pair<std::string, nlohmann::json> split_benchmark_name(const std::string& benchmark) {
  std::string name;
  nlohmann::json parameters = nlohmann::json::object();
  bool first = true;
  std::size_t begin = 0;
  while (begin <= benchmark.size()) {
    const std::size_t slash = std::min(benchmark.find('/', begin), benchmark.size());
    const std::string part = benchmark.substr(begin, slash - begin);
    const std::size_t colon = part.find(':');
    if (colon != std::string::npos && colon > 0) {
      parameters[percent_decode(part.substr(0, colon))] = percent_decode(part.substr(colon + 1));
    } else {
      name += (first ? "" : "/") + part;
      first = false;
    }
    begin = slash + 1;
  }
  return {name, parameters};
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
