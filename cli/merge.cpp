// `hwbench merge RESULT.json... --out merged.json`: several runs (machines) as one result file, which
// compare pairs per machine and report draws machine by machine.
#include "core/merge.hpp"

#include <fmt/format.h>

#include <optional>

#include "cli/commands.hpp"
#include "cli/option_checks.hpp"
#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/result_document.hpp"

namespace hwbench::cli {

void add_merge_command(CLI::App& app, int& exit_code) {
  auto files = std::make_shared<std::vector<std::string>>();
  auto out = std::make_shared<std::string>();
  CLI::App* cmd =
      app.add_subcommand("merge", "Combine result.json files of several runs or machines into one");
  cmd->add_option("results", *files, "result.json files (merged ones too)")->required();
  cmd->add_option("--out", *out, "The merged result.json to write, or - for standard output")->required();
  cmd->footer(kExitCodesHelp);
  cmd->callback([files, out, &exit_code] {
    std::optional<AtomicFile> file;
    try {
      if (!is_stdout(*out)) file.emplace(*out);
    } catch (const UsageError& e) {
      throw UsageError(fmt::format("--out: {}", e.what()));
    }
    std::vector<SourceDocument> inputs;
    for (const auto& f : *files) inputs.push_back({f, read_result_document(f)});
    const ResultDocument merged = merge_results(inputs);
    const std::string text = to_json(merged).dump(2) + "\n";
    try {
      if (file) {
        file->write(text);
        file->commit();
      } else {
        write_output("-", text);
      }
    } catch (const UsageError& e) {
      throw UsageError(fmt::format("--out: {}", e.what()));
    }
    fmt::print(stderr, "merged {} cases of {} sources into {}\n", merged.cases.size(), merged.sources.size(),
               *out);
    exit_code = 0;
  });
}

}  // namespace hwbench::cli
