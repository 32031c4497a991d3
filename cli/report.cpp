// `hwbench report RESULT.json... [--out report.html]`: one self-contained HTML report from one or more
// result files (several machines side by side).
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/result_document.hpp"
#include "core/merge.hpp"
#include "report/html_report.hpp"

namespace hwbench::cli {

void add_report_command(CLI::App& app, int& exit_code) {
  auto files = std::make_shared<std::vector<std::string>>();
  auto out = std::make_shared<std::string>("report.html");
  CLI::App* cmd =
      app.add_subcommand("report", "Write a self-contained HTML report of one or more result.json files");
  cmd->add_option("results", *files, "result.json files (several: machines side by side)")->required();
  cmd->add_option("--out", *out, "The HTML file to write (default report.html)");
  cmd->callback([files, out, &exit_code] {
    std::vector<ReportInput> inputs;
    // A merged file (hwbench merge) is drawn machine by machine.
    for (const auto& f : *files) {
      for (auto& part : split_merged({f, read_result_document(f)}))
        inputs.push_back({part.source, std::move(part.doc)});
    }
    try {
      write_file_atomically(*out, html_report(inputs));
    } catch (const std::exception& e) {
      throw UsageError(fmt::format("--out {}: {}", *out, e.what()));
    }
    fmt::print(stderr, "report: {}\n", *out);
    exit_code = 0;
  });
}

}  // namespace hwbench::cli
