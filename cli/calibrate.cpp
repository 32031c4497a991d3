// `hwbench calibrate`: find where the GPU overtakes the CPU backends, per workload and variant, and write
// the profile the scheduler routes by.
#include "calibration/calibrate.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "calibration/case_prober.hpp"
#include "cli/commands.hpp"
#include "cli/option_checks.hpp"
#include "cli/suggest.hpp"
#include "core/error.hpp"
#include "core/registry.hpp"
#include "core/utc_time.hpp"
#include "report/profile_table.hpp"

namespace hwbench::cli {
namespace {

struct CalibrateArgs {
  std::vector<std::string> workloads;
  std::string out;
  double budget = 120;
  double alpha = 0.05;
  int repetitions = 5;
  std::uint64_t seed = 1;
  int threads = 0;
  int device = 0;
  double memory_fraction = 0.9;
  bool verbose = false;
  bool quiet = false;
};

// Short repetitions: a decision rests on the rank test over repetitions, not on long ones.
constexpr double kMinTime = 0.01;
constexpr double kWarmup = 0.01;

int calibrate(const CalibrateArgs& args) {
  using namespace calibration;
  auto& registry = Registry::instance();
  std::vector<const Workload*> workloads;
  for (const auto& name : args.workloads) {
    const Workload* w = &known_workload(name);
    if (w->composite())
      throw UsageError(
          fmt::format("{} runs other workloads' jobs under each strategy: it is not calibrated", name));
    if (std::find(workloads.begin(), workloads.end(), w) == workloads.end()) workloads.push_back(w);
  }
  if (workloads.empty()) {
    for (const auto& w : registry.workloads()) {
      if (!w->composite()) workloads.push_back(w.get());
    }
  }
  for (const auto& b : registry.backends()) b->configure({args.threads, args.device});
  const Backend* gpu = registry.find_backend(BackendKind::gpu);
  if (gpu == nullptr || !gpu->unavailable_reason().empty()) {
    throw BackendUnavailable(fmt::format("calibrate needs the {} backend: {}",
                                         registry.backend_name(BackendKind::gpu),
                                         gpu ? gpu->unavailable_reason() : "not registered"));
  }

  Profile profile;
  profile.machine = this_machine();
  const std::filesystem::path out =
      args.out.empty() ? default_profile_path(profile.machine) : std::filesystem::path(args.out);
  const std::unique_ptr<AtomicFile> file = open_profile_file(out);
  profile.created = utc_timestamp();
  profile.budget_seconds = args.budget;
  profile.alpha = args.alpha;
  profile.repetitions = args.repetitions;
  profile.gpu_memory_limit_bytes = static_cast<std::uint64_t>(
      args.memory_fraction * static_cast<double>(profile.machine.gpu_memory_bytes));

  Settings settings;
  settings.alpha = args.alpha;
  settings.repetitions = args.repetitions;
  settings.max_repetitions = std::max(4 * args.repetitions, 20);
  settings.gpu_memory_limit_bytes = profile.gpu_memory_limit_bytes;
  CaseProber prober(args.seed, {args.repetitions, kMinTime, kWarmup});
  const auto log = [&](const std::string& line) {
    if (args.quiet || (!args.verbose && line.starts_with(" "))) return;
    fmt::print(stderr, "{}\n", line);
  };

  const auto start = Clock::now();
  const auto end =
      start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(args.budget));
  std::vector<std::string> failures;
  for (std::size_t i = 0; i < workloads.size(); ++i) {
    // An equal share of what is left: a workload that finishes early leaves its time to the others.
    const auto now = Clock::now();
    const auto deadline = now + (std::max(end, now) - now) / static_cast<long>(workloads.size() - i);
    Calibrated c = calibrate_workload(subject_of(*workloads[i]), prober, settings, deadline, log);
    profile.workloads.push_back(std::move(c.profile));
    failures.insert(failures.end(), c.failures.begin(), c.failures.end());
  }
  profile.elapsed_seconds = std::chrono::duration<double>(Clock::now() - start).count();

  if (!failures.empty()) {
    for (const auto& f : failures) fmt::print(stderr, "hwbench: {}\n", f);
    fmt::print(stderr, "hwbench: {} case{} failed; no profile written\n", failures.size(),
               failures.size() == 1 ? "" : "s");
    return kExitVerificationFailed;
  }
  write_profile(*file, profile);
  if (!args.quiet) {
    fmt::print("{}", profile_table(profile));
    fmt::print(stderr, "calibrated in {:.1f} s; profile {}\n", profile.elapsed_seconds, out.string());
  }
  return kExitOk;
}

}  // namespace

void add_calibrate_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<CalibrateArgs>();
  CLI::App* cmd =
      app.add_subcommand("calibrate", "Find the GPU's crossover sizes and write this machine's profile");
  cmd->add_option("workloads", args->workloads, "Workloads to calibrate (none: all)");
  cmd->add_option("--out", args->out, "Profile to write (default: profiles/<fingerprint>.json)");
  cmd->footer(kExitCodesHelp);
  cmd->add_option("--budget", args->budget, "Seconds the whole calibration may take")
      ->check(finite_range(1.0, 86400.0))
      ->capture_default_str();
  cmd->add_option("--alpha", args->alpha, "Significance level of each faster/slower decision")
      ->check(finite_range(1e-6, 0.5))
      ->capture_default_str();
  cmd->add_option("--repetitions", args->repetitions, "Repetitions per side and size before more are taken")
      ->check(CLI::Range(3, 100))
      ->capture_default_str();
  cmd->add_option("--seed", args->seed, "Seed of the generated inputs")
      ->check(unsigned_integer())
      ->capture_default_str();
  cmd->add_option("--threads", args->threads, "cpu-tbb threads (0: all)")->check(CLI::Range(0, 4096));
  cmd->add_option("--device", args->device, "CUDA device index")->check(CLI::Range(0, 1024));
  cmd->add_option("--gpu-memory-fraction", args->memory_fraction,
                  "Share of the GPU's memory a case may use (the profile's limit)")
      ->check(finite_range(0.05, 1.0))
      ->capture_default_str();
  cmd->add_flag("--verbose", args->verbose, "Show every decision, with both sides' medians");
  cmd->add_flag("--quiet", args->quiet, "No table, no progress");
  cmd->callback([args, &exit_code] { exit_code = calibrate(*args); });
}

}  // namespace hwbench::cli
