#include "calibration/case_prober.hpp"

#include <fmt/format.h>

#include "core/registry.hpp"
#include "core/session.hpp"

namespace hwbench::calibration {

ProbeResult CaseProber::measure(const std::string& workload, const ProbeKey& key, int repetitions) {
  auto& registry = Registry::instance();
  ProbeResult out;
  const Workload* w = registry.find_workload(workload);
  Backend* backend = registry.find_backend(key.backend);
  const Implementation* impl = nullptr;
  for (const Implementation* i : registry.implementations(workload)) {
    if (i->backend == key.backend && i->variant == key.variant) impl = i;
  }
  if (w == nullptr || backend == nullptr || impl == nullptr) {
    out.skipped = true;
    out.reason = fmt::format("no implementation {}/{}/{}", workload, key.backend, key.variant);
    return out;
  }
  if (w != m_workload || key.size != m_size || !m_input) {
    m_input.reset();
    m_reference.reset();
    m_input = w->generate(key.size, m_seed);
    m_reference = w->reference(*m_input, reference_executor());
    m_workload = w;
    m_size = key.size;
  }
  MeasureOptions options = m_options;
  options.repetitions = repetitions;
  const CaseResult r = run_case({w, key.size, impl, backend, key.mode}, *m_input, *m_reference, options);
  out.ok = r.status == CaseStatus::ok;
  out.skipped = r.status == CaseStatus::skipped;
  out.mismatch = r.status == CaseStatus::failed;
  out.reason = r.reason;
  out.fault = r.fault;
  out.samples = r.samples;
  out.items = r.work.items;
  out.peak_device_bytes = r.peak_device_bytes;
  return out;
}

}  // namespace hwbench::calibration
