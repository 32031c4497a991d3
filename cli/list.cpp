// `hwbench list`: workloads with their units, default sizes, parameters and variants per backend;
// backends with their kind.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>

#include "cli/commands.hpp"
#include "core/registry.hpp"
#include "core/size_range.hpp"

namespace hwbench::cli {

void add_list_command(CLI::App& app, int& exit_code) {
  CLI::App* cmd = app.add_subcommand("list", "List workloads, variants and backends");
  cmd->callback([&exit_code] {
    auto& registry = Registry::instance();
    fmt::print("workloads:\n");
    for (const auto& w : registry.workloads()) {
      std::vector<std::string> sizes;
      for (auto n : w->default_sizes()) sizes.push_back(format_size(n));
      fmt::print("  {:<10} {} (unit: {}; default sizes: {})\n", w->name(), w->description(), w->unit(),
                 fmt::join(sizes, ","));
      std::map<std::string, std::vector<std::string>> by_backend;
      for (const Implementation* impl : registry.implementations(w->name())) {
        by_backend[impl->backend].push_back(impl->variant);
      }
      for (const Parameter& p : w->options()) {
        fmt::print("    --{:<15} {} ({}{})\n", p.name, p.help, to_string(p.kind),
                   sweepable(p.kind) ? ", --axis takes it" : "");
      }
      for (const auto& b : registry.backends()) {
        auto it = by_backend.find(std::string(b->name()));
        if (it != by_backend.end())
          fmt::print("    {:<11} variants: {}\n", b->name(), fmt::join(it->second, ", "));
      }
    }
    fmt::print("backends:\n");
    for (const auto& b : registry.backends()) {
      const std::string reason = b->unavailable_reason();
      fmt::print("  {:<11} {} ({}) [{}]\n", b->name(), b->description(), to_string(b->kind()),
                 reason.empty() ? "available" : reason);
    }
    exit_code = 0;
  });
}

}  // namespace hwbench::cli
