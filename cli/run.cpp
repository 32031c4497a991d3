// `hwbench run`: measure workloads over sizes and backends, verify every output, write results.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "cli/commands.hpp"
#include "cli/option_checks.hpp"
#include "cli/store_labels.hpp"
#include "cli/suggest.hpp"
#include "cli/workload_options.hpp"
#include "core/atomic_file.hpp"
#include "core/axis.hpp"
#include "core/build_info.hpp"
#include "core/environment.hpp"
#include "core/error.hpp"
#include "core/fault_injection.hpp"
#include "core/host_info.hpp"
#include "core/output_folder.hpp"
#include "core/registry.hpp"
#include "core/result_document.hpp"
#include "core/session.hpp"
#include "core/size_range.hpp"
#include "core/utc_time.hpp"
#include "report/reporter.hpp"
#include "scheduler/router.hpp"
#include "scheduler/strategy.hpp"
#include "store/store.hpp"

namespace hwbench::cli {
namespace {

struct RunArgs {
  std::vector<std::string> workloads;
  std::string sizes;
  std::vector<std::string> axes;
  std::vector<std::string> backends;
  std::vector<std::string> variants;
  std::uint64_t seed = 1;
  int repetitions = 5;
  double min_time = 0.1;
  double warmup = 0.05;
  int threads = 0;
  int device = 0;
  std::string out;
  std::string dump;
  std::string format = "table";
  std::string prometheus;
  std::string profile;
  std::string inject_fault;
  int retries = 2;
  bool adapt = false;
  std::size_t adapt_window = scheduler::kDefaultAdaptWindow;
  bool html = false;
  bool quiet = false;
  bool overwrite = false;
  std::string store;  // --store URL ("" with --store alone: the default file)
  store::RunLabels labels;
};

// --backend auto's circuit breaker: this many GPU failures in a row send cases to the CPU for a while.
constexpr int kBreakerFailures = 3;
constexpr std::chrono::seconds kBreakerOpenFor{5};

// The quick default suite trades statistical depth for seconds of run time.
constexpr int kQuickRepetitions = 3;
constexpr double kQuickMinTime = 0.02;
constexpr double kQuickWarmup = 0.01;

// The scheduler strategy the backends name (auto or split), or empty for backends run as given.
std::string strategy_of(const std::vector<std::string>& backends) {
  for (const std::string& s : scheduler::strategy_names()) {
    if (std::find(backends.begin(), backends.end(), s) == backends.end()) continue;
    if (backends.size() > 1)
      throw UsageError(fmt::format("--backend {} cannot be combined with other backends", s));
    return std::string(s);
  }
  return {};
}

std::vector<std::string> names(const auto& items) {
  std::vector<std::string> out;
  for (const auto& item : items) out.emplace_back(item->name());
  return out;
}

// The declared parameter a selected workload names `name`, for its kind; null when none does.
const Parameter* declared(const std::vector<std::pair<const Workload*, std::vector<Parameter>>>& options,
                          const std::string& name) {
  for (const auto& [w, parameters] : options) {
    for (const Parameter& p : parameters) {
      if (p.name == name) return &p;
    }
  }
  return nullptr;
}

// --axis: each selected workload's combinations of the axes it declares, every value checked by the
// workload now, so that a value it refuses is a usage error before anything runs.
std::map<const Workload*, std::vector<ParameterValues>> plan_axes(
    const RunArgs& args, const CLI::App& cmd, const std::vector<const Workload*>& workloads) {
  std::map<const Workload*, std::vector<ParameterValues>> points;
  if (args.axes.empty()) return points;
  std::vector<std::pair<const Workload*, std::vector<Parameter>>> options;
  for (const Workload* w : workloads) {
    for (const auto& owned : Registry::instance().workloads()) {
      if (owned.get() == w) options.emplace_back(w, owned->options());
    }
  }
  std::vector<Axis> axes;
  for (const std::string& text : args.axes) {
    const std::string name = axis_name(text);
    const Parameter* p = declared(options, name);
    if (p == nullptr) {
      std::vector<std::string> known;
      for (const auto& [w, parameters] : options) {
        for (const Parameter& q : parameters) {
          if (sweepable(q.kind) && std::find(known.begin(), known.end(), q.name) == known.end())
            known.push_back(q.name);
        }
      }
      throw UsageError(fmt::format(
          "--axis: no selected workload has a parameter '{}'{} ({})", name, did_you_mean(name, known),
          known.empty() ? "they have none to sweep" : fmt::format("they have: {}", fmt::join(known, ", "))));
    }
    if (cmd.count("--" + name) > 0)
      throw UsageError(fmt::format("--{} and --axis {} both set it", name, name));
    for (const Axis& a : axes) {
      if (a.name == name) throw UsageError(fmt::format("--axis {} is given twice", name));
    }
    try {
      axes.push_back(parse_axis(text, p->kind));
    } catch (const UsageError& e) {
      throw UsageError(fmt::format("--axis {}", e.what()));
    }
  }
  for (const auto& [w, parameters] : options) {
    std::vector<Axis> own;
    for (const Axis& a : axes) {
      if (std::any_of(parameters.begin(), parameters.end(),
                      [&](const Parameter& p) { return p.name == a.name; }))
        own.push_back(a);
    }
    if (own.empty()) continue;
    try {
      points[w] = axis_points(own);
      for (const ParameterValues& point : points[w]) apply_parameters(*w, point);
    } catch (const UsageError& e) {
      throw UsageError(fmt::format("--axis {}", e.what()));
    }
  }
  return points;
}

RunPlan make_plan(const RunArgs& args, const CLI::App& cmd, const HostInfo& host) {
  auto& registry = Registry::instance();
  RunPlan plan;
  plan.quick = args.workloads.empty();
  if (plan.quick) {
    for (const auto& w : registry.workloads()) plan.workloads.push_back(w.get());
  }
  for (const auto& name : args.workloads) {
    const Workload* w = &known_workload(name);
    if (std::find(plan.workloads.begin(), plan.workloads.end(), w) == plan.workloads.end())
      plan.workloads.push_back(w);
  }
  const std::string strategy = strategy_of(args.backends);
  const bool routed = !strategy.empty();
  const bool mixes = std::any_of(plan.workloads.begin(), plan.workloads.end(),
                                 [](const Workload* w) { return w->composite(); });
  if (!routed && !mixes && !args.profile.empty())
    throw UsageError("--profile is for --backend auto or split, or the mix workload");
  if (args.adapt && strategy != "auto") throw UsageError("--adapt is for --backend auto");
  if (routed) {
    // A composite workload's variants are strategies already: it is not routed itself.
    for (const Workload* w : plan.workloads) {
      if (w->composite() && !plan.quick) {
        throw UsageError(
            fmt::format("{} runs its own strategies (cpu-only, gpu-only, auto, split): run it "
                        "without --backend {}",
                        w->name(), strategy));
      }
    }
    std::erase_if(plan.workloads, [](const Workload* w) { return w->composite(); });
  }
  for (const auto& name : args.backends) {
    if (routed) break;
    Backend* b = registry.find_backend(name);
    if (b == nullptr) {
      const std::vector<std::string> known = names(registry.backends());
      std::vector<std::string> strategies = known;
      strategies.insert(strategies.end(), {"auto", "split"});
      throw UsageError(fmt::format("unknown backend '{}'{} (known: {}, or auto, split)", name,
                                   did_you_mean(name, strategies), fmt::join(known, ", ")));
    }
    if (const std::string reason = b->unavailable_reason(); !reason.empty()) {
      throw BackendUnavailable(fmt::format("backend '{}' is unavailable: {}", name, reason));
    }
  }
  if (!routed) plan.backends = args.backends;
  std::set<std::string> known_variants;
  for (const Workload* w : plan.workloads) {
    for (const Implementation* impl : registry.implementations(w->name()))
      known_variants.insert(impl->variant);
  }
  for (const auto& v : args.variants) {
    if (!known_variants.contains(v)) {
      throw UsageError(fmt::format("unknown variant '{}' for the selected workloads{} (known: {})", v,
                                   did_you_mean(v, {known_variants.begin(), known_variants.end()}),
                                   fmt::join(known_variants, ", ")));
    }
  }
  plan.variants = args.variants;
  // Given, even as "", the sizes are what the user asked for: an empty list is an error, not the default.
  if (cmd.count("--sizes") > 0) {
    try {
      plan.sizes = parse_sizes(args.sizes);
    } catch (const UsageError& e) {
      throw UsageError(fmt::format("--sizes: {}", e.what()));
    }
  }
  plan.points = plan_axes(args, cmd, plan.workloads);
  const std::uint64_t memory = host.memory_bytes;
  for (const Workload* w : plan.workloads) {
    const auto sizes = plan.sizes ? *plan.sizes : (plan.quick ? w->quick_sizes() : w->default_sizes());
    const auto it = plan.points.find(w);
    const std::vector<ParameterValues> points =
        it != plan.points.end() ? it->second : std::vector<ParameterValues>{{}};
    for (const ParameterValues& point : points) {
      apply_parameters(*w, point);
      const std::string at = parameters_text(w->parameters());
      for (std::uint64_t n : sizes) {
        try {
          w->check_size(n);
        } catch (const UsageError& e) {
          if (point.empty()) throw;
          throw UsageError(fmt::format("{} (with {})", e.what(), at));
        }
        const Work work = w->work(n);
        // Input, reference output and one backend's output live in host memory at once.
        const std::uint64_t needed = work.bytes_in + 2 * work.bytes_out;
        if (memory > 0 && needed > memory / 2) {
          throw UsageError(
              fmt::format("{} size {}{} needs {:.1f} GiB of host memory; this machine has {:.1f} GiB",
                          w->name(), format_size(n), point.empty() ? "" : " (" + at + ")",
                          needed / 1073741824.0, memory / 1073741824.0));
        }
      }
    }
  }
  plan.seed = args.seed;
  const bool quick_timing = plan.quick;
  plan.measure.repetitions =
      quick_timing && cmd.count("--repetitions") == 0 ? kQuickRepetitions : args.repetitions;
  plan.measure.min_time = quick_timing && cmd.count("--min-time") == 0 ? kQuickMinTime : args.min_time;
  plan.measure.min_warmup_time = quick_timing && cmd.count("--warmup") == 0 ? kQuickWarmup : args.warmup;
  if (!args.dump.empty()) plan.dump_folder = args.dump;
  plan.progress = !args.quiet;
  return plan;
}

// Everything a run takes before it measures: the plan, the strategy, and every output file, so that a
// path that cannot be written fails now, not after the run.
struct RunSetup {
  RunPlan plan;
  std::unique_ptr<scheduler::Strategy> strategy;
  std::optional<OutputFolder> folder, dump_folder;
  std::optional<AtomicFile> result_file, gbench_file, html_file, prometheus_file;
  RunContext context;
  std::vector<std::string> warnings;    // for standard error before the first case
  std::unique_ptr<store::Store> store;  // --store: opened (created, migrated) before anything runs
  std::string store_url;
};

std::unique_ptr<RunSetup> set_up(const RunArgs& args, const CLI::App& cmd, int argc, char** argv) {
  auto s = std::make_unique<RunSetup>();
  const HostInfo host = host_info();
  s->plan = make_plan(args, cmd, host);
  RunPlan& plan = s->plan;
  for (const auto& b : Registry::instance().backends()) b->configure({args.threads, args.device});
  if (const std::string strategy = strategy_of(args.backends); !strategy.empty()) {
    std::optional<std::filesystem::path> given;
    if (!args.profile.empty()) given = args.profile;
    std::vector<std::string> profile_warnings;
    calibration::Profile profile = scheduler::load_profile(given, profile_warnings);
    s->strategy = scheduler::make_strategy(
        strategy, std::move(profile),
        {plan.variants, args.adapt, args.adapt_window, args.retries, kBreakerFailures, kBreakerOpenFor});
    s->strategy->install(plan);
    s->context.settings["profile_warnings"] = profile_warnings;
    s->warnings.insert(s->warnings.end(), profile_warnings.begin(), profile_warnings.end());
  }
  if (!args.inject_fault.empty()) {
    plan.faults = std::make_shared<FaultInjector>(parse_fault_injection(args.inject_fault), plan.seed);
  }

  const std::pair<const char*, const std::string*> paths[] = {
      {"--out", &args.out}, {"--dump", &args.dump}, {"--prometheus", &args.prometheus}};
  for (const auto& [option, value] : paths) {
    if (cmd.count(option) > 0 && value->empty()) throw UsageError(fmt::format("{}: an empty path", option));
  }
  if (is_stdout(args.prometheus) && !args.quiet)
    throw UsageError("--prometheus -: standard output holds the table; add --quiet");
  if (cmd.count("--store") > 0) {
    check_labels(args.labels);
    s->store_url = args.store.empty() ? fmt::format("sqlite:{}", store::kDefaultStorePath) : args.store;
    s->store = store::open_store(plain_store_url(s->store_url));
  } else if (cmd.count("--tag") > 0 || cmd.count("--commit") > 0) {
    throw UsageError("--tag and --commit label a stored run: add --store");
  }
  s->folder.emplace(args.out.empty()
                        ? OutputFolder::unique_under("hwbench-results", utc_timestamp(true), "--out")
                        : OutputFolder(args.out, "--out", args.overwrite));
  const std::filesystem::path out_dir = s->folder->path();
  if (plan.dump_folder) {
    std::error_code ec;
    if (std::filesystem::equivalent(*plan.dump_folder, out_dir, ec))
      throw UsageError("--dump and --out name the same folder");
    s->dump_folder.emplace(*plan.dump_folder, "--dump", args.overwrite);
  }
  s->result_file.emplace(out_dir / "result.json");
  s->gbench_file.emplace(out_dir / "gbench.json");
  if (args.html) s->html_file.emplace(out_dir / "report.html");
  if (!args.prometheus.empty() && !is_stdout(args.prometheus)) {
    try {
      s->prometheus_file.emplace(args.prometheus);
    } catch (const UsageError& e) {
      throw UsageError(fmt::format("--prometheus: {}", e.what()));
    }
  }

  const EnvironmentCheck environment =
      check_environment(static_cast<unsigned>(std::max(host.logical_cores, 1)));
  s->warnings.insert(s->warnings.begin(), environment.warnings.begin(), environment.warnings.end());
  RunContext& context = s->context;
  context.argv.assign(argv, argv + argc);
  context.environment = environment.facts;
  context.seed = plan.seed;
  context.host = to_json(host);
  context.build = build_info();
  context.settings.update({{"repetitions", plan.measure.repetitions},
                           {"min_time_seconds", plan.measure.min_time},
                           {"warmup_seconds", plan.measure.min_warmup_time},
                           {"threads", args.threads},
                           {"device", args.device},
                           {"quick_suite", plan.quick}});
  return s;
}

// Runs every case; returns what the strategy has to say about how it placed them.
std::vector<std::string> measure(RunSetup& s, std::vector<CaseResult>& cases) {
  s.context.start_time = utc_timestamp();
  cases = run_session(s.plan).cases;
  s.context.end_time = utc_timestamp();
  for (const auto& b : Registry::instance().backends())
    s.context.backends[std::string(b->name())] = b->describe();
  if (!s.strategy) return {};
  std::vector<std::string> lines = s.strategy->finish(cases);
  s.context.settings.update(s.strategy->settings());
  return lines;
}

// Writes every output, then what standard output and standard error show; returns the exit code.
int write(RunSetup& s, const RunArgs& args, const std::vector<CaseResult>& cases,
          const std::vector<std::string>& strategy_lines) {
  const ResultDocument document{s.context, cases, {}, {}};
  const std::filesystem::path out_dir = s.folder->path();
  const std::string result_path = (out_dir / "result.json").string();
  const auto render = [&](std::string_view name) {
    return find_reporter(name)->render(document, result_path);
  };
  const std::pair<std::optional<AtomicFile>*, std::string_view> files[] = {
      {&s.result_file, "json"},
      {&s.gbench_file, "gbench"},
      {&s.html_file, "html"},
      {&s.prometheus_file, "prometheus"}};
  for (const auto& [file, format] : files) {
    if (!*file) continue;
    (*file)->write(render(format));
    (*file)->commit();
  }
  if (is_stdout(args.prometheus)) write_output("-", render("prometheus"));
  s.folder->keep();
  if (s.dump_folder) s.dump_folder->keep();
  const std::int64_t stored = s.store ? s.store->add(document, args.labels) : 0;

  if (!args.quiet) {
    fmt::print("{}", render(args.format));
    std::fflush(stdout);  // before any line on standard error, which may share the terminal or log
    fmt::print(stderr, "seed {}; results in {}\n", s.plan.seed, out_dir.string());
    if (s.store) fmt::print(stderr, "stored as run {} in {}\n", stored, s.store_url);
    for (const auto& line : strategy_lines) fmt::print(stderr, "{}\n", line);
    if (s.plan.faults) fmt::print(stderr, "injected {} GPU faults\n", s.plan.faults->injected());
    for (const auto& r : cases) {
      if (!r.telemetry.contains("warnings")) continue;
      for (const auto& w : r.telemetry["warnings"])
        fmt::print(stderr, "hwbench: warning: {}: {}\n", r.name, w.get<std::string>());
    }
  }
  const auto failed = [](const CaseResult& r) {
    return r.status == CaseStatus::failed || r.status == CaseStatus::error;
  };
  if (std::none_of(cases.begin(), cases.end(), failed)) return kExitOk;
  for (const auto& r : cases) {
    if (failed(r)) fmt::print(stderr, "hwbench: {} {}: {}\n", r.name, to_string(r.status), r.reason);
  }
  return kExitVerificationFailed;
}

int run(const RunArgs& args, const CLI::App& cmd, int argc, char** argv) {
  const std::unique_ptr<RunSetup> s = set_up(args, cmd, argc, argv);
  if (!args.quiet) {
    for (const auto& warning : s->warnings) fmt::print(stderr, "hwbench: warning: {}\n", warning);
  }
  std::vector<CaseResult> cases;
  const std::vector<std::string> strategy_lines = measure(*s, cases);
  return write(*s, args, cases, strategy_lines);
}

}  // namespace

void add_run_command(CLI::App& app, int& exit_code, int argc, char** argv) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* cmd = app.add_subcommand("run", "Measure and verify workloads on every backend");
  cmd->add_option("workloads", args->workloads, "Workloads to run (none: the quick default suite)");
  cmd->add_option("--sizes", args->sizes,
                  "Sizes: 256..16384, 1K..16M, 2^10..2^20, 1000..5000:1000, or a comma list");
  cmd->add_option("--axis", args->axes,
                  "Sweep a workload parameter like sizes: NAME=VALUES, counts in the size syntax "
                  "(msg-bytes=64,1K..8K), ratios and choices as comma lists (invalid-ratio=0,1/4); "
                  "repeat for every combination")
      ->allow_extra_args(false);
  cmd->add_option("--backend", args->backends,
                  "Backends to run (comma list; default: all available); or auto: each case on the backend "
                  "this machine's profile says is faster at its size; or split: batches divided between "
                  "cpu-tbb and cuda by the profile's throughputs, run at once")
      ->delimiter(',');
  cmd->add_option("--variant", args->variants, "Variants to run (comma list; default: all)")->delimiter(',');
  cmd->add_option("--seed", args->seed, "Seed of the generated inputs")
      ->check(unsigned_integer())
      ->capture_default_str();
  cmd->add_option("--repetitions", args->repetitions, "Repetitions per case")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  // Google Benchmark aborts on a minimum time of 0: refuse it here with a usage error.
  cmd->add_option("--min-time", args->min_time, "Minimum seconds of iterations per repetition (> 0)")
      ->check(finite_range(1e-6, 3600.0))
      ->capture_default_str();
  cmd->add_option("--warmup", args->warmup, "Seconds of untimed warm-up iterations per case")
      ->check(finite_range(0.0, 3600.0))
      ->capture_default_str();
  cmd->add_option("--threads", args->threads, "cpu-tbb threads (0: all)")->check(CLI::Range(0, 4096));
  cmd->add_option("--device", args->device, "CUDA device index")->check(CLI::Range(0, 1024));
  cmd->add_option("--out", args->out, "Output folder (default: hwbench-results/<timestamp>)");
  cmd->add_option("--dump", args->dump, "Also write every case's inputs and outputs to this folder");
  cmd->add_option("--format", args->format, "What standard output shows (default table): " + reporter_help())
      ->check(CLI::IsMember(reporter_names()));
  cmd->add_option("--prometheus", args->prometheus,
                  "Also write the results in Prometheus' text format to this file (textfile collector), or "
                  "to standard output: - (with --quiet)");
  add_shared_option(*cmd, "--profile",
                    "The calibrated profile --backend auto or split routes by (default: "
                    "profiles/<fingerprint>.json)",
                    [args](const std::string& path) { args->profile = path; });
  cmd->add_option("--inject-fault", args->inject_fault,
                  "Make GPU cases fail before they start: oom, launch, no-device, transfer, timeout or slow, "
                  "with :RATE for a seeded share of them (e.g. launch:0.3)");
  cmd->add_option("--retries", args->retries,
                  "--backend auto: retries of a GPU case that failed with a GPU error before the CPU runs it")
      ->check(CLI::Range(0, 10))
      ->capture_default_str();
  cmd->add_flag(
      "--adapt", args->adapt,
      "--backend auto: move each job's crossover with the times observed in this run (see --adapt-window)");
  cmd->add_option("--adapt-window", args->adapt_window,
                  "--adapt: the last cases per job and side whose times move the crossover")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  cmd->add_option("--store", args->store,
                  fmt::format("Also keep the run in a results store: sqlite:PATH (alone: sqlite:{})",
                              store::kDefaultStorePath))
      ->expected(0, 1);
  add_label_options(*cmd, args->labels);
  cmd->add_flag("--html", args->html, "Also write report.html (self-contained) in the output folder");
  cmd->add_flag("--quiet", args->quiet, "No table, no progress line");
  cmd->add_flag("--overwrite", args->overwrite,
                "Write into an --out (or --dump) folder that holds files already, replacing those this run "
                "writes");
  cmd->footer(kExitCodesHelp);
  add_workload_options(*cmd);
  cmd->callback([args, cmd, &exit_code, argc, argv] { exit_code = run(*args, *cmd, argc, argv); });
}

}  // namespace hwbench::cli
