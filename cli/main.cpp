#include <fmt/format.h>

#include <cstdio>
#include <exception>

#include "cli/commands.hpp"
#include "cli/suggest.hpp"
#include "core/error.hpp"
#include "core/interrupt.hpp"
#include "hwbench/version.hpp"

int main(int argc, char** argv) {
  CLI::App app{
      "hwbench: is the CPU or the GPU faster for this cryptographic job, at this size, on this machine?"};
  app.name("hwbench");
  app.set_version_flag("--version", fmt::format("hwbench {} ({})", hwbench::kVersion, hwbench::kGitRevision));
  app.require_subcommand(1);
  hwbench::install_interrupt_handlers();
  int exit_code = hwbench::kExitOk;
  hwbench::cli::add_run_command(app, exit_code, argc, argv);
  hwbench::cli::add_list_command(app, exit_code);
  hwbench::cli::add_info_command(app, exit_code);
  hwbench::cli::add_compare_command(app, exit_code);
  hwbench::cli::add_report_command(app, exit_code);
  hwbench::cli::add_merge_command(app, exit_code);
  hwbench::cli::add_calibrate_command(app, exit_code);
  hwbench::cli::add_store_command(app, exit_code);
  if (argc <= 1) {  // bare hwbench: what it does and its subcommands
    fmt::print(stderr, "{}", app.help());
    return hwbench::kExitUsage;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ExtrasError& e) {
    fmt::print(stderr, "hwbench: {}{}\n", e.what(), hwbench::cli::typo_hint(app));
    return hwbench::kExitUsage;
  } catch (const CLI::RequiredError& e) {
    // No subcommand was recognised: the first word is a mistyped one.
    if (app.get_subcommands().empty() && !app.remaining().empty()) {
      fmt::print(stderr, "hwbench: unknown subcommand '{}'{} (see hwbench --help)\n", app.remaining().front(),
                 hwbench::cli::typo_hint(app));
    } else {
      fmt::print(stderr, "hwbench: {}\n", e.what());
    }
    return hwbench::kExitUsage;
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    fmt::print(stderr, "hwbench: {}\n", e.what());
    return hwbench::kExitUsage;
  } catch (const hwbench::UsageError& e) {
    fmt::print(stderr, "hwbench: {}\n", e.what());
    return hwbench::kExitUsage;
  } catch (const hwbench::BackendUnavailable& e) {
    fmt::print(stderr, "hwbench: {}\n", e.what());
    return hwbench::kExitBackendUnavailable;
  } catch (const std::exception& e) {
    fmt::print(stderr, "hwbench: error: {}\n", e.what());
    return hwbench::kExitVerificationFailed;
  }
  // Output that never reached standard output (a full disk, a closed pipe) is no success.
  if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
    std::fprintf(stderr, "hwbench: cannot write standard output\n");
    return exit_code == hwbench::kExitOk ? hwbench::kExitUsage : exit_code;
  }
  return exit_code;
}
