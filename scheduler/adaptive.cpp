#include "scheduler/adaptive.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "core/registry.hpp"
#include "core/size_range.hpp"
#include "core/statistics.hpp"

namespace hwbench::scheduler {
namespace {

// A drift of one side against the other inside this factor is within the run-to-run spread of the
// small cases near a crossover: the crossover stays where calibration put it.
constexpr double kDriftBand = 1.25;
// Only cases within this factor of the job's crossover teach it: a ratio measured far from it (tiny
// cases dominated by fixed costs, say) says little about the sizes the decision is made at.
constexpr double kNearCrossover = 8;

nlohmann::json size_or_null(const std::optional<std::uint64_t>& size) {
  return size ? nlohmann::json(*size) : nlohmann::json(nullptr);
}

}  // namespace

AdaptiveRouter::AdaptiveRouter(Router router, std::size_t window)
    : m_router(router), m_calibrated(std::move(router)), m_window(std::max<std::size_t>(window, 1)) {}

double AdaptiveRouter::ratio(const JobKey& job, Side side) const {
  const auto it = m_ratios.find({job, side});
  if (it == m_ratios.end() || it->second.empty()) return 1.0;
  const std::vector<double> ratios(it->second.begin(), it->second.end());
  return quantile(ratios, 0.5);
}

std::vector<PlannedCase> AdaptiveRouter::plan(const Workload& w, std::uint64_t n,
                                              const std::vector<std::string>& variants) const {
  std::vector<PlannedCase> cases = m_router.plan(w, n, variants);
  for (PlannedCase& c : cases) {
    const JobKey job{std::string(w.name()), w.job(c.impl->variant)};
    c.route["adapt"] = {
        {"gpu_ratio", ratio(job, Side::gpu)}, {"cpu_ratio", ratio(job, Side::cpu)}, {"window", m_window}};
  }
  return cases;
}

std::optional<std::uint64_t> AdaptiveRouter::crossover(const Workload& w, const std::string& gpu_variant,
                                                       double gpu_ratio, double cpu_ratio) const {
  const calibration::WorkloadProfile* wp = m_calibrated.profile().find(w.name());
  if (wp == nullptr) return std::nullopt;
  const std::string cpu = Router::cpu_backend();
  const std::string job = w.job(gpu_variant);
  std::set<std::uint64_t> sizes;
  for (const auto& p : wp->curve) {
    if (Registry::instance().is_backend(p.backend, BackendKind::gpu) && p.variant == gpu_variant &&
        p.mode == Mode::e2e)
      sizes.insert(p.size);
  }
  // Walking down from the largest size, the GPU must win at every size to the threshold.
  std::optional<std::uint64_t> from;
  for (auto it = sizes.rbegin(); it != sizes.rend(); ++it) {
    const auto gpu_time =
        m_calibrated.expected_seconds(w.name(), backend_of(BackendKind::gpu), gpu_variant, Mode::e2e, *it);
    std::optional<double> cpu_time;
    for (const Implementation* i : Registry::instance().implementations(w.name())) {
      if (i->backend != cpu || w.job(i->variant) != job) continue;
      const auto t = m_calibrated.expected_seconds(w.name(), cpu, i->variant, Mode::host, *it);
      if (t && (!cpu_time || *t < *cpu_time)) cpu_time = t;
    }
    if (!gpu_time || !cpu_time || gpu_ratio * *gpu_time >= cpu_ratio * *cpu_time) break;
    from = *it;
  }
  return from;
}

void AdaptiveRouter::rethink(const Workload& w, const std::string& job, const std::string& after) {
  const JobKey key{std::string(w.name()), job};
  const double gpu_ratio = ratio(key, Side::gpu);
  const double cpu_ratio = ratio(key, Side::cpu);
  const std::string cpu = Router::cpu_backend();
  const calibration::WorkloadProfile* calibrated = m_calibrated.profile().find(w.name());
  const calibration::WorkloadProfile* current = m_router.profile().find(w.name());
  if (calibrated == nullptr || current == nullptr) return;
  for (const auto& vp : calibrated->variants) {
    if (w.job(vp.variant) != job || !vp.skipped.empty()) continue;
    const calibration::Threshold* original = vp.find(cpu, Mode::e2e);
    const calibration::VariantProfile* now_vp = current->find(vp.variant);
    const calibration::Threshold* now = now_vp != nullptr ? now_vp->find(cpu, Mode::e2e) : nullptr;
    if (original == nullptr || now == nullptr) continue;
    const auto scaled = crossover(w, vp.variant, gpu_ratio, cpu_ratio);
    const auto unscaled = crossover(w, vp.variant, 1.0, 1.0);
    const double relative = gpu_ratio / cpu_ratio;
    const bool drifted = relative > kDriftBand || relative < 1 / kDriftBand;
    const std::optional<std::uint64_t> target = !drifted || scaled == unscaled ? original->size : scaled;
    if (target == now->size) continue;
    m_moves.push_back({{"after", after},
                       {"workload", w.name()},
                       {"variant", vp.variant},
                       {"versus", cpu},
                       {"from", size_or_null(now->size)},
                       {"to", size_or_null(target)},
                       {"calibrated", size_or_null(original->size)},
                       {"gpu_ratio", gpu_ratio},
                       {"cpu_ratio", cpu_ratio}});
    m_router.move_threshold(w.name(), vp.variant, cpu, target);
  }
}

std::uint64_t AdaptiveRouter::crossover_now(const Workload& w, const std::string& job) const {
  const calibration::WorkloadProfile* wp = m_router.profile().find(w.name());
  if (wp == nullptr) return 0;
  std::optional<std::uint64_t> lowest;
  for (const auto& vp : wp->variants) {
    if (w.job(vp.variant) != job) continue;
    const calibration::Threshold* t = vp.find(Router::cpu_backend(), Mode::e2e);
    if (t != nullptr && t->size && (!lowest || *t->size < *lowest)) lowest = t->size;
  }
  // A job the CPU wins everywhere is decided at the largest calibrated size.
  return lowest ? *lowest : wp->max_size;
}

void AdaptiveRouter::observe(const CaseResult& r) {
  if (r.status != CaseStatus::ok || !r.route.is_object() || r.route.value("strategy", "") != "auto") return;
  const Workload* w = Registry::instance().find_workload(r.workload);
  if (w == nullptr || r.time.median <= 0) return;
  const auto expected = m_calibrated.expected_seconds(r.workload, r.backend, r.variant, r.mode, r.size);
  if (!expected || *expected <= 0) return;
  const std::string job = w->job(r.variant);
  const double size = static_cast<double>(r.size);
  const double at = static_cast<double>(crossover_now(*w, job));
  if (size < at / kNearCrossover || size > at * kNearCrossover) return;
  auto& window =
      m_ratios[{{r.workload, job},
                Registry::instance().is_backend(r.backend, BackendKind::gpu) ? Side::gpu : Side::cpu}];
  window.push_back(r.time.median / *expected);
  if (window.size() > m_window) window.pop_front();
  rethink(*w, job, r.name);
}

}  // namespace hwbench::scheduler
