// make_strategy: a strategy's name and profile become the session's hooks and, after the run, the
// settings it records and the lines it prints.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/registry.hpp"
#include "scheduler/strategy.hpp"

namespace hwbench::scheduler {
namespace {

calibration::Profile empty_profile() {
  calibration::Profile p;
  p.machine = calibration::this_machine();
  return p;
}

TEST(Strategy, AutoAndSplitInstallTheirHooks) {
  for (const std::string& name : strategy_names()) {
    auto strategy = make_strategy(name, empty_profile(), {});
    EXPECT_EQ(strategy->name(), name);
    RunPlan plan;
    strategy->install(plan);
    EXPECT_TRUE(plan.route) << name;
    EXPECT_TRUE(plan.execute) << name << ": retries and the CPU fallback";
    EXPECT_FALSE(plan.route_late) << name << ": only --adapt routes late";
    const nlohmann::json settings = strategy->settings();
    EXPECT_EQ(settings["strategy"], name);
    EXPECT_EQ(settings["profile"], calibration::this_machine().fingerprint);
    // With an empty profile every job stays on the CPU, and the route says so.
    const Workload& sha256 = *Registry::instance().find_workload("sha256");
    for (const PlannedCase& c : plan.route(sha256, 1024)) {
      EXPECT_FALSE(c.backend->is_gpu()) << name << ": " << c.route.dump();
      EXPECT_TRUE(c.route.contains("reason")) << name;
    }
  }
}

TEST(Strategy, AdaptRoutesLateAndRecordsItsMoves) {
  auto strategy = make_strategy("auto", empty_profile(), {{}, true, 4});
  RunPlan plan;
  strategy->install(plan);
  EXPECT_TRUE(plan.route_late);
  EXPECT_TRUE(plan.observe);
  EXPECT_EQ(strategy->settings()["adapt_window"], 4);
  EXPECT_TRUE(strategy->settings()["adaptation"].is_array());
  std::vector<CaseResult> none;
  const auto lines = strategy->finish(none);
  ASSERT_GE(lines.size(), 2u);
  EXPECT_EQ(lines[lines.size() - 2], "adapt: 0 threshold moves over the run (window 4 cases)");
  EXPECT_EQ(lines.back(), "auto: 0 GPU retries, 0 fallbacks to the CPU, circuit breaker opened 0 times");
}

TEST(Strategy, UnknownNamesAndMisplacedOptionsAreUsageErrors) {
  EXPECT_THROW(make_strategy("fastest", empty_profile(), {}), UsageError);
  EXPECT_THROW(make_strategy("split", empty_profile(), {{}, true}), UsageError) << "--adapt is for auto";
}

}  // namespace
}  // namespace hwbench::scheduler
