// The pre-run environment check on fake /sys and /proc trees: governors, turbo by either driver's file,
// load average, and a machine that exposes none of them.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/environment.hpp"

namespace hwbench {
namespace {

namespace fs = std::filesystem;

class Environment : public ::testing::Test {
 protected:
  void SetUp() override {
    m_root = fs::temp_directory_path() /
             ("hwbench-env-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) +
              "-" + std::to_string(::getpid()));
    fs::remove_all(m_root);
    fs::create_directories(m_root / "proc");
    fs::create_directories(cpu());
  }
  void TearDown() override { fs::remove_all(m_root); }
  fs::path cpu() const { return m_root / "sys" / "devices" / "system" / "cpu"; }
  void write(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path) << text;
  }
  EnvironmentCheck check(unsigned cores) { return check_environment(cores, m_root / "sys", m_root / "proc"); }
  fs::path m_root;
};

TEST_F(Environment, QuietMachineHasNoWarnings) {
  for (int i = 0; i < 4; ++i)
    write(cpu() / ("cpu" + std::to_string(i)) / "cpufreq" / "scaling_governor", "performance\n");
  write(cpu() / "cpufreq" / "policy0" / "scaling_governor", "powersave\n");  // not a cpuN folder: ignored
  write(cpu() / "intel_pstate" / "no_turbo", "1\n");
  write(m_root / "proc" / "loadavg", "0.50 0.40 0.30 1/200 1234\n");
  const EnvironmentCheck c = check(4);
  EXPECT_TRUE(c.warnings.empty()) << c.warnings.front();
  EXPECT_EQ(c.facts["scaling_governors"], nlohmann::json({"performance"}));
  EXPECT_EQ(c.facts["turbo"], false);
  EXPECT_DOUBLE_EQ(c.facts["load_average_1m"].get<double>(), 0.5);
}

TEST_F(Environment, ScalingTurboAndLoadAreWarned) {
  write(cpu() / "cpu0" / "cpufreq" / "scaling_governor", "powersave\n");
  write(cpu() / "cpu1" / "cpufreq" / "scaling_governor", "performance\n");
  write(cpu() / "cpufreq" / "boost", "1\n");
  write(m_root / "proc" / "loadavg", "9.75 3.00 1.00 5/300 999\n");
  const EnvironmentCheck c = check(16);  // busy above 1 + 16/4 = 5
  ASSERT_EQ(c.warnings.size(), 3u);
  EXPECT_NE(c.warnings[0].find("'powersave'"), std::string::npos) << c.warnings[0];
  EXPECT_NE(c.warnings[1].find("turbo"), std::string::npos);
  EXPECT_NE(c.warnings[2].find("9.75"), std::string::npos);
  EXPECT_EQ(c.facts["turbo"], true);
  EXPECT_EQ(c.facts["warnings"].size(), 3u);
  // intel_pstate's file wins over cpufreq/boost when both exist.
  write(cpu() / "intel_pstate" / "no_turbo", "1\n");
  EXPECT_EQ(check(16).facts["turbo"], false);
}

TEST_F(Environment, NothingReadableIsNotAnError) {
  const EnvironmentCheck c = check(2);
  EXPECT_TRUE(c.warnings.empty());
  EXPECT_TRUE(c.facts["turbo"].is_null());
  EXPECT_TRUE(c.facts["load_average_1m"].is_null());
  EXPECT_TRUE(c.facts["scaling_governors"].empty());
  EXPECT_TRUE(check_environment(2, m_root / "no-such-sys", m_root / "no-such-proc").warnings.empty());
}

}  // namespace
}  // namespace hwbench
