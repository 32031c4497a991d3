// `hwbench compare BASE NEW`: case-by-case comparison of two result files (hwbench result.json or Google
// Benchmark JSON), exit 1 on a significant regression beyond the threshold, 2 on bad input.
#include <fmt/format.h>

#include <cmath>

#include "cli/commands.hpp"
#include "core/atomic_file.hpp"
#include "core/comparison.hpp"
#include "core/error.hpp"
#include "report/comparison_report.hpp"

namespace hwbench::cli {
namespace {

struct CompareArgs {
  std::string base;
  std::string next;
  std::string threshold = "5%";
  double alpha = 0.05;
  std::string format = "table";
  std::string out;
};

// "5%" or "0.05" -> 0.05.
double parse_threshold(const std::string& text) {
  const bool percent = !text.empty() && text.back() == '%';
  const std::string number = percent ? text.substr(0, text.size() - 1) : text;
  std::size_t used = 0;
  double value = -1;
  try {
    value = std::stod(number, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != number.size() || !std::isfinite(value)) {
    throw UsageError(fmt::format("--threshold: \"{}\" is not a percentage (5%) or a fraction (0.05)", text));
  }
  if (percent) value /= 100;
  if (value < 0 || value > 10) throw UsageError(fmt::format("--threshold: {} is outside 0% .. 1000%", text));
  return value;
}

}  // namespace

void add_compare_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<CompareArgs>();
  CLI::App* cmd = app.add_subcommand(
      "compare", "Compare two result files case by case; exit 1 when a case is significantly slower");
  cmd->add_option("base", args->base, "The baseline: result.json or Google Benchmark JSON")->required();
  cmd->add_option("new", args->next, "The results to judge, in either format")->required();
  cmd->add_option("--threshold", args->threshold,
                  "Change of the medians that counts, as 5% or 0.05 (default 5%)");
  cmd->add_option("--alpha", args->alpha, "Significance level of the Mann-Whitney U test (default 0.05)")
      ->check(CLI::Range(1e-12, 0.5));
  cmd->add_option("--format", args->format, "table (default), markdown or json")
      ->check(CLI::IsMember({"table", "markdown", "json"}));
  cmd->add_option("--out", args->out, "Also write the output to this file");
  cmd->callback([args, &exit_code] {
    const CompareOptions options{parse_threshold(args->threshold), args->alpha};
    const Comparison comparison =
        compare_results(load_result_set(args->base), load_result_set(args->next), options);
    std::string text;
    if (args->format == "json") {
      text = comparison_json(comparison).dump(2) + "\n";
    } else {
      text = args->format == "markdown" ? comparison_markdown(comparison) : comparison_console(comparison);
    }
    if (!args->out.empty()) {
      try {
        write_file_atomically(args->out, text);
      } catch (const std::exception& e) {
        throw UsageError(fmt::format("--out {}: {}", args->out, e.what()));  // exit 2, not 1 (a regression)
      }
    }
    fmt::print("{}", text);
    exit_code = comparison.exit_code();
  });
}

}  // namespace hwbench::cli
