#pragma once

#include <cstddef>
#include <functional>
#include <string>

namespace CLI {
class App;
}

namespace hwbench {

// An option that several workloads read (--msg-bytes, --invalid-ratio): the first workload to
// register it adds it to the command, later ones join; every workload's `sink` receives the value
// given. Each keeps its own default and checks its own range when it runs (check_size), so that one
// workload's limits do not refuse a value meant for another.
void add_shared_option(CLI::App& app, const std::string& name, const std::string& description,
                       std::function<void(const std::string&)> sink);

// The value of a shared option as an unsigned integer; throws CLI::ValidationError when it is not one.
std::size_t parse_size_option(const std::string& name, const std::string& text);

}  // namespace hwbench
