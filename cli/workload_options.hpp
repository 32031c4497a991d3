#pragma once

// The workloads' parameters as options of a command: one --NAME per parameter name, shared by every
// workload that declares it (one --msg-bytes serves sha256 and ed25519), each of them handed the value.
#include <CLI/CLI.hpp>
#include <functional>
#include <string>

namespace hwbench::cli {

// Adds --NAME to `app`, or joins the one a workload or the command added already: every sink receives
// the value given, and the descriptions are joined.
void add_shared_option(CLI::App& app, const std::string& name, const std::string& description,
                       std::function<void(const std::string&)> sink);

// Every registered workload's parameters as options of `app`; a value a workload refuses is a usage
// error naming the option.
void add_workload_options(CLI::App& app);

}  // namespace hwbench::cli
