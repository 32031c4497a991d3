#include "core/shared_option.hpp"

#include <CLI/CLI.hpp>
#include <charconv>
#include <map>
#include <memory>
#include <vector>

namespace hwbench {

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

std::size_t parse_size_option(const std::string& name, const std::string& text) {
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
    throw CLI::ValidationError(name + ": not a non-negative integer: " + text);
  }
  return value;
}

}  // namespace hwbench
