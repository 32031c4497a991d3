#pragma once

#include <CLI/CLI.hpp>

namespace hwbench::cli {

// Each subcommand adds itself to the app; its callback stores the process exit code.
void add_run_command(CLI::App& app, int& exit_code, int argc, char** argv);
void add_list_command(CLI::App& app, int& exit_code);
void add_info_command(CLI::App& app, int& exit_code);
void add_compare_command(CLI::App& app, int& exit_code);
void add_report_command(CLI::App& app, int& exit_code);
void add_merge_command(CLI::App& app, int& exit_code);
void add_calibrate_command(CLI::App& app, int& exit_code);
void add_store_command(CLI::App& app, int& exit_code);

}  // namespace hwbench::cli
