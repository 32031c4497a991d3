#include "calibration/calibrate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "core/error.hpp"
#include "core/gpu_error.hpp"
#include "core/registry.hpp"
#include "core/statistics.hpp"
#include "core/workload.hpp"
#include "report/console.hpp"

namespace hwbench::calibration {
namespace {

std::string backend_of(BackendKind kind) { return Registry::instance().backend_name(kind); }
// The CPU backends a GPU variant is weighed against, the parallel one first.
constexpr BackendKind kCpuKinds[] = {BackendKind::cpu_parallel, BackendKind::cpu_serial};
constexpr Mode kGpuModes[] = {Mode::device, Mode::e2e};
constexpr std::uint64_t kBelowDefaults = 64;

// The GPU cannot run a variant at all here (thrown at the smallest size).
struct VariantSkipped {
  std::string reason;
};

struct Entry {
  ProbeResult result;
  bool measured = false;
};

double median_of(const ProbeResult& r) { return quantile(r.samples, 0.5); }

class Calibration {
 public:
  Calibration(const Subject& subject, Prober& prober, const Settings& settings, Clock::time_point deadline,
              const std::function<void(const std::string&)>& log)
      : m_subject(subject), m_prober(prober), m_settings(settings), m_deadline(deadline), m_log(log) {}

  Calibrated run() {
    Calibrated out;
    WorkloadProfile& w = out.profile;
    w.workload = m_subject.workload;
    w.parameters = m_subject.parameters;
    if (!m_subject.grid.empty()) {
      w.min_size = m_subject.grid.front();
      w.max_size = m_subject.grid.back();
    }
    w.skipped = m_subject.skipped;
    if (w.skipped.empty() && m_subject.grid.empty()) w.skipped = "no size to calibrate";
    if (!w.skipped.empty()) return out;
    for (const std::string& variant : m_subject.gpu_variants)
      w.variants.push_back(calibrate_variant(variant));
    for (const auto& [key, entry] : m_cache) {
      if (!entry.result.ok || entry.result.samples.empty()) continue;
      const Summary s = summarize(entry.result.samples);
      w.curve.push_back({key.backend, key.variant, key.mode, key.size, s.median, s.relative_spread(),
                         s.median > 0 ? static_cast<double>(entry.result.items) / s.median : 0,
                         entry.result.peak_device_bytes, static_cast<int>(entry.result.samples.size())});
    }
    out.failures = std::move(m_failures);
    return out;
  }

 private:
  const std::map<std::string, std::vector<std::string>>& cpu_variants(const std::string& gpu_variant) const {
    static const std::map<std::string, std::vector<std::string>> none;
    const auto it = m_subject.cpu_variants.find(gpu_variant);
    return it == m_subject.cpu_variants.end() ? none : it->second;
  }

  VariantProfile calibrate_variant(const std::string& variant) {
    VariantProfile v;
    v.variant = variant;
    std::set<std::string> jobs;
    for (const auto& [backend, names] : cpu_variants(variant)) jobs.insert(names.begin(), names.end());
    v.cpu_variants.assign(jobs.begin(), jobs.end());
    try {
      for (Mode mode : kGpuModes) {
        for (const BackendKind kind : kCpuKinds) {
          const std::string backend = backend_of(kind);
          const auto& candidates = cpu_variants(variant);
          const auto it = candidates.find(backend);
          if (it == candidates.end() || it->second.empty()) continue;
          const Crossover c = find_crossover(m_subject.grid, m_settings.coarse_stride, [&](std::uint64_t n) {
            return outcome(variant, mode, it->first, n);
          });
          v.thresholds.push_back({it->first, mode, c.kind, c.size, c.below});
          m_log(fmt::format("{} {} {} vs {}: {}{}", m_subject.workload, variant, to_string(mode), backend,
                            to_string(c.kind), c.size ? fmt::format(" from {}", *c.size) : ""));
        }
      }
    } catch (const VariantSkipped& e) {
      v.skipped = e.reason;
      v.thresholds.clear();
      return v;
    }
    v.split = split(variant);
    v.max_gpu_size = max_gpu_size(variant);
    return v;
  }

  // The case's results with at least `repetitions` samples, measured as needed.
  const ProbeResult& get(const ProbeKey& key, int repetitions) {
    Entry& e = m_cache[key];
    if (e.measured && (!e.result.ok || static_cast<int>(e.result.samples.size()) >= repetitions))
      return e.result;
    if (Clock::now() >= m_deadline) throw BudgetSpent{};
    const int more = repetitions - static_cast<int>(e.result.samples.size());
    ProbeResult r = m_prober.measure(m_subject.workload, key, std::max(more, 1));
    if (e.measured && r.ok) {
      e.result.samples.insert(e.result.samples.end(), r.samples.begin(), r.samples.end());
      e.result.peak_device_bytes = std::max(e.result.peak_device_bytes, r.peak_device_bytes);
    } else {
      e.result = std::move(r);
    }
    if (!e.measured && !e.result.ok && !e.result.skipped &&
        e.result.fault != to_string(GpuFault::out_of_memory)) {
      m_failures.push_back(fmt::format("{}/{}/{}/{}/{}: {}", m_subject.workload, key.backend, key.variant,
                                       to_string(key.mode), key.size, e.result.reason));
    }
    e.measured = true;
    return e.result;
  }

  // The CPU's time at n projected linearly from the largest size under n measured, if any.
  std::optional<double> projected(const ProbeKey& key) const {
    std::optional<double> out;
    for (const auto& [k, e] : m_cache) {
      if (k.backend != key.backend || k.variant != key.variant || k.mode != key.mode || k.size >= key.size)
        continue;
      if (!e.result.ok || e.result.samples.empty()) continue;
      out = median_of(e.result) * static_cast<double>(key.size) / static_cast<double>(k.size);
    }
    return out;
  }

  Outcome outcome(const std::string& variant, Mode mode, const std::string& cpu_backend, std::uint64_t n) {
    int reps = m_settings.repetitions;
    const ProbeKey gpu_key{backend_of(BackendKind::gpu), variant, mode, n};
    const ProbeResult& gpu = get(gpu_key, reps);
    if (gpu.skipped && n == m_subject.grid.front()) throw VariantSkipped{gpu.reason};
    if (!gpu.ok) {
      m_log(fmt::format("  {} {} {} @{}: the GPU case did not run ({})", m_subject.workload, variant,
                        to_string(mode), n, gpu.reason));
      return Outcome::cpu_faster;
    }
    const double gpu_median = median_of(gpu);
    // The CPU variants of the job that are measured here, and whether one was left out as far slower.
    std::vector<ProbeKey> measured;
    bool projected_slower = false;
    for (const std::string& c : cpu_variants(variant).at(cpu_backend)) {
      const ProbeKey key{cpu_backend, c, Mode::host, n};
      const auto it = m_cache.find(key);
      const bool have = it != m_cache.end() && it->second.measured;
      if (!have) {
        const auto p = projected(key);
        if (p && *p > m_settings.max_cpu_iteration_seconds && 2 * gpu_median < *p) {
          projected_slower = true;
          continue;
        }
      }
      if (get(key, reps).ok) measured.push_back(key);
    }
    if (measured.empty()) {
      const Outcome o = projected_slower ? Outcome::gpu_faster : Outcome::tie;
      m_log(fmt::format("  {} {} {} vs {} @{}: {} (CPU {})", m_subject.workload, variant, to_string(mode),
                        cpu_backend, n, to_string(o), projected_slower ? "projected" : "did not run"));
      return o;
    }
    auto best_cpu = [&]() -> const ProbeResult& {
      const ProbeResult* best = nullptr;
      for (const auto& key : measured) {
        const ProbeResult& r = m_cache.at(key).result;
        if (best == nullptr || median_of(r) < median_of(*best)) best = &r;
      }
      return *best;
    };
    Outcome o = decide(m_cache.at(gpu_key).result.samples, best_cpu().samples, m_settings.alpha);
    while (o == Outcome::tie && reps < m_settings.max_repetitions) {
      reps = std::min(2 * reps, m_settings.max_repetitions);
      get(gpu_key, reps);
      for (const auto& key : measured) get(key, reps);
      o = decide(m_cache.at(gpu_key).result.samples, best_cpu().samples, m_settings.alpha);
    }
    const ProbeResult& cpu = best_cpu();
    m_log(fmt::format("  {} {} {} vs {} @{}: {} (GPU {}, CPU {}; {}+{} repetitions)", m_subject.workload,
                      variant, to_string(mode), cpu_backend, n, to_string(o),
                      format_seconds(median_of(m_cache.at(gpu_key).result)), format_seconds(median_of(cpu)),
                      m_cache.at(gpu_key).result.samples.size(), cpu.samples.size()));
    return o;
  }

  std::optional<Split> split(const std::string& variant) const {
    const auto& candidates = cpu_variants(variant);
    const std::string parallel = backend_of(BackendKind::cpu_parallel), gpu = backend_of(BackendKind::gpu);
    const auto tbb = candidates.find(parallel);
    if (tbb == candidates.end()) return std::nullopt;
    std::optional<Split> best;
    for (const auto& [key, e] : m_cache) {
      if (key.backend != gpu || key.variant != variant || key.mode != Mode::e2e || !e.result.ok) continue;
      if (best && best->size > key.size) continue;
      const double g = static_cast<double>(e.result.items) / median_of(e.result);
      for (const std::string& c : tbb->second) {
        const auto it = m_cache.find({parallel, c, Mode::host, key.size});
        if (it == m_cache.end() || !it->second.result.ok) continue;
        const double r = static_cast<double>(it->second.result.items) / median_of(it->second.result);
        if (best && best->size == key.size && best->cpu_items_per_second >= r) continue;
        best = Split{key.size, g / (g + r), g, r, c};
      }
    }
    return best;
  }

  std::optional<std::uint64_t> max_gpu_size(const std::string& variant) const {
    if (m_settings.gpu_memory_limit_bytes == 0) return std::nullopt;
    std::optional<std::uint64_t> out;
    const std::string gpu = backend_of(BackendKind::gpu);
    for (const auto& [key, e] : m_cache) {
      if (key.backend != gpu || key.variant != variant || key.mode != Mode::device) continue;
      if (!e.result.ok || e.result.peak_device_bytes == 0) continue;
      // The largest measured size's bytes per item, which includes fixed buffers spread over more items.
      const double per_item = static_cast<double>(e.result.peak_device_bytes) / static_cast<double>(key.size);
      out = static_cast<std::uint64_t>(static_cast<double>(m_settings.gpu_memory_limit_bytes) / per_item);
    }
    return out;
  }

  const Subject& m_subject;
  Prober& m_prober;
  const Settings& m_settings;
  Clock::time_point m_deadline;
  const std::function<void(const std::string&)>& m_log;
  std::map<ProbeKey, Entry> m_cache;
  std::vector<std::string> m_failures;
};

}  // namespace

Subject subject_of(const Workload& workload) {
  Subject s;
  s.workload = std::string(workload.name());
  s.parameters = workload.parameters();
  std::vector<std::uint64_t> sizes = workload.default_sizes();
  for (std::uint64_t n : workload.quick_sizes()) sizes.push_back(n);
  const auto [lo, hi] = std::minmax_element(sizes.begin(), sizes.end());
  // Down to 1/64 of the smallest default size: the GPU often wins already there.
  s.grid = size_grid(std::max<std::uint64_t>(*lo / kBelowDefaults, 1), *hi, [&](std::uint64_t n) {
    try {
      workload.check_size(n);
      return true;
    } catch (const UsageError&) {
      return false;
    }
  });
  const auto impls = Registry::instance().implementations(workload.name());
  const std::string gpu_backend = backend_of(BackendKind::gpu);
  for (const Implementation* gpu : impls) {
    if (gpu->backend != gpu_backend) continue;
    s.gpu_variants.push_back(gpu->variant);
    auto& per_backend = s.cpu_variants[gpu->variant];
    for (const Implementation* cpu : impls) {
      if (cpu->backend == gpu_backend || workload.job(cpu->variant) != workload.job(gpu->variant)) continue;
      per_backend[cpu->backend].push_back(cpu->variant);
    }
  }
  if (s.gpu_variants.empty()) s.skipped = fmt::format("no {} implementation", gpu_backend);
  return s;
}

Calibrated calibrate_workload(const Subject& subject, Prober& prober, const Settings& settings,
                              Clock::time_point deadline,
                              const std::function<void(const std::string&)>& log) {
  const std::function<void(const std::string&)> sink = log ? log : [](const std::string&) {};
  return Calibration(subject, prober, settings, deadline, sink).run();
}

}  // namespace hwbench::calibration
