// `hwbench report RESULT.json... [--out report.html]`: one self-contained HTML report from one or more
// result files (several machines side by side).
#include <fmt/format.h>

#include <optional>

#include "cli/commands.hpp"
#include "cli/option_checks.hpp"
#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/merge.hpp"
#include "core/result_document.hpp"
#include "report/html_report.hpp"

namespace hwbench::cli {

void add_report_command(CLI::App& app, int& exit_code) {
  auto files = std::make_shared<std::vector<std::string>>();
  auto out = std::make_shared<std::string>("report.html");
  CLI::App* cmd =
      app.add_subcommand("report", "Write a self-contained HTML report of one or more result.json files");
  cmd->add_option("results", *files, "result.json files (several: machines side by side)")->required();
  cmd->add_option("--out", *out, "The HTML file to write (default report.html), or - for standard output");
  cmd->footer(kExitCodesHelp);
  cmd->callback([files, out, &exit_code] {
    // Taken before the inputs are read: an unwritable --out fails first.
    std::optional<AtomicFile> file;
    try {
      if (!is_stdout(*out)) file.emplace(*out);
    } catch (const UsageError& e) {
      throw UsageError(fmt::format("--out: {}", e.what()));
    }
    std::vector<ReportInput> inputs;
    // A merged file (hwbench merge) is drawn machine by machine.
    for (const auto& f : *files) {
      for (auto& part : split_merged({f, read_result_document(f)}))
        inputs.push_back({part.source, std::move(part.doc)});
    }
    const std::string html = html_report(inputs);
    try {
      if (file) {
        file->write(html);
        file->commit();
      } else {
        write_output("-", html);
      }
    } catch (const UsageError& e) {
      throw UsageError(fmt::format("--out: {}", e.what()));
    }
    if (file) fmt::print(stderr, "report: {}\n", *out);
    exit_code = 0;
  });
}

}  // namespace hwbench::cli
