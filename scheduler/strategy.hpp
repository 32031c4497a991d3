#pragma once

// A scheduling strategy (--backend auto or split) as the hooks a session runs by: which cases a
// workload and size become (route), how each runs (execute: retries and the CPU fallback), what it
// learns from each finished case (observe), and what it has to say once the run is over.
#include <chrono>
#include <cstddef>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "calibration/profile.hpp"
#include "core/session.hpp"
#include "scheduler/adaptive.hpp"

namespace hwbench::scheduler {

struct StrategyOptions {
  std::vector<std::string> variants;  // only these take part (all when empty)
  bool adapt = false;                 // auto: move crossovers with the times this run observes
  std::size_t adapt_window = kDefaultAdaptWindow;
  int retries = 2;  // of a GPU case that failed with a GPU error, before the CPU runs it
  // The circuit breaker: this many GPU failures in a row send cases to the CPU for a while.
  int breaker_failures = 3;
  std::chrono::duration<double> breaker_open_for = std::chrono::seconds(5);
};

class Strategy {
 public:
  virtual ~Strategy() = default;
  virtual std::string_view name() const = 0;
  // Sets the plan's route, execute and observe hooks.
  virtual void install(RunPlan& plan) = 0;
  // Facts for the result's settings, once the run is over (the crossovers adaptation moved...).
  virtual nlohmann::json settings() const = 0;
  // Completes the records (a split's gain over either side alone) and returns what the strategy
  // did, one line each, for standard error.
  virtual std::vector<std::string> finish(std::vector<CaseResult>& cases) = 0;
};

// The names make_strategy takes.
std::vector<std::string> strategy_names();

// `name` (auto or split) routing by `profile`; throws UsageError for another name, or for options that
// name does not take (adapt is for auto).
std::unique_ptr<Strategy> make_strategy(std::string_view name, calibration::Profile profile,
                                        const StrategyOptions& options);

}  // namespace hwbench::scheduler
