// Hostile input on the command line and in the files hwbench reads: each refused with one line and
// exit 2, quickly, with nothing written; never a crash, a hang, a wrap-around or a silent default.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "tests/cli_fixture.hpp"

namespace {

using namespace hwbench::testing;

class Inputs : public Cli {
 protected:
  // Refused with exit 2 and one line on stderr that contains `says`, within `timeout` seconds.
  void refused(const std::string& args, const std::string& says = "", int timeout = 30) {
    const Result r = shell("timeout -s KILL " + std::to_string(timeout) + " \"$HWBENCH\" " + args);
    EXPECT_EQ(r.exit_code, 2) << args << "\n" << r.out << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << args << ": " << r.err;
    EXPECT_NE(r.err.find(says), std::string::npos) << args << ": " << r.err;
  }

  fs::path write(const std::string& name, const std::string& text) {
    const fs::path p = m_dir / name;
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }

  // A result.json with one case whose fields are overridden by `fields`.
  fs::path result_with(const std::string& name, const nlohmann::json& fields) {
    nlohmann::json c = {{"name", "sha256/cpu-serial/native/host/1024"},
                        {"workload", "sha256"},
                        {"backend", "cpu-serial"},
                        {"variant", "native"},
                        {"mode", "host"},
                        {"size", 1024},
                        {"status", "ok"},
                        {"verified", true},
                        {"samples_seconds", {1e-3, 1.1e-3}},
                        {"time_seconds", {{"median", 1.05e-3}, {"relative_spread", 0.05}}},
                        {"items_per_second", 1e6}};
    for (const auto& [k, v] : fields.items()) c[k] = v;
    return write(name, nlohmann::json{{"schema", "hwbench-result"},
                                      {"schema_version", 1},
                                      {"context", nlohmann::json::object()},
                                      {"cases", {c}}}
                           .dump());
  }
};

TEST_F(Inputs, NumericOptionsRefuseNanInfinityWrapAndEmptiness) {
  const std::string run = "run vecadd --backend cpu-serial --quiet --out " + (m_dir / "never").string() + " ";
  for (const std::string bad : {"--min-time nan", "--min-time inf", "--min-time -1", "--min-time 0",
                                "--warmup nan", "--warmup -inf", "--seed -1", "--seed 1.5", "--seed 1e3",
                                "--seed 18446744073709551616", "--seed ''", "--repetitions -1"}) {
    refused(run + "--sizes 1K " + bad);
  }
  refused(run + "--sizes ''", "--sizes");
  refused(run + "--sizes ,", "--sizes");
  refused(run + "--sizes 1..1000000000:1", "--sizes");
  refused(run + "--sizes 1..2T", "--sizes");
  refused("run ed25519 --backend cpu-serial --sizes 8 --invalid-ratio 1/inf --quiet --out " +
              (m_dir / "never").string(),
          "not a ratio");
  refused("run ed25519 --backend cpu-serial --sizes 8 --invalid-ratio nan --quiet", "not a ratio");
  for (const std::string bad :
       {"--budget nan", "--budget inf", "--alpha nan", "--gpu-memory-fraction inf", "--seed -1"}) {
    refused("calibrate sha256 " + bad + " --out " + (m_dir / "p.json").string());
  }
  EXPECT_FALSE(fs::exists(m_dir / "never"));
  EXPECT_FALSE(fs::exists(m_dir / "p.json"));
}

TEST_F(Inputs, DeepAndHugeFilesAreRefusedBeforeParsing) {
  // 70,000 levels (a stack overflow in a recursive parser) and 20,000 (merge would grow them).
  const fs::path deep = write("deep.json", std::string(70000, '[') + std::string(70000, ']'));
  const fs::path deep_case =
      write("deep-case.json", R"({"schema": "hwbench-result", "schema_version": 1, "cases": [{"notes": )" +
                                  std::string(20000, '[') + std::string(20000, ']') + "}]}");
  const fs::path ok = result_with("ok.json", nlohmann::json::object());
  for (const fs::path& p : {deep, deep_case}) {
    refused("compare " + p.string() + " " + ok.string(), "nested more than 64 levels deep");
    refused("compare " + ok.string() + " " + p.string(), "nested more than 64 levels deep");
    refused("report " + p.string() + " --out " + (m_dir / "r.html").string(), "nested more than 64 levels");
    refused("merge " + p.string() + " " + ok.string() + " --out " + (m_dir / "m.json").string(),
            "nested more than 64 levels");
  }
  EXPECT_FALSE(fs::exists(m_dir / "r.html"));
  EXPECT_FALSE(fs::exists(m_dir / "m.json"));
  // Larger than any result file (sparse: no disk is used).
  const fs::path huge = m_dir / "huge.json";
  { std::ofstream(huge) << "{"; }
  fs::resize_file(huge, 300ull << 20);
  refused("compare " + huge.string() + " " + ok.string(), "larger than");
  // Not regular files: a directory, a FIFO nobody writes to (would block), a character device.
  ASSERT_EQ(::mkfifo((m_dir / "fifo").c_str(), 0600), 0);
  refused("compare " + (m_dir / "fifo").string() + " " + ok.string(), "not a regular file", 10);
  refused("report /dev/zero --out " + (m_dir / "r.html").string(), "not a regular file", 10);
  refused("compare " + m_dir.string() + " " + ok.string(), "not a regular file");
  refused("run sha256 --backend auto --sizes 1K --quiet --profile " + (m_dir / "fifo").string(),
          "not a regular file", 10);
}

TEST_F(Inputs, ValuesOutsidePhysicalSenseAreRefusedQuickly) {
  const std::string out = " --out " + (m_dir / "r.html").string();
  for (const auto& [fields, says] : std::vector<std::pair<nlohmann::json, std::string>>{
           {{{"time_seconds", {{"median", 5e-324}}}}, "time_seconds.median"},
           {{{"samples_seconds", {1e-3, -1}}}, "samples_seconds"},
           {{{"samples_seconds", {1e-3, 1e300}}}, "samples_seconds"},
           {{{"items_per_second", 1.7e308}}, "items_per_second"},
           {{{"percent_of_peak_bandwidth", -1e20}}, "percent_of_peak_bandwidth"},
           {{{"size", -1}}, "size"},
           {{{"size", 1e30}}, "size"},
           {{{"status", "fine"}}, "status"},
           {{{"time_seconds", {{"relative_spread", "x"}}}}, "relative_spread"}}) {
    const fs::path p = result_with("bad.json", fields);
    refused("report " + p.string() + out, says, 10);
    refused("compare " + p.string() + " " + p.string(), says, 10);
  }
  EXPECT_FALSE(fs::exists(m_dir / "r.html"));
  // The largest and smallest values inside the bounds draw.
  const fs::path edge = result_with(
      "edge.json", {{"time_seconds", {{"median", 1e-12}}}, {"items_per_second", 1e18}, {"size", 1ull << 40}});
  const Result r = shell("timeout -s KILL 10 \"$HWBENCH\" report " + edge.string() + out);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(m_dir / "r.html"));
}

TEST_F(Inputs, MergedFilesWithBadSourceIndexesLoseNothingSilently) {
  // Two files merged, then every case's source index spoiled in turn.
  const fs::path a = result_with("a.json", {{"name", "sha256/cpu-serial/native/host/1024"}});
  const fs::path b = result_with("b.json", {{"name", "sha256/cpu-tbb/native/host/1024"}});
  const fs::path merged = m_dir / "merged.json";
  ASSERT_EQ(hwbench("merge " + a.string() + " " + b.string() + " --out " + merged.string()).exit_code, 0);
  const auto doc = nlohmann::json::parse(slurp(merged));
  ASSERT_EQ(doc["cases"].size(), 2u);
  for (const nlohmann::json& index : {nlohmann::json(2), nlohmann::json(-1), nlohmann::json("0"),
                                      nlohmann::json(1.5), nlohmann::json(nullptr)}) {
    auto spoiled = doc;
    spoiled["cases"][1]["source"] = index;
    const fs::path p = write("spoiled.json", spoiled.dump());
    refused("report " + p.string() + " --out " + (m_dir / "r.html").string(), "source");
    refused("merge " + p.string() + " --out " + (m_dir / "m.json").string(), "source");
    refused("compare " + p.string() + " " + merged.string(), "source");
  }
  EXPECT_FALSE(fs::exists(m_dir / "r.html"));
  EXPECT_FALSE(fs::exists(m_dir / "m.json"));
}

// Found by fuzz_report: telemetry without "samples" or "warnings" (a const lookup of a missing key).
TEST_F(Inputs, TelemetryMissingItsMembersStillRenders) {
  for (const nlohmann::json& telemetry : {nlohmann::json::object(), nlohmann::json{{"warnings", {"w"}}},
                                          nlohmann::json{{"warnings", nlohmann::json::array()}},
                                          nlohmann::json{{"samples", nlohmann::json::array()}}}) {
    const fs::path p = result_with("t.json", {{"telemetry", telemetry}});
    const fs::path out = m_dir / "t.html";
    const Result r = shell("timeout -s KILL 30 \"$HWBENCH\" report " + p.string() + " --out " + out.string());
    EXPECT_EQ(r.exit_code, 0) << telemetry.dump() << ": " << r.err;
    EXPECT_TRUE(fs::exists(out)) << telemetry.dump();
    fs::remove(out);
  }
}

// Found by fuzz_gbench: a repetition of 0 s that reports no error is not a measurement.
TEST_F(Inputs, GoogleBenchmarkRepetitionOfZeroSecondsIsRefused) {
  const auto run = [](double real_time) {
    return nlohmann::json{{"name", "BM_x"},         {"run_type", "iteration"}, {"iterations", 10},
                          {"real_time", real_time}, {"cpu_time", real_time},   {"time_unit", "ns"}};
  };
  const fs::path good = write(
      "good.json",
      nlohmann::json{{"context", nlohmann::json::object()}, {"benchmarks", {run(5.0), run(5.5)}}}.dump());
  const fs::path zero = write(
      "zero.json",
      nlohmann::json{{"context", nlohmann::json::object()}, {"benchmarks", {run(5.0), run(0.0)}}}.dump());
  refused("compare " + good.string() + " " + zero.string(), "repetition of 0 s");
  refused("compare " + zero.string() + " " + good.string(), "repetition of 0 s");
}

}  // namespace

namespace {

// --axis: every value is checked by the workloads before anything runs.
TEST_F(Inputs, AxesAreCheckedBeforeAnythingRuns) {
  const std::string run = "run sha256 ed25519 --backend cpu-serial --sizes 8 --quiet ";
  refused(run + "--axis msg-byte=64", "did you mean 'msg-bytes'");
  refused(run + "--axis nosuch=1", "no selected workload has a parameter 'nosuch'");
  refused("run vecadd --sizes 8 --axis msg-bytes=64 --quiet", "they have none to sweep");
  refused(run + "--axis msg-bytes=64 --msg-bytes 8", "--msg-bytes and --axis msg-bytes both set it");
  refused(run + "--axis msg-bytes=64 --axis msg-bytes=8", "given twice");
  refused(run + "--axis msg-bytes", "NAME=VALUES");
  refused(run + "--axis msg-bytes=", "--axis msg-bytes");
  refused(run + "--axis msg-bytes=8,-1", "--axis msg-bytes");
  refused(run + "--axis invalid-ratio=0,2", "--axis invalid-ratio: ratio outside [0, 1]");
  refused(run + "--axis invalid-ratio=0,0", "given twice");
  // sha256 takes no empty messages; the error says at which of the axis' values.
  refused(run + "--axis msg-bytes=0,8", "(with msg_bytes=0)");
  refused("run ecdsa --backend cpu-serial --sizes 8 --quiet --axis curve=p256,p384", "'p384' is not p256");
  refused("run mix --sizes 2 --quiet --axis mix-kinds=sha256", "given whole with --mix-kinds, not swept");
  refused("run trace --sizes 5 --quiet --axis programs=1,4", "--axis programs: 1 is not in [2, 4096]");
  refused("run trace --sizes 5 --quiet --programs 1", "--programs: 1 is not in [2, 4096]");
  refused(run + "--axis msg-bytes=1..4096:1 --axis invalid-ratio=0,1/2", "more than 4096 combinations");
}

}  // namespace
