// GPU telemetry: the summary and warnings of a series (synthetic samples), and on a machine with NVML
// and a GPU, a real sampler over a short interval; without them, the reason start() gives.
#include <gtest/gtest.h>

#include <thread>

#include "core/gpu_telemetry.hpp"
#include "tests/support.hpp"

namespace hwbench {
namespace {

TEST(Telemetry, SummaryFlagsThrottledAndHotSamples) {
  std::vector<TelemetrySample> samples(4);
  for (std::size_t i = 0; i < samples.size(); ++i) {
    samples[i].seconds = 0.02 * static_cast<double>(i);
    samples[i].sm_clock_mhz = 1980;
    samples[i].temperature_c = 60 + static_cast<unsigned>(i);
  }
  EXPECT_TRUE(telemetry_warnings(samples).empty());
  samples[2].sm_clock_mhz = 1000;
  samples[2].low_clock = true;
  samples[3].temperature_c = 91;
  const auto warnings = telemetry_warnings(samples);
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_NE(warnings[0].find("1 of 4"), std::string::npos) << warnings[0];
  EXPECT_NE(warnings[1].find("91 C"), std::string::npos) << warnings[1];
  const auto j = telemetry_json(samples, 1980, std::chrono::milliseconds(20));
  EXPECT_EQ(j["low_clock_samples"], 1);
  EXPECT_EQ(j["max_temperature_c"], 91);
  EXPECT_EQ(j["default_sm_clock_mhz"], 1980);
  ASSERT_EQ(j["samples"].size(), 4u);
  EXPECT_TRUE(j["samples"][0]["power_watts"].is_null()) << "a reading NVML did not give stays null";
  EXPECT_EQ(j["samples"][2]["sm_clock_mhz"], 1000);
}

TEST(Telemetry, SamplesTheGpuWhereNvmlIsPresent) {
  std::string reason;
  Backend* cuda = testing::usable_backend("cuda", reason);
  if (cuda == nullptr) GTEST_SKIP() << "cuda backend unavailable here: " << reason;
  std::string why_not;
  auto sampler = TelemetrySampler::start(cuda->pci_bus_id(), std::chrono::milliseconds(10), why_not);
  if (!sampler) GTEST_SKIP() << "no telemetry here: " << why_not;
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  const auto samples = sampler->stop();
  EXPECT_GE(samples.size(), 5u);
  for (const auto& s : samples) {
    EXPECT_TRUE(s.sm_clock_mhz.has_value());
    EXPECT_TRUE(s.memory_used_bytes.has_value());
    EXPECT_TRUE(s.temperature_c.has_value());
    EXPECT_LT(s.temperature_c.value_or(0), 120u);
  }
  EXPECT_TRUE(sampler->default_sm_clock_mhz().has_value());
  for (std::size_t i = 1; i < samples.size(); ++i) EXPECT_GE(samples[i].seconds, samples[i - 1].seconds);
  // The clocks `info` and a result's context record: current no higher than the maximum.
  const nlohmann::json clocks = gpu_clocks(cuda->pci_bus_id());
  ASSERT_EQ(clocks.value("source", ""), "nvml") << clocks.dump();
  for (const char* domain : {"sm", "memory"}) {
    ASSERT_TRUE(clocks[domain]["current_mhz"].is_number()) << clocks.dump();
    ASSERT_TRUE(clocks[domain]["max_mhz"].is_number()) << clocks.dump();
    EXPECT_GT(clocks[domain]["current_mhz"].get<unsigned>(), 0u) << domain;
    EXPECT_LE(clocks[domain]["current_mhz"].get<unsigned>(), clocks[domain]["max_mhz"].get<unsigned>())
        << domain;
  }
  EXPECT_TRUE(clocks["clock_events"].is_array()) << clocks.dump();
}

TEST(Telemetry, NoGpuAtABusIdIsAReasonNotAFailure) {
  std::string why_not;
  const auto sampler = TelemetrySampler::start("0000:ff:1f.7", std::chrono::milliseconds(10), why_not);
  EXPECT_EQ(sampler, nullptr);
  EXPECT_FALSE(why_not.empty());
}

}  // namespace
}  // namespace hwbench

namespace hwbench {
namespace {

TEST(Telemetry, ClockEventReasonsAreNamed) {
  EXPECT_TRUE(clock_event_names(0).empty());
  EXPECT_EQ(clock_event_names(0x1), std::vector<std::string>{"idle"});
  EXPECT_EQ(clock_event_names(0x4 | 0x40), (std::vector<std::string>{"sw_power_cap", "hw_thermal_slowdown"}));
  EXPECT_EQ(clock_event_names(0x400), std::vector<std::string>{"0x400"}) << "a bit NVML added later";
}

// Without NVML or without a GPU at that bus id, the clocks say why instead of holding numbers.
TEST(Telemetry, ClocksSayWhyTheyAreMissing) {
  const nlohmann::json clocks = gpu_clocks("0000:ff:1f.7");
  ASSERT_TRUE(clocks.contains("unavailable"));
  EXPECT_FALSE(clocks["unavailable"].get<std::string>().empty());
}

}  // namespace
}  // namespace hwbench
