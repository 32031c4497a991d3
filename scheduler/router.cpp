#include "scheduler/router.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "core/error.hpp"
#include "core/registry.hpp"
#include "core/size_range.hpp"

namespace hwbench::scheduler {

bool usable(const Backend* backend) { return backend != nullptr && backend->unavailable_reason().empty(); }

std::vector<const Implementation*> implementations_of(const Workload& w, std::string_view job,
                                                      std::string_view backend,
                                                      const std::vector<std::string>& variants) {
  std::vector<const Implementation*> out;
  for (const Implementation* i : Registry::instance().implementations(w.name())) {
    if (i->backend != backend || w.job(i->variant) != job) continue;
    if (variants.empty() || std::find(variants.begin(), variants.end(), i->variant) != variants.end())
      out.push_back(i);
  }
  return out;
}

namespace {

constexpr Mode kRoutedMode = Mode::e2e;

std::string describe(const calibration::Threshold& t) {
  using calibration::CrossoverKind;
  switch (t.kind) {
    case CrossoverKind::crossover:
      return fmt::format("crossover {} against {}", format_size(*t.size), t.cpu_backend);
    case CrossoverKind::gpu_everywhere:
      return fmt::format("GPU faster than {} at every calibrated size", t.cpu_backend);
    case CrossoverKind::cpu_everywhere:
      return fmt::format("{} faster at every calibrated size (to {})", t.cpu_backend, format_size(t.below));
    case CrossoverKind::incomplete:
      return t.size ? fmt::format("crossover {} or less against {} (calibration cut short)",
                                  format_size(*t.size), t.cpu_backend)
                    : fmt::format("calibration against {} cut short", t.cpu_backend);
  }
  return "?";
}

}  // namespace

// A verdict's threshold for ordering (none: past every size).
std::uint64_t Router::threshold_of(const GpuVerdict& v) {
  const auto it = v.facts.find("threshold");
  return it != v.facts.end() && it->is_number_unsigned() ? it->get<std::uint64_t>() : UINT64_MAX;
}

Router::GpuVerdict Router::judge(const Workload& w, const std::string& variant, std::uint64_t n) const {
  GpuVerdict v;
  const calibration::WorkloadProfile* wp = m_profile.find(w.name());
  const calibration::VariantProfile* vp = wp != nullptr ? wp->find(variant) : nullptr;
  if (vp == nullptr) {
    v.reason = fmt::format("GPU variant {} not in the profile (calibrate this workload)", variant);
    return v;
  }
  if (!vp->skipped.empty()) {
    v.reason = fmt::format("the GPU could not run {} when calibrated: {}", variant, vp->skipped);
    return v;
  }
  const std::string cpu = cpu_backend();
  const calibration::Threshold* t = vp->find(cpu, kRoutedMode);
  if (t == nullptr) {
    v.reason = fmt::format("no end-to-end threshold for {} against {} in the profile", variant, cpu);
    return v;
  }
  v.facts = {{"threshold", t->size ? nlohmann::json(*t->size) : nlohmann::json(nullptr)},
             {"versus", t->cpu_backend}};
  const std::string why = describe(*t);
  if (!t->size || n < *t->size) {
    v.reason = fmt::format("size {} under the GPU's range: {}", format_size(n), why);
    return v;
  }
  if (vp->max_gpu_size && n > *vp->max_gpu_size) {
    v.reason = fmt::format("size {} over the GPU memory limit (at most {})", format_size(n),
                           format_size(*vp->max_gpu_size));
    return v;
  }
  v.gpu = true;
  v.reason = fmt::format("size {} in the GPU's range: {}{}", format_size(n), why,
                         n > wp->max_size ? " (beyond the calibrated sizes)" : "");
  return v;
}

std::optional<double> Router::expected_seconds(std::string_view workload, std::string_view backend,
                                               const std::string& variant, Mode mode, std::uint64_t n) const {
  const calibration::WorkloadProfile* wp = m_profile.find(workload);
  if (wp == nullptr) return std::nullopt;
  // The measured points nearest under and over n.
  const calibration::CurvePoint* under = nullptr;
  const calibration::CurvePoint* over = nullptr;
  for (const auto& p : wp->curve) {
    if (p.backend != backend || p.variant != variant || p.mode != mode || p.size == 0 ||
        p.median_seconds <= 0)
      continue;
    if (p.size <= n && (under == nullptr || p.size > under->size)) under = &p;
    if (p.size >= n && (over == nullptr || p.size < over->size)) over = &p;
  }
  if (under == nullptr && over == nullptr) return std::nullopt;
  const double size = static_cast<double>(n);
  // Inside the measured range: straight between the two points on log-log axes (a GPU's fixed costs
  // make its curve flat at small sizes, so scaling one point linearly would overstate its time).
  if (under != nullptr && over != nullptr) {
    if (under->size == over->size) return under->median_seconds;
    const double x = std::log(size / static_cast<double>(under->size)) /
                     std::log(static_cast<double>(over->size) / static_cast<double>(under->size));
    return std::exp(std::log(under->median_seconds) +
                    x * (std::log(over->median_seconds) - std::log(under->median_seconds)));
  }
  // Outside it: the end point scaled linearly with the size.
  const calibration::CurvePoint& end = under != nullptr ? *under : *over;
  return end.median_seconds * size / static_cast<double>(end.size);
}

bool Router::move_threshold(std::string_view workload, std::string_view gpu_variant,
                            std::string_view cpu_backend, std::optional<std::uint64_t> size) {
  for (auto& wp : m_profile.workloads) {
    if (wp.workload != workload) continue;
    for (auto& vp : wp.variants) {
      if (vp.variant != gpu_variant) continue;
      for (auto& t : vp.thresholds) {
        if (t.cpu_backend != cpu_backend || t.mode != kRoutedMode) continue;
        t.size = size;
        t.kind = size ? calibration::CrossoverKind::crossover : calibration::CrossoverKind::cpu_everywhere;
        if (!size) t.below = wp.max_size;
        return true;
      }
    }
  }
  return false;
}

std::string backend_of(BackendKind kind) { return Registry::instance().backend_name(kind); }

std::string Router::cpu_backend() {
  return backend_of(usable(Registry::instance().find_backend(BackendKind::cpu_parallel))
                        ? BackendKind::cpu_parallel
                        : BackendKind::cpu_serial);
}

const Implementation* Router::fastest(const Workload& w, const std::vector<const Implementation*>& candidates,
                                      Mode mode, std::uint64_t n) const {
  const Implementation* best = nullptr;
  std::optional<double> best_time;
  for (const Implementation* i : candidates) {
    const auto t = expected_seconds(w.name(), i->backend, i->variant, mode, n);
    if (best == nullptr || (t && (!best_time || *t < *best_time))) {
      best = i;
      best_time = t;
    }
  }
  return best;
}

std::vector<PlannedCase> Router::plan(const Workload& w, std::uint64_t n,
                                      const std::vector<std::string>& variants) const {
  auto& registry = Registry::instance();
  Backend* gpu = registry.find_backend(BackendKind::gpu);
  Backend* cpu = registry.find_backend(cpu_backend());
  auto taken = [&](const std::string& v) {
    return variants.empty() || std::find(variants.begin(), variants.end(), v) != variants.end();
  };
  // The jobs, in the order their first variant is registered.
  std::vector<std::string> jobs;
  for (const Implementation* i : registry.implementations(w.name())) {
    if (taken(i->variant) && std::find(jobs.begin(), jobs.end(), w.job(i->variant)) == jobs.end())
      jobs.push_back(w.job(i->variant));
  }
  auto fastest = [&](const std::vector<const Implementation*>& candidates, Mode mode) {
    return this->fastest(w, candidates, mode, n);
  };

  std::vector<PlannedCase> out;
  for (const std::string& job : jobs) {
    std::vector<const Implementation*> gpu_candidates;
    const std::vector<const Implementation*> cpu_candidates =
        cpu != nullptr ? implementations_of(w, job, backend_of(BackendKind::cpu_parallel), variants)
                       : std::vector<const Implementation*>{};
    std::map<const Implementation*, GpuVerdict> verdicts;
    // Of the GPU variants that leave the job on the CPU, the one with the lowest threshold.
    const GpuVerdict* closest = nullptr;
    for (const Implementation* i : implementations_of(w, job, backend_of(BackendKind::gpu), variants)) {
      const GpuVerdict& v = verdicts[i] = judge(w, i->variant, n);
      if (v.gpu) {
        gpu_candidates.push_back(i);
      } else if (closest == nullptr || threshold_of(v) < threshold_of(*closest)) {
        closest = &v;
      }
    }
    nlohmann::json record = {{"strategy", "auto"}, {"profile", m_profile.machine.fingerprint}};
    const Implementation* gpu_choice = fastest(gpu_candidates, kRoutedMode);
    const GpuVerdict* verdict = gpu_choice != nullptr ? &verdicts.at(gpu_choice) : closest;
    std::string reason = verdict != nullptr ? verdict->reason : "no GPU implementation of this job";
    if (verdict != nullptr) record.update(verdict->facts);
    if (gpu_choice != nullptr && usable(gpu)) {
      const Implementation* chosen = gpu_choice;
      record["backend"] = gpu->name();
      record["reason"] = reason;
      PlannedCase c{&w, n, chosen, gpu, kRoutedMode};
      c.route = std::move(record);
      if (const Implementation* cpu_choice = fastest(cpu_candidates, Mode::host)) {
        c.fallback = std::make_shared<const PlannedCase>(PlannedCase{&w, n, cpu_choice, cpu, Mode::host});
      }
      out.push_back(std::move(c));
      continue;
    }
    if (gpu_choice != nullptr) {
      record["fallback"] = gpu != nullptr ? gpu->unavailable_reason() : "no cuda backend";
      reason = fmt::format("{}, but cuda is unavailable: {}", reason, record["fallback"].get<std::string>());
    }
    const Implementation* chosen = fastest(cpu_candidates, Mode::host);
    if (chosen == nullptr) continue;
    record["backend"] = cpu->name();
    record["reason"] = reason;
    PlannedCase c{&w, n, chosen, cpu, Mode::host};
    c.route = std::move(record);
    out.push_back(std::move(c));
  }
  return out;
}

calibration::Profile load_profile(const std::optional<std::filesystem::path>& path,
                                  std::vector<std::string>& warnings) {
  const calibration::Machine here = calibration::this_machine();
  const std::filesystem::path file = path ? *path : calibration::default_profile_path(here);
  if (!path && !std::filesystem::exists(file)) {
    throw UsageError(
        fmt::format("--backend auto: no profile for this machine ({}); run `hwbench calibrate` here "
                    "or pass --profile FILE",
                    file.string()));
  }
  calibration::Profile profile = calibration::read_profile(file);
  if (profile.machine.fingerprint != here.fingerprint) {
    throw UsageError(fmt::format("{}: profile of another machine ({}; this one is {}); calibrate here",
                                 file.string(), profile.machine.fingerprint, here.fingerprint));
  }
  for (const auto& d : calibration::machine_differences(profile.machine, here)) {
    warnings.push_back(fmt::format("{}: {}; its thresholds may be off (recalibrate)", file.string(), d));
  }
  return profile;
}

}  // namespace hwbench::scheduler
