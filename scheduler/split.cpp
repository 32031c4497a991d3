#include "scheduler/split.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "core/size_range.hpp"
#include "scheduler/split_runner.hpp"

namespace hwbench::scheduler {
namespace {

nlohmann::json baseline_route(const Router& router, std::string_view backend) {
  return {{"strategy", "split"},
          {"role", "alone"},
          {"backend", backend},
          {"profile", router.profile().machine.fingerprint},
          {"reason", "the backend alone, to measure the split's gain"}};
}

}  // namespace

std::optional<double> Splitter::gpu_share(const Workload& w, const Implementation& gpu,
                                          const Implementation& cpu, std::uint64_t n) const {
  const auto gpu_time = m_router.expected_seconds(w.name(), gpu.backend, gpu.variant, Mode::e2e, n);
  const auto cpu_time = m_router.expected_seconds(w.name(), cpu.backend, cpu.variant, Mode::host, n);
  if (gpu_time && cpu_time && *gpu_time > 0 && *cpu_time > 0) return *cpu_time / (*cpu_time + *gpu_time);
  const calibration::WorkloadProfile* wp = m_router.profile().find(w.name());
  const calibration::VariantProfile* vp = wp != nullptr ? wp->find(gpu.variant) : nullptr;
  if (vp != nullptr && vp->split) return vp->split->gpu_fraction;
  return std::nullopt;
}

std::vector<PlannedCase> Splitter::plan(const Workload& w, std::uint64_t n,
                                        const std::vector<std::string>& variants) {
  auto& registry = Registry::instance();
  Backend* gpu = registry.find_backend(BackendKind::gpu);
  Backend* cpu = registry.find_backend(BackendKind::cpu_parallel);
  std::vector<PlannedCase> out;
  for (PlannedCase& routed : m_router.plan(w, n, variants)) {
    const std::string job = w.job(routed.impl->variant);
    const auto gpu_candidates = implementations_of(w, job, backend_of(BackendKind::gpu), variants);
    const auto cpu_candidates = implementations_of(w, job, backend_of(BackendKind::cpu_parallel), variants);
    std::string why_not;
    std::optional<double> share;
    const Implementation* g = m_router.fastest(w, gpu_candidates, Mode::e2e, n);
    const Implementation* c = m_router.fastest(w, cpu_candidates, Mode::host, n);
    if (!w.divisible(job)) {
      why_not = "its batches do not divide";
    } else if (g == nullptr || c == nullptr) {
      why_not = fmt::format("it needs both a {} and a {} implementation", backend_of(BackendKind::gpu),
                            backend_of(BackendKind::cpu_parallel));
    } else if (!usable(gpu) || !usable(cpu)) {
      why_not = fmt::format("{} is unavailable: {}", backend_of(BackendKind::gpu),
                            gpu != nullptr ? gpu->unavailable_reason() : "not built");
    } else if (share = gpu_share(w, *g, *c, n); !share) {
      why_not = "the profile has no throughputs for it";
    } else if (*share < kMinSplitShare || *share > 1 - kMinSplitShare) {
      why_not = fmt::format("the profile gives the GPU {:.1f}% of the items", 100 * *share);
    }
    if (!why_not.empty()) {
      routed.route["strategy"] = "split";
      routed.route["reason"] =
          fmt::format("not split ({}): {}", why_not, routed.route.value("reason", std::string()));
      out.push_back(std::move(routed));
      continue;
    }
    const Implementation& impl = m_implementations.emplace_back(Implementation{
        std::string(w.name()), std::string(kSplitBackend), fmt::format("{}+{}", g->variant, c->variant),
        fmt::format("{:.1f}% of the items on {}/{} end to end and the rest on {}/{}, at once", 100 * *share,
                    g->backend, g->variant, c->backend, c->variant),
        [&w, g, c, gpu, cpu, f = *share](const CaseInput& input,
                                         const ExecContext&) -> std::unique_ptr<Runner> {
          const std::uint64_t items = w.batch_items(input);
          const auto head = std::clamp<std::uint64_t>(std::llround(f * static_cast<double>(items)), 1,
                                                      items > 1 ? items - 1 : 1);
          // The GPU side's thread feeds the device and waits on it: it keeps a core of its own.
          const int cpu_threads = std::max(1, cpu->executor().concurrency() - 1);
          return std::make_unique<SplitRunner>(w, input, head, SplitSide{g, gpu, Mode::e2e},
                                               SplitSide{c, cpu, Mode::host, cpu_threads}, true);
        }});
    PlannedCase split{&w, n, &impl, gpu, Mode::e2e};
    split.route = {{"strategy", "split"},
                   {"role", "split"},
                   {"backend", kSplitBackend},
                   {"profile", m_router.profile().machine.fingerprint},
                   {"gpu_share", *share},
                   {"reason", fmt::format("{:.1f}% of the items to {}/{}, the rest to {}/{}: both "
                                          "finish together by the profile's throughputs at {}",
                                          100 * *share, g->backend, g->variant, c->backend, c->variant,
                                          format_size(n))}};
    split.fallback = std::make_shared<const PlannedCase>(PlannedCase{&w, n, c, cpu, Mode::host});
    PlannedCase cpu_alone{&w, n, c, cpu, Mode::host};
    cpu_alone.route = baseline_route(m_router, backend_of(BackendKind::cpu_parallel));
    PlannedCase gpu_alone{&w, n, g, gpu, Mode::e2e};
    gpu_alone.route = baseline_route(m_router, backend_of(BackendKind::gpu));
    gpu_alone.fallback = split.fallback;
    split.route["compared_with"] = {case_name(cpu_alone), case_name(gpu_alone)};
    out.push_back(std::move(cpu_alone));
    out.push_back(std::move(gpu_alone));
    out.push_back(std::move(split));
  }
  return out;
}

std::vector<std::string> record_split_gains(std::vector<CaseResult>& cases) {
  auto role = [](const CaseResult& r) {
    return r.route.is_object() ? r.route.value("role", std::string()) : std::string();
  };
  std::vector<std::string> lines;
  for (CaseResult& s : cases) {
    if (role(s) != "split" || s.backend != kSplitBackend) continue;
    if (s.status != CaseStatus::ok) {
      lines.push_back(fmt::format("split: {}: {}", s.name, s.reason));
      continue;
    }
    const nlohmann::json partners = s.route.value("compared_with", nlohmann::json::array());
    const CaseResult* best = nullptr;
    for (const CaseResult& a : cases) {
      if (role(a) != "alone" || a.status != CaseStatus::ok) continue;
      if (std::find(partners.begin(), partners.end(), a.name) == partners.end()) continue;
      if (best == nullptr || a.time.median < best->time.median) best = &a;
    }
    if (best == nullptr) {
      lines.push_back(fmt::format("split: {}: no backend alone completed to compare with", s.name));
      continue;
    }
    const double gain = best->time.median / s.time.median;
    s.route["gain"] = gain;
    s.route["faster_alone"] = best->name;
    lines.push_back(fmt::format("split: {}: {:.4g} s, {:.2f}x the faster alone ({}: {:.4g} s){}", s.name,
                                s.time.median, gain, best->name, best->time.median,
                                gain > 1 ? "" : " - no gain"));
  }
  return lines;
}

}  // namespace hwbench::scheduler
