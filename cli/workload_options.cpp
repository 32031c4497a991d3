#include "cli/workload_options.hpp"

#include <fmt/format.h>

#include <map>
#include <memory>
#include <vector>

#include "core/error.hpp"
#include "core/registry.hpp"

namespace hwbench::cli {

void add_shared_option(CLI::App& app, const std::string& name, const std::string& description,
                       std::function<void(const std::string&)> sink) {
  using Sinks = std::vector<std::function<void(const std::string&)>>;
  // The option's callback owns its sinks; this map only finds them again while that option lives.
  static std::map<const CLI::Option*, std::weak_ptr<Sinks>> registered;
  CLI::Option* option = app.get_option_no_throw(name);
  std::shared_ptr<Sinks> sinks = option != nullptr ? registered[option].lock() : nullptr;
  if (sinks == nullptr) {
    sinks = std::make_shared<Sinks>();
    option = app.add_option_function<std::string>(
        name,
        [sinks](const std::string& value) {
          for (const auto& s : *sinks) s(value);
        },
        description);
    registered[option] = sinks;
  } else {
    option->description(option->get_description() + "; " + description);
  }
  sinks->push_back(std::move(sink));
}

void add_workload_options(CLI::App& app) {
  for (const auto& w : Registry::instance().workloads()) {
    for (Parameter& p : w->options()) {
      const std::string option = "--" + p.name;
      add_shared_option(app, option, fmt::format("{}: {}", w->name(), p.help),
                        [option, set = std::move(p.set)](const std::string& text) {
                          try {
                            set(text);
                          } catch (const UsageError& e) {
                            throw CLI::ValidationError(option, e.what());
                          }
                        });
    }
  }
}

}  // namespace hwbench::cli
