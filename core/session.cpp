#include "core/session.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <exception>

#include "core/dump.hpp"
#include "core/error.hpp"
#include "core/gpu_telemetry.hpp"
#include "core/host_info.hpp"
#include "core/progress.hpp"
#include "core/registry.hpp"
#include "core/size_range.hpp"

namespace hwbench {
namespace {

// Often enough to see a clock or power change within a repetition of the default 0.1 s.
constexpr std::chrono::milliseconds kTelemetryPeriod{20};

bool selected(const std::vector<std::string>& filter, const std::string& name) {
  return filter.empty() || std::find(filter.begin(), filter.end(), name) != filter.end();
}

std::vector<std::uint64_t> sizes_for(const RunPlan& plan, const Workload& w) {
  if (plan.sizes) return *plan.sizes;
  return plan.quick ? w.quick_sizes() : w.default_sizes();
}

// The axes' combinations a workload runs with: one point (as set) without axes.
std::vector<std::shared_ptr<const ParameterValues>> points_for(const RunPlan& plan, const Workload& w) {
  std::vector<std::shared_ptr<const ParameterValues>> out;
  if (const auto it = plan.points.find(&w); it != plan.points.end()) {
    for (const ParameterValues& p : it->second) out.push_back(std::make_shared<const ParameterValues>(p));
  }
  if (out.empty()) out.push_back(nullptr);
  return out;
}

void apply(const Workload& w, const std::shared_ptr<const ParameterValues>& point) {
  if (point) apply_parameters(w, *point);
}

std::vector<PlannedCase> plan_cases(const RunPlan& plan) {
  auto& registry = Registry::instance();
  std::vector<PlannedCase> cases;
  for (const Workload* w : plan.workloads) {
    for (const auto& point : points_for(plan, *w)) {
      apply(*w, point);
      for (std::uint64_t n : sizes_for(plan, *w)) {
        const std::size_t first = cases.size();
        if (plan.route) {
          for (PlannedCase& c : plan.route(*w, n)) cases.push_back(std::move(c));
        } else {
          for (const Implementation* impl : registry.implementations(w->name())) {
            if (!selected(plan.backends, impl->backend) || !selected(plan.variants, impl->variant)) continue;
            Backend* backend = registry.find_backend(impl->backend);
            if (backend == nullptr) continue;
            for (Mode mode : backend->modes()) cases.push_back({w, n, impl, backend, mode});
          }
        }
        for (std::size_t i = first; i < cases.size(); ++i) cases[i].parameters = point;
      }
    }
  }
  return cases;
}

// What a case's progress line and dump folder add to its name for the axes' values.
std::string point_text(const PlannedCase& c, std::string_view separator) {
  std::string out;
  if (!c.parameters) return out;
  for (const auto& [name, value] : *c.parameters) out += fmt::format("{}{}={}", separator, name, value);
  return out;
}

// A folder name's characters: a ratio's slash or anything else a path would read otherwise becomes '_'.
std::string folder_safe(std::string text) {
  for (char& ch : text) {
    const bool plain = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                       ch == '-' || ch == '_' || ch == '=' || ch == '.';
    if (!plain) ch = '_';
  }
  return text;
}

void add_throughput(CaseResult& r, Backend& backend) {
  const double t = r.time.median;
  if (t <= 0) return;
  r.items_per_second = static_cast<double>(r.work.items) / t;
  r.bytes_per_second = static_cast<double>(r.work.bytes) / t;
  for (const auto& [name, count] : r.work.counts) r.rates[name] = static_cast<double>(count) / t;
  if (r.work.bandwidth_bound && r.mode == Mode::device && backend.theoretical_bandwidth() > 0) {
    r.percent_of_peak_bandwidth =
        100.0 * static_cast<double>(r.work.bytes_moved) / t / backend.theoretical_bandwidth();
  }
  if (r.mode == Mode::e2e) {
    // The copy rate of this case's own pinned buffers, its upload stage run alone; the backend's
    // probe (a separate buffer) only where the runner reports no stages.
    double h2d = backend.host_to_device_bandwidth();
    for (const Phase& p : r.phases) {
      if (p.name == "h2d" && p.seconds > 0) h2d = static_cast<double>(r.work.bytes_in) / p.seconds;
    }
    if (h2d > 0) r.percent_of_h2d_bandwidth = 100.0 * static_cast<double>(r.work.bytes_in) / t / h2d;
  }
}

}  // namespace

std::string case_name(const PlannedCase& c) {
  return fmt::format("{}/{}/{}/{}/{}", c.workload->name(), c.impl->backend, c.impl->variant,
                     to_string(c.mode), c.size);
}

CaseResult run_case(const PlannedCase& c, const CaseInput& input, const CaseOutput& reference,
                    const MeasureOptions& options, DumpWriter* dump, FaultInjector* faults) {
  const auto begin = std::chrono::steady_clock::now();
  CaseResult r;
  r.workload = std::string(c.workload->name());
  r.backend = c.impl->backend;
  r.variant = c.impl->variant;
  r.mode = c.mode;
  r.size = c.size;
  r.unit = std::string(c.workload->unit());
  r.parameters = c.workload->parameters();
  r.name = case_name(c);
  r.work = c.workload->work(c.size);
  r.route = c.route;

  const std::string unavailable = c.backend->unavailable_reason();
  if (!unavailable.empty()) {
    r.status = CaseStatus::skipped;
    r.reason = unavailable;
    return r;
  }
  // The copy-rate probe runs before an end-to-end case, not inside its memory and timing window.
  if (c.mode == Mode::e2e) c.backend->host_to_device_bandwidth();
  reset_peak_host_bytes();
  c.backend->reset_peak_device_bytes();
  try {
    if (faults != nullptr && !c.backend->pci_bus_id().empty()) faults->before_case(r.name);
    const ExecContext ctx{*c.backend, c.mode, c.backend->executor()};
    std::unique_ptr<Runner> runner = c.impl->make(input, ctx);
    r.device_timed = runner->device_timed();
    if (auto work = runner->work()) r.work = std::move(*work);
    std::unique_ptr<TelemetrySampler> sampler;
    if (const std::string bus = c.backend->pci_bus_id(); !bus.empty()) {
      std::string why_not;
      sampler = TelemetrySampler::start(bus, kTelemetryPeriod, why_not);
      if (!sampler) r.telemetry = {{"unavailable", why_not}};
    }
    Measurement m = measure(r.name, *runner, r.work, options);
    if (sampler)
      r.telemetry = telemetry_json(sampler->stop(), sampler->default_sm_clock_mhz(), sampler->period());
    if (!m.error.empty()) throw std::runtime_error(m.error);
    r.samples = std::move(m.samples);
    r.iterations = std::move(m.iterations);
    r.cpu_samples = std::move(m.cpu_samples);
    r.time = summarize(r.samples);
    const auto got = runner->result();
    r.verification = c.workload->verify(input, reference, *got);
    r.status = r.verification.ok ? CaseStatus::ok : CaseStatus::failed;
    if (!r.verification.ok) r.reason = r.verification.detail;
    r.phases = runner->phases();
    r.notes = runner->notes();
    if (dump != nullptr) {
      c.workload->dump_output(*got, *dump,
                              fmt::format("output-{}-{}-{}", r.backend, r.variant, to_string(r.mode)));
    }
    add_throughput(r, *c.backend);
  } catch (const SkipCase& e) {
    r.status = CaseStatus::skipped;
    r.reason = e.what();
  } catch (const GpuError& e) {
    r.status = CaseStatus::error;
    r.reason = e.what();
    r.fault = std::string(to_string(e.fault()));
  } catch (const std::exception& e) {
    r.status = CaseStatus::error;
    r.reason = e.what();
  }
  r.peak_host_bytes = peak_host_bytes();
  r.peak_device_bytes = c.backend->peak_device_bytes();
  r.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  return r;
}

const Executor& reference_executor() {
  if (Backend* tbb = Registry::instance().find_backend(BackendKind::cpu_parallel);
      tbb && tbb->unavailable_reason().empty()) {
    return tbb->executor();
  }
  return serial_executor();
}

SessionOutput run_session(const RunPlan& plan) {
  std::vector<PlannedCase> cases = plan_cases(plan);
  SessionOutput out;
  const auto sizes = [&cases] {
    std::vector<std::uint64_t> out;
    for (const auto& c : cases) out.push_back(c.size);
    return out;
  };
  Progress progress(sizes(), plan.progress);
  std::size_t i = 0;
  while (i < cases.size()) {
    // Cases of one workload and size share one generated input and one reference.
    std::size_t j = i;
    while (j < cases.size() && cases[j].workload == cases[i].workload && cases[j].size == cases[i].size &&
           cases[j].parameters == cases[i].parameters)
      ++j;
    const Workload& w = *cases[i].workload;
    const auto point = cases[i].parameters;
    apply(w, point);
    if (plan.route && plan.route_late) {
      std::vector<PlannedCase> now = plan.route(w, cases[i].size);
      for (PlannedCase& c : now) c.parameters = point;
      const auto at = cases.erase(cases.begin() + static_cast<std::ptrdiff_t>(i),
                                  cases.begin() + static_cast<std::ptrdiff_t>(j));
      j = i + now.size();
      cases.insert(at, std::make_move_iterator(now.begin()), std::make_move_iterator(now.end()));
      progress.replan(sizes());
      if (now.empty()) continue;
    }
    const auto input = w.generate(cases[i].size, plan.seed);
    const auto reference = w.reference(*input, reference_executor());
    std::unique_ptr<DumpWriter> dump;
    if (plan.dump_folder) {
      dump = std::make_unique<DumpWriter>(
          *plan.dump_folder /
          folder_safe(fmt::format("{}-{}{}", w.name(), cases[i].size, point_text(cases[i], "-"))));
      dump->note("workload", std::string(w.name()));
      dump->note("size", cases[i].size);
      dump->note("seed", plan.seed);
      dump->note("parameters", w.parameters());
      w.dump_input(*input, *dump);
      w.dump_output(*reference, *dump, "reference");
    }
    const CaseRunner runner = [&](const PlannedCase& c) {
      return run_case(c, *input, *reference, plan.measure, dump.get(), plan.faults.get());
    };
    for (; i < j; ++i) {
      progress.start(i, case_name(cases[i]) + point_text(cases[i], " "));
      out.cases.push_back(plan.execute ? plan.execute(cases[i], runner) : runner(cases[i]));
      if (plan.observe) plan.observe(out.cases.back());
      progress.finish(i, out.cases.back(), point_text(cases[i], " "));
    }
    if (dump) dump->finish();
  }
  return out;
}

}  // namespace hwbench
