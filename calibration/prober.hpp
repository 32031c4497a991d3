#pragma once

// What calibration asks of a machine: measure one case. The real prober runs hwbench's own cases;
// tests give a fake one with a known time model.
#include <cstdint>
#include <string>
#include <vector>

#include "core/backend.hpp"

namespace hwbench::calibration {

struct ProbeKey {
  std::string backend;
  std::string variant;
  Mode mode = Mode::host;
  std::uint64_t size = 0;
  auto operator<=>(const ProbeKey&) const = default;
};

struct ProbeResult {
  bool ok = false;
  bool skipped = false;   // the backend cannot run this case here (not an error of the case)
  bool mismatch = false;  // it ran, and its output differed from the reference
  std::string reason;
  std::string fault;            // a GPU error's kind (to_string(GpuFault)), when the case failed with one
  std::vector<double> samples;  // seconds per iteration, one per repetition
  std::uint64_t items = 0;      // items one iteration processes
  std::uint64_t peak_device_bytes = 0;
};

class Prober {
 public:
  virtual ~Prober() = default;
  // Measures `workload`'s case `key` with `repetitions` new, verified repetitions.
  virtual ProbeResult measure(const std::string& workload, const ProbeKey& key, int repetitions) = 0;
};

}  // namespace hwbench::calibration
