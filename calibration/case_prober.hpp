#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "calibration/prober.hpp"
#include "core/harness.hpp"
#include "core/workload.hpp"

namespace hwbench::calibration {

// Measures hwbench's registered cases as `run` does (generated inputs, verification against the CPU
// reference), keeping the last size's input and reference for the next case.
class CaseProber final : public Prober {
 public:
  CaseProber(std::uint64_t seed, MeasureOptions options) : m_seed(seed), m_options(options) {}
  ProbeResult measure(const std::string& workload, const ProbeKey& key, int repetitions) override;

 private:
  std::uint64_t m_seed;
  MeasureOptions m_options;
  const Workload* m_workload = nullptr;
  std::uint64_t m_size = 0;
  std::unique_ptr<CaseInput> m_input;
  std::unique_ptr<CaseOutput> m_reference;
};

}  // namespace hwbench::calibration
