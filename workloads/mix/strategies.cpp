// The mix workload's implementations: one per scheduling strategy. Every job's runner is prepared before
// timing (inputs staged, buffers allocated, as for any case); an iteration runs the stream's jobs one
// after another, each on the backend its strategy chose.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/error.hpp"
#include "core/registry.hpp"
#include "scheduler/router.hpp"
#include "scheduler/split.hpp"
#include "workloads/mix/workload.hpp"

namespace hwbench::mix {
namespace {

// Where one job runs.
struct Placement {
  const Implementation* impl = nullptr;
  Backend* backend = nullptr;
  Mode mode = Mode::host;
  std::string reason;
};

// The variants of a workload's main job: the job of its first registered implementation (ntt's forward
// transform, trace's single program).
std::vector<std::string> main_job_variants(const Workload& w) {
  const auto impls = Registry::instance().implementations(w.name());
  std::vector<std::string> out;
  if (impls.empty()) return out;
  const std::string job = w.job(impls.front()->variant);
  for (const Implementation* i : impls) {
    if (w.job(i->variant) == job && std::find(out.begin(), out.end(), i->variant) == out.end())
      out.push_back(i->variant);
  }
  return out;
}

class Placer {
 public:
  Placer(Strategy strategy, const Input& in) : m_strategy(strategy) {
    std::vector<std::string> warnings;
    try {
      m_router = std::make_unique<scheduler::Router>(scheduler::load_profile(in.profile, warnings));
    } catch (const UsageError& e) {
      // cpu-only and gpu-only take each job's fastest variant by the profile where there is one.
      if (strategy == Strategy::automatic || strategy == Strategy::split)
        throw SkipCase(fmt::format("the {} strategy needs a profile: {}", to_string(strategy), e.what()));
    }
    if (strategy == Strategy::split) m_splitter = std::make_unique<scheduler::Splitter>(*m_router);
  }

  Placement place(const Workload& w, std::uint64_t n) {
    const std::vector<std::string> variants = main_job_variants(w);
    if (m_strategy == Strategy::cpu_only || m_strategy == Strategy::gpu_only) {
      const bool gpu = m_strategy == Strategy::gpu_only;
      const std::string backend =
          Registry::instance().backend_name(gpu ? BackendKind::gpu : BackendKind::cpu_parallel);
      const std::vector<const Implementation*> candidates =
          variants.empty() ? std::vector<const Implementation*>{}
                           : scheduler::implementations_of(w, w.job(variants.front()), backend, variants);
      const Mode mode = gpu ? Mode::e2e : Mode::host;
      const Implementation* impl = m_router ? m_router->fastest(w, candidates, mode, n)
                                            : (candidates.empty() ? nullptr : candidates.front());
      if (impl == nullptr) throw SkipCase(fmt::format("{} has no {} implementation", w.name(), backend));
      return {impl, Registry::instance().find_backend(backend), mode, std::string(to_string(m_strategy))};
    }
    std::vector<PlannedCase> cases =
        m_splitter ? m_splitter->plan(w, n, variants) : m_router->plan(w, n, variants);
    auto chosen = std::find_if(cases.begin(), cases.end(), [](const PlannedCase& c) {
      return c.route.value("role", std::string()) == "split";
    });
    if (chosen == cases.end()) chosen = cases.begin();
    if (chosen == cases.end())
      throw SkipCase(fmt::format("{}: the profile places no case of {}", to_string(m_strategy), w.name()));
    return {chosen->impl, chosen->backend, chosen->mode, chosen->route.value("reason", std::string())};
  }

 private:
  Strategy m_strategy;
  std::unique_ptr<scheduler::Router> m_router;
  std::unique_ptr<scheduler::Splitter> m_splitter;  // owns the split cases' implementations
};

class StreamRunner final : public Runner {
 public:
  StreamRunner(const Input& in, Strategy strategy) : m_placer(strategy, in) {
    for (const Job& job : in.jobs) {
      Placement p = m_placer.place(*job.workload, job.size);
      const ExecContext ctx{*p.backend, p.mode, p.backend->executor()};
      if (const std::string why = p.backend->unavailable_reason(); !why.empty())
        throw SkipCase(fmt::format("{} needs {}: {}", job.workload->name(), p.backend->name(), why));
      m_runners.push_back(p.impl->make(*job.input, ctx));
      m_workloads.push_back(job.workload);
      ++m_placed[p.impl->backend];
      m_jobs.push_back({{"workload", job.workload->name()},
                        {"size", job.size},
                        {"backend", p.impl->backend},
                        {"variant", p.impl->variant},
                        {"mode", to_string(p.mode)},
                        {"reason", p.reason}});
    }
  }

  std::optional<double> iterate() override {
    for (auto& r : m_runners) r->iterate();
    return std::nullopt;
  }

  std::unique_ptr<CaseOutput> result() override {
    auto out = std::make_unique<Output>();
    for (std::size_t j = 0; j < m_runners.size(); ++j) {
      out->workloads.push_back(m_workloads[j]);
      out->outputs.push_back(m_runners[j]->result());
    }
    return out;
  }

  nlohmann::json notes() const override { return {{"jobs_per_backend", m_placed}, {"jobs", m_jobs}}; }

 private:
  Placer m_placer;
  std::vector<std::unique_ptr<Runner>> m_runners;
  std::vector<const Workload*> m_workloads;
  std::map<std::string, int> m_placed;
  nlohmann::json m_jobs = nlohmann::json::array();
};

void add(std::string_view backend, Strategy strategy, std::string description) {
  Registry::instance().add_implementation(
      {"mix", std::string(backend), std::string(to_string(strategy)), std::move(description),
       typed_factory<Input>([strategy](const Input& in, const ExecContext& ctx) -> std::unique_ptr<Runner> {
         if (ctx.mode == Mode::device)
           throw SkipCase("mix runs end to end: its jobs' inputs start in host memory");
         return std::make_unique<StreamRunner>(in, strategy);
       })});
}

const Registration registration{[] {
  add("cpu-tbb", Strategy::cpu_only, "every job on cpu-tbb");
  add("cuda", Strategy::gpu_only, "every job on the GPU, end to end");
  add("cuda", Strategy::automatic, "each job where the profile's crossover puts it (auto)");
  add("cuda", Strategy::split, "divisible jobs split between cpu-tbb and the GPU, the rest as auto");
}};

}  // namespace
}  // namespace hwbench::mix
