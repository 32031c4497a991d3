#include "scheduler/strategy.hpp"

#include <fmt/format.h>

#include <thread>

#include "core/error.hpp"
#include "scheduler/resilience.hpp"
#include "scheduler/router.hpp"
#include "scheduler/split.hpp"

namespace hwbench::scheduler {
namespace {

class RoutedStrategy final : public Strategy {
 public:
  RoutedStrategy(std::string name, calibration::Profile profile, StrategyOptions options)
      : m_name(std::move(name)),
        m_options(std::move(options)),
        m_router(std::make_shared<Router>(std::move(profile))),
        m_resilient(std::make_shared<ResilientExecutor>(
            RetryPolicy{1 + m_options.retries},
            CircuitBreaker(
                m_options.breaker_failures,
                std::chrono::duration_cast<CircuitBreaker::Clock::duration>(m_options.breaker_open_for)),
            [](std::chrono::duration<double> d) { std::this_thread::sleep_for(d); })) {
    if (m_name == "split") {
      m_splitter = std::make_shared<Splitter>(*m_router);
    } else if (m_options.adapt) {
      m_adaptive = std::make_shared<AdaptiveRouter>(*m_router, m_options.adapt_window);
    }
  }

  std::string_view name() const override { return m_name; }

  void install(RunPlan& plan) override {
    const std::vector<std::string> variants = m_options.variants;
    if (m_splitter) {
      plan.route = [s = m_splitter, variants](const Workload& w, std::uint64_t n) {
        return s->plan(w, n, variants);
      };
    } else if (m_adaptive) {
      plan.route = [a = m_adaptive, variants](const Workload& w, std::uint64_t n) {
        return a->plan(w, n, variants);
      };
      plan.route_late = true;
      plan.observe = [a = m_adaptive](const CaseResult& r) { a->observe(r); };
    } else {
      plan.route = [r = m_router, variants](const Workload& w, std::uint64_t n) {
        return r->plan(w, n, variants);
      };
    }
    plan.execute = [e = m_resilient](const PlannedCase& c, const CaseRunner& run) { return e->run(c, run); };
  }

  nlohmann::json settings() const override {
    nlohmann::json out = {{"strategy", m_name}, {"profile", m_router->profile().machine.fingerprint}};
    if (m_adaptive) {
      out["adapt_window"] = m_options.adapt_window;
      out["adaptation"] = m_adaptive->moves();
    }
    return out;
  }

  std::vector<std::string> finish(std::vector<CaseResult>& cases) override {
    std::vector<std::string> lines;
    const std::vector<std::string> gains =
        m_splitter ? record_split_gains(cases) : std::vector<std::string>{};
    for (const auto& r : cases) {
      if (!r.route.is_object()) continue;
      lines.push_back(
          fmt::format("{}: {} -> {}: {}", m_name, r.name, r.backend, r.route.value("reason", "")));
      if (const auto f = r.route.find("fallback"); f != r.route.end() && f->is_string())
        lines.push_back(fmt::format("{}: {} fell back: {}", m_name, r.name, f->get<std::string>()));
    }
    lines.insert(lines.end(), gains.begin(), gains.end());
    if (m_adaptive) {
      for (const auto& m : m_adaptive->moves()) {
        lines.push_back(fmt::format(
            "adapt: {}/{} crossover vs {} {} -> {} after {} (GPU {:.2f}x, CPU {:.2f}x the profile)",
            m["workload"].get<std::string>(), m["variant"].get<std::string>(), m["versus"].get<std::string>(),
            m["from"].dump(), m["to"].dump(), m["after"].get<std::string>(), m["gpu_ratio"].get<double>(),
            m["cpu_ratio"].get<double>()));
      }
      lines.push_back(fmt::format("adapt: {} threshold moves over the run (window {} cases)",
                                  m_adaptive->moves().size(), m_options.adapt_window));
    }
    lines.push_back(
        fmt::format("{}: {} GPU retries, {} fallbacks to the CPU, circuit breaker opened {} times", m_name,
                    m_resilient->retries(), m_resilient->fallbacks(), m_resilient->breaker().times_opened()));
    return lines;
  }

 private:
  std::string m_name;
  StrategyOptions m_options;
  // Shared with the plan's hooks, which may outlive a moved strategy.
  std::shared_ptr<Router> m_router;
  std::shared_ptr<ResilientExecutor> m_resilient;
  std::shared_ptr<Splitter> m_splitter;
  std::shared_ptr<AdaptiveRouter> m_adaptive;
};

}  // namespace

std::vector<std::string> strategy_names() { return {"auto", "split"}; }

std::unique_ptr<Strategy> make_strategy(std::string_view name, calibration::Profile profile,
                                        const StrategyOptions& options) {
  if (name != "auto" && name != "split") throw UsageError(fmt::format("no scheduling strategy '{}'", name));
  if (options.adapt && name != "auto") throw UsageError("--adapt is for --backend auto");
  return std::make_unique<RoutedStrategy>(std::string(name), std::move(profile), options);
}

}  // namespace hwbench::scheduler
