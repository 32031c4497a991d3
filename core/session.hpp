#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/fault_injection.hpp"
#include "core/harness.hpp"
#include "core/result.hpp"
#include "core/workload.hpp"

namespace hwbench {

struct Implementation;
class DumpWriter;

// One case: a workload at one size on one implementation, backend and mode.
struct PlannedCase {
  const Workload* workload;
  std::uint64_t size;
  const Implementation* impl;
  Backend* backend;
  Mode mode;
  nlohmann::json route = nullptr;  // a scheduler's decision that chose this case, recorded with it
  // Where a scheduler may run the job instead when this GPU case fails with a GpuError.
  std::shared_ptr<const PlannedCase> fallback = nullptr;
  // The axes' values this case runs with (--axis); null or empty: the workload's parameters as set.
  std::shared_ptr<const ParameterValues> parameters = nullptr;
};

// Runs one case of the current workload and size (input and reference already made).
using CaseRunner = std::function<CaseResult(const PlannedCase&)>;

// workload/backend/variant/mode/size, the case's name.
std::string case_name(const PlannedCase& c);

// What `hwbench run` was asked to do, after the command line was checked.
struct RunPlan {
  std::vector<const Workload*> workloads;
  std::optional<std::vector<std::uint64_t>> sizes;  // overrides each workload's default sizes
  // The axes' combinations per workload (--axis), each run over every size; none: one, as set.
  std::map<const Workload*, std::vector<ParameterValues>> points;
  bool quick = false;                 // the quick default suite's sizes
  std::vector<std::string> backends;  // empty: all registered
  std::vector<std::string> variants;  // empty: all
  std::uint64_t seed = 1;
  MeasureOptions measure;
  std::optional<std::filesystem::path> dump_folder;
  bool progress = true;
  // A scheduler's choice of cases for one workload and size (--backend auto); replaces the backend
  // and variant filters when set.
  std::function<std::vector<PlannedCase>(const Workload&, std::uint64_t)> route;
  // How a scheduler runs each case (retries, fallback); plain run_case when not set.
  std::function<CaseResult(const PlannedCase&, const CaseRunner&)> execute;
  std::shared_ptr<FaultInjector> faults;  // --inject-fault
  // Route each workload and size again right before it runs, with what the run has observed so far
  // (an adaptive scheduler); the first routing only counts the cases.
  bool route_late = false;
  // Told of every finished case, in order.
  std::function<void(const CaseResult&)> observe;
};

struct SessionOutput {
  std::vector<CaseResult> cases;
};

// Runs every case of the plan: inputs generated once per workload and size (never timed), a CPU
// reference computed from them, then each implementation prepared, measured and verified.
SessionOutput run_session(const RunPlan& plan);

// Prepares, measures and verifies one case against `reference` (computed from `input`); never throws
// for a case that cannot run or fails: the record says so. Outputs are dumped when dump is given.
CaseResult run_case(const PlannedCase& c, const CaseInput& input, const CaseOutput& reference,
                    const MeasureOptions& options, DumpWriter* dump = nullptr,
                    FaultInjector* faults = nullptr);

// The fastest CPU executor available, for references (they are never timed).
const Executor& reference_executor();

}  // namespace hwbench
