#pragma once

// Workload `mix`: a seeded stream of N heterogeneous jobs (hash batches, Merkle trees, signature
// batches, MSMs, NTTs of varied sizes), run one after another under a scheduling strategy; the
// figures are the stream's total time and jobs/s per strategy.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/workload.hpp"

namespace hwbench::mix {

// One job of the stream: a registered workload at one of the sizes mix draws for it.
struct Job {
  const Workload* workload = nullptr;
  std::uint64_t size = 0;
  // Generated once per workload and size: jobs that repeat one share it.
  std::shared_ptr<const CaseInput> input;
};

struct Input : CaseInput {
  std::vector<Job> jobs;
  // The profile the auto and split strategies route by (none: this machine's default).
  std::optional<std::filesystem::path> profile;
};

// Each job's output, in stream order.
struct Output : CaseOutput {
  std::vector<const Workload*> workloads;
  std::vector<std::shared_ptr<const CaseOutput>> outputs;
};

// How each job of the stream is placed: cpu-tbb only, the GPU end to end only, by the profile's
// crossovers (auto), or divided between both where the job divides (split; else as auto).
enum class Strategy { cpu_only, gpu_only, automatic, split };
std::string_view to_string(Strategy strategy);

// The job kinds mix draws from, and the sizes of each: from well under to well over the H100 host's
// crossovers (128 to 1024 items end to end), so that the stream needs both sides.
struct Kind {
  std::string_view workload;
  std::vector<std::uint64_t> sizes;
};
const std::vector<Kind>& kinds();

}  // namespace hwbench::mix
