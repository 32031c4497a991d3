// `hwbench info`: the machine as hwbench sees it (CPU and its clocks, SMT, caches, isolated CPUs,
// governor and turbo, memory, GPUs) and what built it (compiler, library versions), as text or JSON.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "calibration/profile.hpp"
#include "cli/commands.hpp"
#include "core/build_info.hpp"
#include "core/environment.hpp"
#include "core/host_info.hpp"
#include "core/registry.hpp"

namespace hwbench::cli {
namespace {

// "clocks: SM 1755 MHz (max 1980, application 1755 of default 1755), memory 2619 MHz (max 2619); events:
// idle"
std::string clocks_line(const nlohmann::json& clocks) {
  if (const auto why = clocks.find("unavailable"); why != clocks.end() && why->is_string())
    return "clocks: not read: " + why->get<std::string>();
  auto mhz = [&](const char* domain, const char* key) {
    const auto d = clocks.find(domain);
    if (d == clocks.end() || !d->is_object() || !d->contains(key) || !(*d)[key].is_number())
      return std::string("?");
    return std::to_string((*d)[key].get<unsigned>());
  };
  std::string out = fmt::format(
      "clocks: SM {} MHz (max {}, application {} of default {}), memory {} MHz (max {})",
      mhz("sm", "current_mhz"), mhz("sm", "max_mhz"), mhz("sm", "application_mhz"),
      mhz("sm", "default_application_mhz"), mhz("memory", "current_mhz"), mhz("memory", "max_mhz"));
  if (const auto e = clocks.find("clock_events"); e != clocks.end() && e->is_array()) {
    std::vector<std::string> events;
    for (const auto& name : *e) {
      if (name.is_string()) events.push_back(name.get<std::string>());
    }
    out += fmt::format("; clock events: {}",
                       events.empty() ? std::string("none") : fmt::format("{}", fmt::join(events, ", ")));
  }
  return out;
}

}  // namespace

void add_info_command(CLI::App& app, int& exit_code) {
  auto json = std::make_shared<bool>(false);
  auto device = std::make_shared<int>(0);
  CLI::App* cmd = app.add_subcommand("info", "Show the CPU, memory and GPUs hwbench would measure");
  cmd->add_flag("--json", *json, "Print JSON");
  cmd->add_option("--device", *device, "CUDA device index")->check(CLI::Range(0, 1024));
  cmd->callback([json, device, &exit_code] {
    auto& registry = Registry::instance();
    for (const auto& b : registry.backends()) b->configure({0, *device});
    const HostInfo host = host_info();
    nlohmann::json backends = nlohmann::json::object();
    for (const auto& b : registry.backends()) backends[std::string(b->name())] = b->describe();
    const EnvironmentCheck environment =
        check_environment(static_cast<unsigned>(std::max(host.logical_cores, 1)));
    const nlohmann::json build = build_info();
    if (*json) {
      const calibration::Machine machine = calibration::this_machine();
      fmt::print("{}\n", nlohmann::json{{"host", to_json(host)},
                                        {"environment", environment.facts},
                                        {"build", build},
                                        {"backends", backends},
                                        {"machine", calibration::to_json(machine)},
                                        {"profile", calibration::default_profile_path(machine).string()}}
                             .dump(2));
      exit_code = 0;
      return;
    }
    fmt::print("cpu:      {}\n", host.cpu_model);
    const CpuDetails& cpu = host.cpu;
    fmt::print("cores:    {} logical, {} physical, SMT {}\n", host.logical_cores, host.physical_cores,
               cpu.smt ? (*cpu.smt ? "on" : "off") : "unknown");
    fmt::print("clock:    {} MHz now (mean), {}\n",
               cpu.mhz_current > 0 ? fmt::format("{:.0f}", cpu.mhz_current) : "?",
               cpu.mhz_max > 0 ? fmt::format("{:.0f} MHz max", cpu.mhz_max) : "max not reported");
    const auto& governors = environment.facts["scaling_governors"];
    const auto& turbo = environment.facts["turbo"];
    fmt::print("scaling:  governor {}, turbo/boost {}\n",
               governors.empty()
                   ? std::string("not reported")
                   : fmt::format("{}", fmt::join(governors.get<std::vector<std::string>>(), ", ")),
               turbo.is_boolean() ? (turbo.get<bool>() ? "on" : "off") : "not reported");
    std::vector<std::string> caches;
    for (const auto& c : cpu.caches)
      caches.push_back(fmt::format("L{} {} {} KiB", c.level, c.type, c.bytes / 1024));
    fmt::print("caches:   {}\n",
               caches.empty() ? std::string("not reported") : fmt::format("{}", fmt::join(caches, ", ")));
    fmt::print("isolated: {}\n", cpu.isolated_cpus.empty() ? std::string("none") : cpu.isolated_cpus);
    fmt::print("isa:      {}\n", fmt::join(host.isa_flags, " "));
    fmt::print("memory:   {:.1f} GiB\n", host.memory_bytes / 1073741824.0);
    fmt::print("os:       {}\n", host.os);
    fmt::print("built:    {} ({}), {}, oneTBB {}, fmt {}, nlohmann_json {}, CLI11 {}\n",
               build["compiler"].get<std::string>(), build["build_type"].get<std::string>(),
               build["openssl"].get<std::string>(), build["onetbb"].get<std::string>(),
               build["fmt"].get<std::string>(), build["nlohmann_json"].get<std::string>(),
               build["cli11"].get<std::string>());
    for (const auto& w : environment.warnings) fmt::print("warning:  {}\n", w);
    const std::string gpu_backend = Registry::instance().backend_name(BackendKind::gpu);
    const auto& cuda = backends[gpu_backend];
    if (cuda.contains("unavailable")) {
      fmt::print("{:<10}unavailable: {}\n", gpu_backend + ":", cuda["unavailable"].get<std::string>());
    } else {
      fmt::print("{:<10}driver {}, runtime {}\n", gpu_backend + ":",
                 cuda["driver_version"].get<std::string>(), cuda["runtime_version"].get<std::string>());
      for (const auto& d : cuda["devices"]) {
        fmt::print(
            "gpu {}:    {} ({}), {} SMs, compute capability {}, {:.1f} GiB, L2 {:.0f} MiB, "
            "theoretical bandwidth {:.2f} TB/s\n",
            d["index"].get<int>(), d["name"].get<std::string>(), d["pci_bus_id"].get<std::string>(),
            d["sm_count"].get<int>(), d["compute_capability"].get<std::string>(),
            d["memory_bytes"].get<double>() / 1073741824.0, d["l2_bytes"].get<double>() / 1048576.0,
            d["theoretical_bandwidth_bytes_per_second"].get<double>() / 1e12);
        fmt::print("{:<10}{}\n", "", clocks_line(d.value("clocks", nlohmann::json::object())));
      }
    }
    fmt::print("profile:  {}\n", calibration::default_profile_path(calibration::this_machine()).string());
    exit_code = 0;
  });
}

}  // namespace hwbench::cli
