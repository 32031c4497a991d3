#pragma once

// Every rendering of a result document behind one interface, picked by name: `run --format` prints
// one of them, `report --format` writes one from saved files. Each reads only the document, so a run
// and its saved result.json render alike.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result_document.hpp"

namespace hwbench {

struct Reporter {
  std::string_view name;
  std::string_view summary;         // one line for --help
  std::string_view default_output;  // the file `report --format NAME` writes when --out is not given
  // `source` names the file the document came from; empty for several files merged, or a run whose
  // result.json is written beside the output.
  std::string (*render)(const ResultDocument& document, const std::string& source);
};

// In the order --help lists them; the console table first.
std::span<const Reporter> reporters();
std::vector<std::string> reporter_names();
// "table (aligned columns for a terminal), csv (...), ...": the names with their summaries, for --help.
std::string reporter_help();
// nullptr when no reporter has that name.
const Reporter* find_reporter(std::string_view name);

}  // namespace hwbench
