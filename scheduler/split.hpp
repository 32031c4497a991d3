#pragma once

// The `split` strategy: a batch of a divisible job runs on cpu-tbb and the GPU (end to end) at once,
// divided so that both parts take the same time by the profile's throughput curves at its size. The
// two backends alone run in the same session, so that each split records its gain over the faster.

#include <cstdint>
#include <list>
#include <optional>
#include <string>
#include <vector>

#include "core/registry.hpp"
#include "core/result.hpp"
#include "core/session.hpp"
#include "scheduler/router.hpp"

namespace hwbench::scheduler {

// The backend name of split cases in results.
inline constexpr std::string_view kSplitBackend = "split";

// A share of the items under this on either side leaves the job to auto's choice: the smaller part
// would finish long before the larger, so dividing buys less than the hand-off costs.
inline constexpr double kMinSplitShare = 0.02;

class Splitter {
 public:
  explicit Splitter(const Router& router) : m_router(router) {}
  Splitter(const Splitter&) = delete;
  Splitter& operator=(const Splitter&) = delete;

  // Per job of the workload at n: where the job is divisible and both sides can run it, the split case
  // and the two backends alone (each `route` says which role); else auto's case.
  std::vector<PlannedCase> plan(const Workload& workload, std::uint64_t n,
                                const std::vector<std::string>& variants);

  // The GPU's share of a batch at n by the profile (curves at n, else the calibrated split); nullopt
  // when the profile has neither.
  std::optional<double> gpu_share(const Workload& workload, const Implementation& gpu,
                                  const Implementation& cpu, std::uint64_t n) const;

 private:
  const Router& m_router;
  std::list<Implementation> m_implementations;  // the split cases', alive as long as the cases
};

// Each ok split case's gain over the faster of its two backends alone at the same workload, size and
// job, written into its route (`gain`, `faster_alone`); returns a line per split case for the console.
std::vector<std::string> record_split_gains(std::vector<CaseResult>& cases);

}  // namespace hwbench::scheduler
