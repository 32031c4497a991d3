#pragma once

// `hwbench merge`: result documents of several runs (typically several machines) as one result.json.
// The merged document keeps schema "hwbench-result" version 1; its context is the first input's, and it
// holds its sources: one per run merged, with its file, a machine label and its whole context. Every
// case keeps its fields and gains its source's index and machine label, so that compare pairs cases per
// machine and report draws each machine's charts from its own context.
#include <string>
#include <vector>

#include "core/result_document.hpp"

namespace hwbench {

struct SourceDocument {
  std::string source;  // the file, as named
  ResultDocument document;
};

// A merged input contributes each of its own sources, so merging is associative.
ResultDocument merge_results(const std::vector<SourceDocument>& inputs);

// The inverse, for readers that work per run: one document per source of a merged document, named
// "FILE: SOURCE-FILE" (a plain document comes back as itself).
std::vector<SourceDocument> split_merged(const SourceDocument& input);

}  // namespace hwbench
