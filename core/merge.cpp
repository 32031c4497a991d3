#include "core/merge.hpp"

#include "hwbench/version.hpp"

namespace hwbench {

std::vector<SourceDocument> split_merged(const SourceDocument& input) {
  const ResultDocument& doc = input.document;
  if (!doc.merged()) return {input};
  std::vector<SourceDocument> out;
  for (const auto& s : doc.sources) out.push_back({input.source + ": " + s.file, {s.context, {}, {}, {}}});
  // result_document_from_json() gave every case of a merged document a valid source index; a part is a
  // plain document, whose cases index nothing and name no machine.
  for (const auto& c : doc.cases) {
    auto& part = out.at(c.source.value_or(0)).document;
    part.cases.push_back(c);
    part.cases.back().source.reset();
    part.cases.back().machine.clear();
  }
  return out;
}

ResultDocument merge_results(const std::vector<SourceDocument>& inputs) {
  ResultDocument merged;
  merged.merged_by = std::string("hwbench ") + kVersion;
  for (const auto& input : inputs) {
    for (auto& part : split_merged(input)) {
      const std::size_t index = merged.sources.size();
      // Two runs of one machine stay apart: the second label gets " #2", and so on.
      std::string label = machine_label(part.document.context);
      std::size_t same = 0;
      for (const auto& s : merged.sources)
        same += s.machine == label || s.machine.rfind(label + " #", 0) == 0 ? 1 : 0;
      if (same > 0) label += " #" + std::to_string(same + 1);
      if (index == 0) merged.context = part.document.context;
      merged.sources.push_back({part.source, label, part.document.context});
      for (auto& c : part.document.cases) {
        c.source = index;
        c.machine = label;
        merged.cases.push_back(std::move(c));
      }
    }
  }
  return merged;
}

}  // namespace hwbench
