// `hwbench compare` as CI runs it: a gate that compared nothing, lost cases or cannot see a change has
// not passed (exit 4); --fail-on chooses what else fails; machines that differ are named; one summary
// line; float options refuse NaN and infinities.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/cli_fixture.hpp"

namespace {

using namespace hwbench::testing;

class Gate : public Cli {
 protected:
  // A result.json of one machine; each case (name, median seconds) with `reps` repetitions.
  std::string result_file(const std::string& name, const std::vector<std::pair<std::string, double>>& cases,
                          int reps = 8, const std::string& gpu = "NVIDIA H100 80GB HBM3") {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& [key, median] : cases) {
      nlohmann::json samples = nlohmann::json::array();
      for (int i = 0; i < reps; ++i) samples.push_back(median * (1 + 1e-3 * (i - reps / 2)));
      list.push_back({{"name", key}, {"status", "ok"}, {"samples_seconds", samples}});
    }
    const nlohmann::json context = {{"host", {{"hostname", "ci-7"}, {"cpu_model", "Xeon 8480"}}},
                                    {"backends", {{"cuda", {{"device", {{"name", gpu}}}}}}}};
    const fs::path path = m_dir / name;
    std::ofstream(path) << nlohmann::json{
        {"schema", "hwbench-result"},
        {"schema_version", 1},
        {"context", context},
        {"cases", list}}.dump();
    return path.string();
  }
};

TEST_F(Gate, NothingComparedFails) {
  const std::string a = result_file("a.json", {{"sha256/cpu-serial/native/host/1024", 1e-3}});
  const std::string b = result_file("b.json", {{"ntt/cpu-serial/radix2/host/1024", 1e-3}});
  const Result r = hwbench("compare " + a + " " + b);
  EXPECT_EQ(r.exit_code, 4) << r.out << r.err;
  EXPECT_NE(r.out.find("nothing compared"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("inconclusive"), std::string::npos) << r.out;
  // Not even --fail-on none passes a comparison of nothing.
  EXPECT_EQ(hwbench("compare " + a + " " + b + " --fail-on none").exit_code, 4);
  // Two empty files compare nothing either.
  const std::string empty = result_file("empty.json", {});
  EXPECT_EQ(hwbench("compare " + empty + " " + empty).exit_code, 4);
}

// gbench.json names each benchmark by its case: a run's two files pair case by case; files of
// different runs in the two formats pair nothing, and say why.
TEST_F(Gate, ResultAndGoogleBenchmarkOutputPairByCase) {
  const fs::path vecadd = m_dir / "vecadd", sha = m_dir / "sha";
  for (const auto& [workload, out] : {std::pair{"vecadd", vecadd}, std::pair{"sha256", sha}}) {
    ASSERT_EQ(hwbench("run " + std::string(workload) + " --sizes 1K --backend cpu-serial " +
                      std::string(kFast) + " --out " + out.string())
                  .exit_code,
              0);
  }
  const Result same = hwbench("compare " + (vecadd / "result.json").string() + " " +
                              (vecadd / "gbench.json").string() + " --fail-on missing");
  EXPECT_EQ(same.exit_code, 0) << same.out << same.err;
  EXPECT_NE(same.err.find("compare: 1 compared"), std::string::npos) << same.err;
  const Result r =
      hwbench("compare " + (vecadd / "result.json").string() + " " + (sha / "gbench.json").string());
  EXPECT_EQ(r.exit_code, 4) << r.out << r.err;
  EXPECT_NE(r.out.find("the base is hwbench-result and the new file google-benchmark"), std::string::npos)
      << r.out;
}

TEST_F(Gate, VanishedBaseCasesFailUnlessAllowed) {
  const std::string base = result_file(
      "base.json", {{"sha256/cpu-serial/native/host/1024", 1e-3}, {"ntt/cpu-serial/radix2/host/1024", 2e-3}});
  const std::string next = result_file("new.json", {{"sha256/cpu-serial/native/host/1024", 1e-3}});
  const Result r = hwbench("compare " + base + " " + next);
  EXPECT_EQ(r.exit_code, 4) << r.out << r.err;
  EXPECT_NE(r.out.find("--fail-on missing"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("1 missing"), std::string::npos) << r.err;
  EXPECT_EQ(hwbench("compare " + base + " " + next + " --fail-on underpowered").exit_code, 0);
  // A new case is no failure by default, but is with --fail-on unpaired.
  EXPECT_EQ(hwbench("compare " + next + " " + base).exit_code, 0);
  EXPECT_EQ(hwbench("compare " + next + " " + base + " --fail-on unpaired").exit_code, 4);
}

TEST_F(Gate, TooFewRepetitionsCannotPassASlowdown) {
  // 3 against 3 repetitions: no U test reaches p < 0.05, so a +75% change is inconclusive.
  const std::string base = result_file("base.json", {{"msm/cpu-tbb/pippenger/host/4096", 1e-3}}, 3);
  const std::string slow = result_file("slow.json", {{"msm/cpu-tbb/pippenger/host/4096", 1.75e-3}}, 3);
  const Result r = hwbench("compare " + base + " " + slow);
  EXPECT_EQ(r.exit_code, 4) << r.out << r.err;
  EXPECT_NE(r.out.find("too few repetitions"), std::string::npos) << r.out;
  EXPECT_EQ(hwbench("compare " + base + " " + slow + " --fail-on missing").exit_code, 0);
  // Enough repetitions: a regression.
  const std::string base8 = result_file("base8.json", {{"msm/cpu-tbb/pippenger/host/4096", 1e-3}});
  const std::string slow8 = result_file("slow8.json", {{"msm/cpu-tbb/pippenger/host/4096", 1.75e-3}});
  EXPECT_EQ(hwbench("compare " + base8 + " " + slow8).exit_code, 1);
}

TEST_F(Gate, MachinesThatDifferAreNamedAndCanFail) {
  const std::string h100 = result_file("h100.json", {{"sha256/cuda/native/device/1024", 1e-3}});
  const std::string h200 =
      result_file("h200.json", {{"sha256/cuda/native/device/1024", 1e-3}}, 8, "NVIDIA H200");
  const Result r = hwbench("compare " + h100 + " " + h200);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.err.find("warning: machines differ: GPU: 'NVIDIA H100 80GB HBM3' (base), 'NVIDIA H200' (new)"),
            std::string::npos)
      << r.err;
  const Result strict = hwbench("compare " + h100 + " " + h200 + " --fail-on missing,machine");
  EXPECT_EQ(strict.exit_code, 4) << strict.out;
  EXPECT_EQ(hwbench("compare " + h100 + " " + h100 + " --fail-on machine").exit_code, 0);
}

TEST_F(Gate, OneSummaryLineWithCountsPerVerdict) {
  const std::string base = result_file(
      "base.json", {{"sha256/cpu-serial/native/host/1024", 1e-3}, {"ntt/cpu-serial/radix2/host/1024", 2e-3}});
  const std::string next = result_file(
      "new.json", {{"sha256/cpu-serial/native/host/1024", 1e-3}, {"ntt/cpu-serial/radix2/host/1024", 1e-3}});
  const Result r = hwbench("compare " + base + " " + next + " --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_EQ(r.err.rfind("compare: 2 compared: 0 slower, 1 faster, 1 same, 0 noisy, 0 failed, 0 skipped", 0),
            0u)
      << r.err;
  const auto doc = nlohmann::json::parse(r.out);  // stdout stays one JSON document
  EXPECT_EQ(doc["compared"], 2);
  EXPECT_EQ(doc["result"], "no regression (exit 0)");
  EXPECT_EQ(doc["fail_on"], nlohmann::json::array({"missing", "underpowered"}));
}

TEST_F(Gate, FloatOptionsRefuseNanAndInfinity) {
  const std::string a = result_file("a.json", {{"sha256/cpu-serial/native/host/1024", 1e-3}});
  for (const std::string bad :
       {"--alpha nan", "--alpha inf", "--alpha -0.1", "--alpha 1e999", "--threshold nan", "--threshold inf%",
        "--fail-on nosuch", "--fail-on none,missing", "--fail-on ''"}) {
    const Result r = hwbench("compare " + a + " " + a + " " + bad);
    EXPECT_EQ(r.exit_code, 2) << bad << ": " << r.out << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << bad << ": " << r.err;
  }
  const Result help = hwbench("compare --help");
  EXPECT_NE(help.out.find("Exit codes: 0 ok; 1 a regression"), std::string::npos) << help.out;
}

}  // namespace
