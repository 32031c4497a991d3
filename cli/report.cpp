// `hwbench report RESULT.json... [--format NAME] [--out FILE]`: any reporter's rendering of one or more
// saved result files (several machines side by side); a self-contained HTML report by default.
#include <fmt/format.h>

#include <optional>

#include "cli/commands.hpp"
#include "cli/option_checks.hpp"
#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/merge.hpp"
#include "core/result_document.hpp"
#include "report/reporter.hpp"

namespace hwbench::cli {

void add_report_command(CLI::App& app, int& exit_code) {
  auto files = std::make_shared<std::vector<std::string>>();
  auto out = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("html");
  CLI::App* cmd = app.add_subcommand(
      "report",
      "Render one or more result.json files: an HTML report (default), CSV, Markdown, Prometheus...");
  cmd->add_option("results", *files, "result.json files (several: machines side by side)")->required();
  cmd->add_option("--format", *format, "What to write (default html): " + reporter_help())
      ->check(CLI::IsMember(reporter_names()));
  cmd->add_option("--out", *out,
                  "The file to write (default: the format's own name, e.g. report.html, results.csv), or - "
                  "for standard output");
  cmd->footer(kExitCodesHelp);
  cmd->callback([files, out, format, &exit_code] {
    const Reporter& reporter = *find_reporter(*format);
    const std::string path = out->empty() ? std::string(reporter.default_output) : *out;
    // Taken before the inputs are read: an unwritable --out fails first.
    std::optional<AtomicFile> file;
    try {
      if (!is_stdout(path)) file.emplace(path);
    } catch (const UsageError& e) {
      throw UsageError(fmt::format("--out: {}", e.what()));
    }
    // Several files, or a merged one (hwbench merge), are rendered run by run.
    std::vector<SourceDocument> inputs;
    for (const auto& f : *files) inputs.push_back({f, read_result_document(f)});
    const std::string text = inputs.size() == 1
                                 ? reporter.render(inputs.front().document, inputs.front().source)
                                 : reporter.render(merge_results(inputs), "");
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
    if (file) fmt::print(stderr, "report: {}\n", path);
    exit_code = 0;
  });
}

}  // namespace hwbench::cli
