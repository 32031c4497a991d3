#include "core/merge.hpp"

#include <fmt/format.h>

#include "core/json_file.hpp"
#include "hwbench/version.hpp"

namespace hwbench {
namespace {

std::string string_at(const nlohmann::json& j, std::initializer_list<const char*> path) {
  const nlohmann::json* at = &j;
  for (const char* key : path) {
    if (!at->is_object() || !at->contains(key)) return {};
    at = &(*at)[key];
  }
  return at->is_string() ? at->get<std::string>() : std::string();
}

}  // namespace

std::string machine_label(const nlohmann::json& context) {
  std::string label = string_at(context, {"host", "hostname"});
  if (label.empty()) label = string_at(context, {"host", "cpu_model"});
  const std::string gpu = string_at(context, {"backends", "cuda", "device", "name"});
  if (!gpu.empty()) label += (label.empty() ? "" : " · ") + gpu;
  return label.empty() ? "unknown machine" : label;
}

std::vector<SourceDocument> split_merged(const SourceDocument& input) {
  const auto sources = input.doc.find("sources");
  if (sources == input.doc.end() || !sources->is_array() || sources->empty()) return {input};
  std::vector<SourceDocument> out;
  for (const auto& s : *sources) {
    nlohmann::json doc = {
        {"schema", "hwbench-result"},
        {"schema_version", 1},
        {"context", s.is_object() && s.contains("context") ? s["context"] : nlohmann::json::object()},
        {"cases", nlohmann::json::array()}};
    out.push_back(
        {input.source + ": " + (s.is_object() ? string_at(s, {"file"}) : std::string()), std::move(doc)});
  }
  const auto& cases = input.doc["cases"];
  for (std::size_t i = 0; i < cases.size(); ++i) {
    // check_result_document() refuses these already; a case is never dropped unseen.
    const auto index = cases[i].find("source");
    if (index == cases[i].end() || !index->is_number_unsigned() || index->get<std::size_t>() >= out.size())
      bad_json_file(
          input.source,
          fmt::format("case {}: \"source\" is not an index into the document's {} sources", i, out.size()));
    out[index->get<std::size_t>()].doc["cases"].push_back(cases[i]);
  }
  return out;
}

nlohmann::json merge_results(const std::vector<SourceDocument>& inputs) {
  nlohmann::json merged = {{"schema", "hwbench-result"},
                           {"schema_version", 1},
                           {"merged_by", std::string("hwbench ") + kVersion},
                           {"context", nlohmann::json::object()},
                           {"sources", nlohmann::json::array()},
                           {"cases", nlohmann::json::array()}};
  for (const auto& input : inputs) {
    // A merged input contributes its own sources, so merging is associative.
    for (auto& part : split_merged(input)) {
      const nlohmann::json& context =
          part.doc.contains("context") ? part.doc["context"] : nlohmann::json::object();
      const std::size_t index = merged["sources"].size();
      // Two runs of one machine stay apart: the second label gets " #2", and so on.
      std::string label = machine_label(context);
      std::size_t same = 0;
      for (const auto& s : merged["sources"]) {
        const std::string other = s["machine"].get<std::string>();
        same += other == label || other.rfind(label + " #", 0) == 0 ? 1 : 0;
      }
      if (same > 0) label += " #" + std::to_string(same + 1);
      if (index == 0) merged["context"] = context;
      merged["sources"].push_back({{"file", part.source}, {"machine", label}, {"context", context}});
      for (auto c : part.doc["cases"]) {
        c["source"] = index;
        c["machine"] = label;
        merged["cases"].push_back(std::move(c));
      }
    }
  }
  return merged;
}

}  // namespace hwbench
