#pragma once

// `hwbench merge`: result documents of several runs (typically several machines) as one result.json.
// The merged document keeps schema "hwbench-result" version 1; its context is the first input's, and it
// adds "sources": one entry per input with its file, a machine label and its whole context. Every case
// keeps its fields and gains "source" (the index into sources) and "machine" (that label), so that
// compare pairs cases per machine and report draws each machine's charts from its own context.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace hwbench {

struct SourceDocument {
  std::string source;  // the file, as named
  nlohmann::json doc;  // read_result_document(); may itself be a merged document
};

nlohmann::json merge_results(const std::vector<SourceDocument>& inputs);

// The inverse, for readers that work per machine: one document per source of a merged document (a
// plain document comes back as itself). A case without a valid source index throws UsageError.
std::vector<SourceDocument> split_merged(const SourceDocument& input);

// "hostname · GPU name" from a result context.
std::string machine_label(const nlohmann::json& context);

}  // namespace hwbench
