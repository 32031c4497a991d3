// The pre-run environment check on fake /sys and /proc trees: governors, turbo by either driver's file,
// load average, and a machine that exposes none of them.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/environment.hpp"
#include "core/host_info.hpp"

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

// Clocks, SMT, caches and isolated CPUs as the kernel lists them; a machine that says nothing leaves
// them unset, and a garbled file is not an error.
TEST_F(Environment, CpuDetailsFromSysAndProc) {
  write(m_root / "proc" / "cpuinfo",
        "processor\t: 0\ncpu MHz\t\t: 2000.000\nprocessor\t: 1\ncpu MHz\t\t: 3000.5\n");
  write(cpu() / "cpu0" / "cpufreq" / "cpuinfo_max_freq", "3700000\n");
  write(cpu() / "cpu1" / "cpufreq" / "cpuinfo_max_freq", "3900000\n");
  write(cpu() / "smt" / "active", "1\n");
  write(cpu() / "isolated", "2-3\n");
  const auto cache = cpu() / "cpu0" / "cache";
  write(cache / "index0" / "level", "1\n");
  write(cache / "index0" / "type", "Data\n");
  write(cache / "index0" / "size", "48K\n");
  write(cache / "index0" / "shared_cpu_list", "0,64\n");
  write(cache / "index1" / "level", "3\n");
  write(cache / "index1" / "type", "Unified\n");
  write(cache / "index1" / "size", "32M\n");
  const CpuDetails d = cpu_details(m_root / "sys", m_root / "proc");
  EXPECT_NEAR(d.mhz_current, 2500.25, 1e-9);
  EXPECT_NEAR(d.mhz_max, 3900, 1e-9);
  ASSERT_TRUE(d.smt);
  EXPECT_TRUE(*d.smt);
  EXPECT_EQ(d.isolated_cpus, "2-3");
  ASSERT_EQ(d.caches.size(), 2u);
  EXPECT_EQ(d.caches[0].bytes, 48u << 10);
  EXPECT_EQ(d.caches[0].shared_cpus, "0,64");
  EXPECT_EQ(d.caches[1].level, 3);
  EXPECT_EQ(d.caches[1].bytes, 32u << 20);
  EXPECT_EQ(to_json(d)["caches"][1]["type"], "Unified");

  write(cache / "index0" / "size", "lots\n");
  write(cpu() / "smt" / "active", "notsupported\n");
  write(m_root / "proc" / "cpuinfo", "cpu MHz\t\t: fast\n");
  const CpuDetails garbled = cpu_details(m_root / "sys", m_root / "proc");
  EXPECT_EQ(garbled.caches[0].bytes, 0u);
  EXPECT_FALSE(garbled.smt);
  EXPECT_EQ(garbled.mhz_current, 0);
  const CpuDetails none = cpu_details(m_root / "no-such-sys", m_root / "no-such-proc");
  EXPECT_TRUE(none.caches.empty());
  EXPECT_EQ(none.mhz_max, 0);
  EXPECT_TRUE(to_json(none)["smt"].is_null());
}

}  // namespace
}  // namespace hwbench
