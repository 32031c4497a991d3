// The hwbench binary end to end: run -> files -> fields, exit codes, one-line errors, --dump.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "calibration/profile.hpp"
#include "tests/cli_fixture.hpp"
#include "workloads/sha256/openssl_sha256.hpp"

namespace {

using namespace hwbench::testing;

TEST_F(Cli, RunWritesVerifiedResultsInBothFormats) {
  const Result r = hwbench("run sha256 merkle --sizes 1K,3000 --backend cpu-serial,cpu-tbb " +
                           std::string(kFast) + " --out " + (m_dir / "res").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(slurp(m_dir / "res" / "result.json"));
  EXPECT_EQ(doc["schema"], "hwbench-result");
  EXPECT_EQ(doc["schema_version"], 1);
  EXPECT_FALSE(doc["context"]["git_revision"].get<std::string>().empty());
  EXPECT_EQ(doc["context"]["argv"][1], "run");
  EXPECT_TRUE(doc["context"]["host"].contains("cpu_model"));
  // sha256: 2 backends x 2 variants x 2 sizes; merkle: 2 backends x 2 sizes.
  ASSERT_EQ(doc["cases"].size(), 12u);
  for (const auto& c : doc["cases"]) {
    EXPECT_EQ(c["status"], "ok") << c["name"];
    EXPECT_EQ(c["verified"], true) << c["name"];
    EXPECT_EQ(c["samples_seconds"].size(), 2u);
    EXPECT_GT(c["items_per_second"].get<double>(), 0);
    EXPECT_GT(c["time_seconds"]["median"].get<double>(), 0);
  }
  const auto gbench = nlohmann::json::parse(slurp(m_dir / "res" / "gbench.json"));
  EXPECT_TRUE(gbench.contains("context"));
  ASSERT_FALSE(gbench["benchmarks"].empty());
  EXPECT_EQ(gbench["benchmarks"][0]["time_unit"], "us");
  EXPECT_TRUE(gbench["benchmarks"][0].contains("items_per_second"));
  // No temporary files left behind.
  for (const auto& entry : fs::directory_iterator(m_dir / "res")) {
    EXPECT_EQ(entry.path().string().find(".tmp."), std::string::npos) << entry.path();
  }
}

// Options shared by workloads: one --msg-bytes serves sha256 and ed25519, each with its own range and
// default; --invalid-ratio serves ed25519 and ecdsa.
TEST_F(Cli, SignatureWorkloadsTakeTheirSharedOptions) {
  const Result r = hwbench(
      "run ed25519 ecdsa sha256 --sizes 40 --backend cpu-serial --msg-bytes 0 --invalid-ratio 1/2 "
      "--curve secp256k1 " +
      std::string(kFast) + " --out " + (m_dir / "sig").string());
  // sha256 takes no empty messages: refused before anything runs, whatever the other workloads take.
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("sha256 takes --msg-bytes from 1"), std::string::npos) << r.err;
  const Result ok = hwbench(
      "run ed25519 ecdsa --sizes 40 --backend cpu-serial,cpu-tbb --msg-bytes 0 --invalid-ratio 1/2 "
      "--curve secp256k1 " +
      std::string(kFast) + " --out " + (m_dir / "sig").string());
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  const auto doc = nlohmann::json::parse(slurp(m_dir / "sig" / "result.json"));
  // ed25519 openssl and native, ecdsa openssl, on each of the two backends.
  ASSERT_EQ(doc["cases"].size(), 6u);
  for (const auto& c : doc["cases"]) {
    EXPECT_EQ(c["verified"], true) << c["name"];
    EXPECT_EQ(c["parameters"]["invalid_ratio"], "1/2") << c["name"];
    if (c["workload"] == "ed25519") {
      EXPECT_EQ(c["parameters"]["msg_bytes"], 0);
    }
    if (c["workload"] == "ecdsa") {
      EXPECT_EQ(c["parameters"]["curve"], "secp256k1");
    }
    // Per-kind counts of accepted items are recorded; some of the 40 were spoiled and rejected.
    std::uint64_t accepted = 0;
    for (const auto& [kind, counts] : c["notes"]["verdicts"].items())
      accepted += counts["accepted"].get<std::uint64_t>();
    EXPECT_GT(accepted, 0u) << c["name"];
    EXPECT_LT(accepted, 40u) << c["name"];
  }
}

TEST_F(Cli, QuickDefaultSuiteCoversEveryWorkload) {
  const Result r = hwbench("run --backend cpu-serial --out " + (m_dir / "q").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("sha256"), std::string::npos);
  EXPECT_NE(r.out.find("merkle"), std::string::npos);
  EXPECT_NE(r.out.find("vecadd"), std::string::npos);
  EXPECT_NE(r.out.find("verified"), std::string::npos);
}

TEST_F(Cli, DumpWritesCheckableFiles) {
  const Result r =
      hwbench("run sha256 --sizes 5 --msg-bytes 20 --backend cpu-serial --variant native " +
              std::string(kFast) + " --out " + (m_dir / "o").string() + " --dump " + (m_dir / "d").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const fs::path dir = m_dir / "d" / "sha256-5";
  const auto manifest = nlohmann::json::parse(slurp(dir / "manifest.json"));
  EXPECT_EQ(manifest["size"], 5);
  EXPECT_EQ(manifest["parameters"]["msg_bytes"], 20);
  const std::string messages = slurp(dir / "messages.bin");
  ASSERT_EQ(messages.size(), 100u);
  std::istringstream digests(slurp(dir / "output-cpu-serial-native-host.hex"));
  hwbench::sha256::OpensslHasher hasher;
  for (int i = 0; i < 5; ++i) {
    std::string line;
    ASSERT_TRUE(std::getline(digests, line));
    std::byte d[32];
    hasher.hash(reinterpret_cast<const std::byte*>(messages.data()) + 20 * i, 20, d);
    char want[65];
    for (int k = 0; k < 32; ++k) std::snprintf(want + 2 * k, 3, "%02x", std::to_integer<unsigned>(d[k]));
    EXPECT_EQ(line, want) << "message " << i;
  }
  bool listed = false;
  for (const auto& f : manifest["files"]) listed |= f["file"] == "messages.bin" && f["encoding"] == "bytes";
  EXPECT_TRUE(listed);
}

TEST_F(Cli, UsageErrorsExitTwoWithOneLine) {
  for (const std::string args : {"run nosuchworkload",
                                 "run sha256 --sizes 10..5",
                                 "run sha256 --sizes abc",
                                 "run sha256 --backend nosuch",
                                 "run sha256 --variant nosuch",
                                 "run sha256 --msg-bytes 0",
                                 "run sha256 --repetitions 0",
                                 "frobnicate",
                                 "run sha256 --sizes 1G --msg-bytes 1048576",
                                 "run --bogus-flag",
                                 "run sha256 --min-time 0",
                                 "run sha256 --warmup -1",
                                 "run sha256 --threads -2",
                                 "run ed25519 --msg-bytes 70000",
                                 "run ed25519 --invalid-ratio 2",
                                 "run ed25519 --invalid-ratio 1/0",
                                 "run ecdsa --invalid-ratio x",
                                 "run ecdsa --curve p384",
                                 "run sha256 --msg-bytes -3",
                                 "run sha256 --inject-fault segfault",
                                 "run sha256 --inject-fault oom:2",
                                 "run sha256 --retries 11",
                                 "run sha256 --backend auto --profile /nonexistent/profile.json",
                                 "run sha256 --profile x.json"}) {
    const Result r = hwbench(args + " --out " + (m_dir / "never").string());
    EXPECT_EQ(r.exit_code, 2) << args << "\n" << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << args << ": " << r.err;
    EXPECT_EQ(r.err.rfind("hwbench: ", 0), 0u) << r.err;
    EXPECT_FALSE(fs::exists(m_dir / "never" / "result.json")) << args;
  }
}

// A mistyped subcommand, workload, backend, variant or option is named with the nearest one; a word
// near nothing gets no guess. Bare hwbench prints its usage.
TEST_F(Cli, TyposGetDidYouMean) {
  for (const auto& [args, hint] : std::vector<std::pair<std::string, std::string>>{
           {"rn sha256", "unknown subcommand 'rn' (did you mean 'run'?)"},
           {"raport x.json", "(did you mean 'report'?)"},
           {"run sha25 --sizes 1K", "unknown workload 'sha25' (did you mean 'sha256'?)"},
           {"run sha256 --sizs 1K", "--sizs (did you mean '--sizes'?)"},
           {"run sha256 --sizes=1K --repetitons=2", "(did you mean '--repetitions'?)"},
           {"run vecadd --backend cpu-tbbb", "(did you mean 'cpu-tbb'?)"},
           {"run sha256 --variant nativ", "(did you mean 'native'?)"},
           {"report x.json --fromat csv", "(did you mean '--format'?)"},
           {"calibrate sha265", "(did you mean 'sha256'?)"}}) {
    const Result r = hwbench(args + " --out " + (m_dir / "never").string());
    EXPECT_EQ(r.exit_code, 2) << args << "\n" << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << args << ": " << r.err;
    EXPECT_NE(r.err.find(hint), std::string::npos) << args << ": " << r.err;
  }
  const Result far = hwbench("run zzzzzzzz");
  EXPECT_EQ(far.exit_code, 2);
  EXPECT_EQ(far.err.find("did you mean"), std::string::npos) << far.err;
  const Result bare = hwbench("");
  EXPECT_EQ(bare.exit_code, 2);
  EXPECT_NE(bare.err.find("Usage: hwbench [OPTIONS] SUBCOMMAND"), std::string::npos) << bare.err;
  EXPECT_NE(bare.err.find("calibrate"), std::string::npos) << bare.err;
}

TEST_F(Cli, UnavailableBackendExitsThree) {
  const Result info = hwbench("info --json");
  ASSERT_EQ(info.exit_code, 0);
  const auto doc = nlohmann::json::parse(info.out);
  if (!doc["backends"]["cuda"].contains("unavailable")) GTEST_SKIP() << "a CUDA device is present";
  const Result r =
      hwbench("run sha256 --backend cuda " + std::string(kFast) + " --out " + (m_dir / "c").string());
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("cuda"), std::string::npos);
  const Result cal = hwbench("calibrate sha256 --out " + (m_dir / "p.json").string());
  EXPECT_EQ(cal.exit_code, 3) << cal.err;
  EXPECT_NE(cal.err.find("calibrate needs the cuda backend"), std::string::npos) << cal.err;
  EXPECT_FALSE(fs::exists(m_dir / "p.json"));
  EXPECT_EQ(hwbench("calibrate nosuch").exit_code, 2);
  EXPECT_EQ(hwbench("calibrate --budget 0").exit_code, 2);
}

// A run compared with itself passes; a synthetic 10% regression exits 1 in every format; bad input 2.
TEST_F(Cli, CompareGatesOnRegressions) {
  const fs::path res = m_dir / "res";
  ASSERT_EQ(
      hwbench(
          "run vecadd --sizes 1K --backend cpu-serial --repetitions 5 --min-time 0.001 --warmup 0 --quiet "
          "--out " +
          res.string())
          .exit_code,
      0);
  for (const char* file : {"result.json", "gbench.json"}) {
    const std::string path = (res / file).string();
    const Result self = hwbench("compare " + path + " " + path);
    EXPECT_EQ(self.exit_code, 0) << file << "\n" << self.out << self.err;
    EXPECT_NE(self.out.find("result: no regression"), std::string::npos) << self.out;
  }
  auto synthetic = [&](const std::string& name, double scale) {
    nlohmann::json cases = nlohmann::json::array();
    nlohmann::json samples = nlohmann::json::array();
    for (int i = 0; i < 8; ++i) samples.push_back(scale * (1e-3 + 1e-6 * i));
    cases.push_back(
        {{"name", "sha256/cpu-serial/native/host/1024"}, {"status", "ok"}, {"samples_seconds", samples}});
    const fs::path path = m_dir / name;
    std::ofstream(path) << nlohmann::json{
        {"schema", "hwbench-result"},
        {"schema_version", 1},
        {"cases", cases}}.dump();
    return path.string();
  };
  const std::string base = synthetic("base.json", 1.0), slower = synthetic("slower.json", 1.1);
  for (const char* format : {"table", "markdown", "json"}) {
    const Result r = hwbench("compare " + base + " " + slower + " --format " + std::string(format) +
                             " --out " + (m_dir / "cmp.out").string());
    EXPECT_EQ(r.exit_code, 1) << format << "\n" << r.out << r.err;
    EXPECT_EQ(slurp(m_dir / "cmp.out"), r.out) << format;
    if (std::string(format) == "json") {
      const auto doc = nlohmann::json::parse(r.out);
      EXPECT_EQ(doc["cases"][0]["verdict"], "slower");
      EXPECT_EQ(doc["exit_code"], 1);
    }
  }
  EXPECT_EQ(hwbench("compare " + base + " " + slower + " --threshold 15%").exit_code, 0);
  EXPECT_EQ(hwbench("compare " + slower + " " + base).exit_code, 0) << "faster is not a regression";
  for (const std::string& args :
       {"compare " + base, "compare " + base + " " + (m_dir / "missing.json").string(),
        "compare " + base + " " + base + " --threshold abc", "compare " + base + " " + base + " --alpha 2",
        "compare " + base + " " + base + " --format html", "compare " + base + " " + (m_dir / "res").string(),
        "compare " + base + " " + base + " --out " + (m_dir / "no" / "such" / "dir" / "x").string()}) {
    const Result r = hwbench(args);
    EXPECT_EQ(r.exit_code, 2) << args << "\n" << r.out << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << args << ": " << r.err;
  }
}

TEST_F(Cli, TableFormatsAndPrometheusFile) {
  const std::string common = "run vecadd --sizes 1K,2K --backend cpu-serial --overwrite " +
                             std::string(kFast) + " --out " + (m_dir / "res").string();
  const Result csv = hwbench(common.substr(0, common.find(" --quiet")) + " --format csv --out " +
                             (m_dir / "res").string() + " --prometheus " + (m_dir / "m.prom").string());
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out.rfind("workload,backend,variant,mode,size,parameters,unit,status,median_seconds", 0), 0u)
      << csv.out;
  EXPECT_EQ(std::count(csv.out.begin(), csv.out.end(), '\n'), 3) << "header and two cases";
  // Standard error is no terminal here: one line per finished case, as a CI log shows them.
  EXPECT_NE(csv.err.find("[1/2] vecadd/cpu-serial/default/host/1024: ok, median "), std::string::npos)
      << csv.err;
  EXPECT_NE(csv.err.find("[2/2] vecadd/cpu-serial/default/host/2048: ok, median "), std::string::npos)
      << csv.err;
  const std::string prom = slurp(m_dir / "m.prom");
  EXPECT_NE(prom.find("# TYPE hwbench_case_duration_seconds summary"), std::string::npos);
  EXPECT_NE(prom.find(R"(hwbench_cases{backend="cpu-serial",status="ok"} 2)"), std::string::npos) << prom;
  // A saved result.json renders as the run did: the CSV it printed, the gbench.json it wrote.
  const std::string saved = (m_dir / "res" / "result.json").string();
  const Result csv_again = hwbench("report " + saved + " --format csv --out -");
  ASSERT_EQ(csv_again.exit_code, 0) << csv_again.err;
  EXPECT_EQ(csv_again.out, csv.out);
  const Result gbench_again = hwbench("report " + saved + " --format gbench --out -");
  ASSERT_EQ(gbench_again.exit_code, 0) << gbench_again.err;
  EXPECT_EQ(gbench_again.out, slurp(m_dir / "res" / "gbench.json"));
  const Result prom_again =
      hwbench("report " + saved + " --format prometheus --out " + (m_dir / "again.prom").string());
  ASSERT_EQ(prom_again.exit_code, 0) << prom_again.err;
  EXPECT_EQ(slurp(m_dir / "again.prom"), prom);
  const Result md = hwbench(common.substr(0, common.find(" --quiet")) + " --format markdown --out " +
                            (m_dir / "res").string());
  ASSERT_EQ(md.exit_code, 0) << md.err;
  EXPECT_EQ(md.out.rfind("| workload | backend |", 0), 0u) << md.out;
  EXPECT_EQ(hwbench(common + " --format xml").exit_code, 2);
  // --html writes the report beside the results; `report` reads them back; bad files exit 2.
  ASSERT_EQ(hwbench(common + " --html").exit_code, 0);
  EXPECT_NE(slurp(m_dir / "res" / "report.html").find("<svg class=\"chart\""), std::string::npos);
  const Result report =
      hwbench("report " + (m_dir / "res" / "result.json").string() + " --out " + (m_dir / "r.html").string());
  EXPECT_EQ(report.exit_code, 0) << report.err;
  EXPECT_TRUE(fs::exists(m_dir / "r.html"));
  const Result bad =
      hwbench("report " + (m_dir / "m.prom").string() + " --out " + (m_dir / "bad.html").string());
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(std::count(bad.err.begin(), bad.err.end(), '\n'), 1) << bad.err;
  EXPECT_FALSE(fs::exists(m_dir / "bad.html"));
  // Two runs merged into one file, then reported machine by machine.
  const std::string run_json = (m_dir / "res" / "result.json").string();
  const Result merge =
      hwbench("merge " + run_json + " " + run_json + " --out " + (m_dir / "merged.json").string());
  ASSERT_EQ(merge.exit_code, 0) << merge.err;
  const auto merged = nlohmann::json::parse(slurp(m_dir / "merged.json"));
  EXPECT_EQ(merged["sources"].size(), 2u);
  EXPECT_EQ(hwbench("report " + (m_dir / "merged.json").string() + " --out " + (m_dir / "m.html").string())
                .exit_code,
            0);
  EXPECT_NE(slurp(m_dir / "m.html").find("Machines compared"), std::string::npos);
  EXPECT_EQ(hwbench("merge " + run_json).exit_code, 2) << "--out is required";
}

TEST_F(Cli, ListAndInfo) {
  const Result list = hwbench("list");
  ASSERT_EQ(list.exit_code, 0);
  for (const char* name : {"sha256", "merkle", "vecadd", "cpu-serial", "cpu-tbb", "cuda", "openssl", "native",
                           "--msg-bytes", "--invalid-ratio", "--curve", "--mix-kinds", "(gpu)", "(serial)"}) {
    EXPECT_NE(list.out.find(name), std::string::npos) << name;
  }
  const Result info = hwbench("info --json");
  ASSERT_EQ(info.exit_code, 0);
  const auto doc = nlohmann::json::parse(info.out);
  EXPECT_GT(doc["host"]["logical_cores"].get<int>(), 0);
  EXPECT_GT(doc["host"]["memory_bytes"].get<double>(), 0);
  EXPECT_EQ(hwbench("--help").exit_code, 0);
  EXPECT_EQ(hwbench("--version").exit_code, 0);
}

// A profile for this machine (its identity as `info --json` gives it) saying the GPU wins sha256 end to
// end from 64K against either CPU backend.
nlohmann::json sha256_profile(const nlohmann::json& machine) {
  nlohmann::json thresholds = nlohmann::json::array();
  for (const char* cpu : {"cpu-tbb", "cpu-serial"}) {
    for (const char* mode : {"device", "e2e"}) {
      thresholds.push_back(
          {{"cpu_backend", cpu}, {"mode", mode}, {"kind", "crossover"}, {"size", 65536}, {"below", 46341}});
    }
  }
  const nlohmann::json variant = {{"variant", "native"},
                                  {"cpu_variants", {"native", "openssl"}},
                                  {"thresholds", thresholds},
                                  {"split", nullptr},
                                  {"max_gpu_size", 1 << 28}};
  const nlohmann::json workload = {{"workload", "sha256"},  {"parameters", {{"msg_bytes", 64}}},
                                   {"min_size", 1024},      {"max_size", 1 << 20},
                                   {"variants", {variant}}, {"curve", nlohmann::json::array()}};
  return {{"schema", "hwbench-profile"},
          {"schema_version", 1},
          {"machine", machine},
          {"created", "2026-11-22T10:00:00Z"},
          {"budget_seconds", 120},
          {"elapsed_seconds", 60},
          {"alpha", 0.05},
          {"repetitions", 5},
          {"gpu_memory_limit_bytes", 0},
          {"workloads", {workload}}};
}

// --backend auto routes each case by the profile and records why; without a GPU the cases the profile
// gives the GPU fall back to the CPU, and say so.
TEST_F(Cli, AutoRoutesByTheProfileAndRecordsWhy) {
  const Result info = hwbench("info --json");
  ASSERT_EQ(info.exit_code, 0);
  const auto machine_info = nlohmann::json::parse(info.out);
  const auto& cuda = machine_info["backends"]["cuda"];
  const bool gpu = !cuda.contains("unavailable");
  // Built without CUDA there are no cuda implementations: every job stays on the CPU for that reason.
  const bool built =
      gpu || cuda["unavailable"].get<std::string>().find("built without CUDA") == std::string::npos;
  const fs::path profile = m_dir / "profile.json";
  std::ofstream(profile) << sha256_profile(machine_info["machine"]).dump(2);
  const Result r = hwbench("run sha256 --sizes 1K,1M --backend auto --profile " + profile.string() + " " +
                           std::string(kFast) + " --out " + (m_dir / "res").string() + " --prometheus " +
                           (m_dir / "metrics.prom").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(slurp(m_dir / "res" / "result.json"));
  EXPECT_EQ(doc["context"]["settings"]["strategy"], "auto");
  // One case per size: native and openssl are one job.
  ASSERT_EQ(doc["cases"].size(), 2u);
  for (const auto& c : doc["cases"]) {
    EXPECT_EQ(c["status"], "ok") << c["name"];
    const auto& route = c["route"];
    ASSERT_TRUE(route.is_object()) << c["name"];
    EXPECT_EQ(route["strategy"], "auto");
    EXPECT_EQ(route["backend"], c["backend"]);
    const std::string reason = route["reason"];
    if (!built) {
      EXPECT_EQ(c["backend"], "cpu-tbb");
      EXPECT_EQ(reason, "no GPU implementation of this job");
    } else if (c["size"] == 1024) {
      EXPECT_EQ(c["backend"], "cpu-tbb");
      EXPECT_NE(reason.find("under the GPU's range: crossover 64K against cpu-tbb"), std::string::npos)
          << reason;
    } else if (gpu) {
      EXPECT_EQ(c["backend"], "cuda");
      EXPECT_EQ(c["mode"], "e2e");
    } else {
      EXPECT_EQ(c["backend"], "cpu-tbb");
      EXPECT_TRUE(route.contains("fallback"));
      EXPECT_NE(reason.find("cuda is unavailable"), std::string::npos) << reason;
    }
  }
  EXPECT_NE(slurp(m_dir / "metrics.prom").find("hwbench_routed_cases{strategy=\"auto\",backend=\"cpu-tbb\"}"),
            std::string::npos);
}

// --backend split divides what the profile lets it divide and says why not otherwise; --adapt records
// its thresholds' moves (none here: the profile has no curves to scale).
TEST_F(Cli, SplitAndAdaptRecordWhatTheyDid) {
  const Result info = hwbench("info --json");
  ASSERT_EQ(info.exit_code, 0);
  const fs::path profile = m_dir / "profile.json";
  std::ofstream(profile) << sha256_profile(nlohmann::json::parse(info.out)["machine"]).dump(2);
  const std::string common =
      "run sha256 --sizes 1K,1M --profile " + profile.string() + " " + std::string(kFast);
  const Result split = hwbench(common + " --backend split --out " + (m_dir / "split").string());
  ASSERT_EQ(split.exit_code, 0) << split.err;
  auto doc = nlohmann::json::parse(slurp(m_dir / "split" / "result.json"));
  EXPECT_EQ(doc["context"]["settings"]["strategy"], "split");
  ASSERT_EQ(doc["cases"].size(), 2u);
  for (const auto& c : doc["cases"]) {
    EXPECT_EQ(c["route"]["strategy"], "split");
    EXPECT_NE(c["route"]["reason"].get<std::string>().find("not split"), std::string::npos) << c["route"];
  }
  const Result adapt =
      hwbench(common + " --backend auto --adapt --adapt-window 3 --out " + (m_dir / "adapt").string());
  ASSERT_EQ(adapt.exit_code, 0) << adapt.err;
  doc = nlohmann::json::parse(slurp(m_dir / "adapt" / "result.json"));
  EXPECT_EQ(doc["context"]["settings"]["adapt_window"], 3);
  EXPECT_TRUE(doc["context"]["settings"]["adaptation"].is_array());
  for (const auto& c : doc["cases"]) EXPECT_EQ(c["route"]["adapt"]["window"], 3) << c["route"];

  for (const std::string& bad :
       {std::string("run sha256 --adapt --backend cpu-tbb"), std::string("run mix --backend auto"),
        std::string("run mix --mix-kinds sha256,nosuch --backend cpu-tbb"), std::string("calibrate mix"),
        std::string("run sha256 --backend split,cuda")}) {
    const Result r = hwbench(bad + " --out " + (m_dir / "never").string());
    EXPECT_EQ(r.exit_code, 2) << bad << ": " << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << bad << ": " << r.err;
  }
}

// A mix stream on the CPU: every job verified against its own workload's reference.
TEST_F(Cli, MixRunsAStreamOfJobs) {
  const Result r = hwbench("run mix --sizes 5 --mix-kinds sha256,ntt --backend cpu-tbb " +
                           std::string(kFast) + " --out " + (m_dir / "mix").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(slurp(m_dir / "mix" / "result.json"));
  ASSERT_EQ(doc["cases"].size(), 1u);
  const auto& c = doc["cases"][0];
  EXPECT_EQ(c["name"], "mix/cpu-tbb/cpu-only/host/5");
  EXPECT_EQ(c["status"], "ok");
  EXPECT_EQ(c["unit"], "jobs");
  EXPECT_EQ(c["notes"]["jobs"].size(), 5u);
}

TEST_F(Cli, AutoRefusesProfilesItCannotTrust) {
  const Result info = hwbench("info --json");
  ASSERT_EQ(info.exit_code, 0);
  nlohmann::json machine = nlohmann::json::parse(info.out)["machine"];
  const std::string run = "run sha256 --sizes 1K --backend auto " + std::string(kFast) + " --out " +
                          (m_dir / "never").string() + " --profile ";
  auto refused = [&](const std::string& content, const std::string& says) {
    const fs::path p = m_dir / "p.json";
    std::ofstream(p) << content;
    const Result r = hwbench(run + p.string());
    EXPECT_EQ(r.exit_code, 2) << says << ": " << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_NE(r.err.find(says), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(m_dir / "never" / "result.json"));
  };
  // Another machine: its own fingerprint, consistent with its description.
  nlohmann::json other = machine;
  other["cpu_model"] = "Another CPU";
  hwbench::calibration::Machine m;
  m.cpu_model = "Another CPU";
  m.logical_cores = machine["logical_cores"];
  m.memory_bytes = machine["memory_bytes"];
  m.gpu_name = machine["gpu_name"];
  m.gpu_memory_bytes = machine["gpu_memory_bytes"];
  other["fingerprint"] = hwbench::calibration::fingerprint_of(m);
  refused(sha256_profile(other).dump(), "profile of another machine");
  other["cpu_model"] = "Edited CPU";
  refused(sha256_profile(other).dump(), "fingerprint does not match");
  refused(std::string(200000, '[') + std::string(200000, ']'), "nested more than 64 levels deep");
  refused("{\"schema\": \"hwbench-profile\", \"schema_version\": 1e400}", "not JSON");
  nlohmann::json huge = sha256_profile(machine);
  huge["workloads"][0]["variants"][0]["thresholds"][0]["size"] = 1e30;
  refused(huge.dump(), "is not a non-negative integer");
  nlohmann::json typed = sha256_profile(machine);
  typed["workloads"][0]["variants"] = "native";
  refused(typed.dump(), "'workloads[0].variants' is not an array");
  EXPECT_EQ(hwbench(run + (m_dir / "absent.json").string()).exit_code, 2);
  const Result mixed = hwbench("run sha256 --backend auto,cpu-tbb --out " + (m_dir / "never").string());
  EXPECT_EQ(mixed.exit_code, 2);
  EXPECT_NE(mixed.err.find("cannot be combined"), std::string::npos) << mixed.err;
  // No --profile and none for this machine in ./profiles.
  const std::string cmd = "cd " + m_dir.string() + " && " + binary() + " " + run.substr(0, run.size() - 11) +
                          " >/dev/null 2>" + (m_dir / "err").string();
  const int status = std::system(cmd.c_str());
  EXPECT_EQ(WEXITSTATUS(status), 2);
  EXPECT_NE(slurp(m_dir / "err").find("no profile for this machine"), std::string::npos)
      << slurp(m_dir / "err");
}

}  // namespace

namespace {

// --axis sweeps a parameter like sizes: each value its own cases, shared by every workload that
// declares it, recorded in every output; gbench.json names carry the values as name:value segments.
TEST_F(Cli, AxesSweepParametersAcrossWorkloads) {
  const fs::path out = m_dir / "axes";
  const Result r = hwbench(
      "run sha256 ed25519 vecadd --sizes 8 --backend cpu-serial --variant openssl,default "
      "--axis msg-bytes=16,1K --axis invalid-ratio=0,1/2 " +
      std::string(kFast) + " --out " + out.string() + " --dump " + (m_dir / "d").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(slurp(out / "result.json"));
  std::multiset<std::string> seen;
  for (const auto& c : doc["cases"]) {
    EXPECT_EQ(c["verified"], true) << c["name"];
    seen.insert(c["workload"].get<std::string>() + " " +
                c.value("parameters", nlohmann::json::object()).dump());
  }
  // sha256: 2 message lengths; ed25519: 2 x 2 combinations; vecadd declares neither: once, as it is.
  EXPECT_EQ(seen.count(R"(sha256 {"msg_bytes":16})"), 1u);
  EXPECT_EQ(seen.count(R"(sha256 {"msg_bytes":1024})"), 1u);
  for (const char* p : {R"(ed25519 {"invalid_ratio":"0","msg_bytes":16})",
                        R"(ed25519 {"invalid_ratio":"1/2","msg_bytes":1024})"}) {
    EXPECT_EQ(seen.count(p), 1u) << p;
  }
  EXPECT_EQ(std::count_if(seen.begin(), seen.end(),
                          [](const std::string& s) { return s.rfind("vecadd ", 0) == 0; }),
            1);
  EXPECT_EQ(seen.size(), 7u);
  const Result csv = hwbench("report " + (out / "result.json").string() + " --format csv --out -");
  EXPECT_NE(csv.out.find("\"invalid_ratio=1/2, msg_bytes=1024\""), std::string::npos)
      << "CSV's parameters column\n"
      << csv.out;
  const Result table = hwbench("report " + (out / "result.json").string() + " --format table --out -");
  EXPECT_NE(table.out.find("parameters"), std::string::npos) << "the table shows what the axes swept\n"
                                                             << table.out;
  EXPECT_NE(table.out.find("invalid_ratio=1/2, msg_bytes=16"), std::string::npos) << table.out;
  const auto gbench = nlohmann::json::parse(slurp(out / "gbench.json"));
  std::set<std::string> names;
  for (const auto& b : gbench["benchmarks"]) names.insert(b["run_name"].get<std::string>());
  EXPECT_TRUE(names.contains("sha256/cpu-serial/openssl/host/8/msg_bytes:1024")) << gbench.dump(1);
  EXPECT_TRUE(names.contains("ed25519/cpu-serial/openssl/host/8/invalid_ratio:1%2F2/msg_bytes:16"));
  // One dump folder per combination, the ratio's slash kept out of the path.
  EXPECT_TRUE(fs::exists(m_dir / "d" / "ed25519-8-msg-bytes=16-invalid-ratio=1_2" / "manifest.json"));
  // The gbench file pairs with the result file, case by case, parameters and all.
  const Result cmp =
      hwbench("compare " + (out / "result.json").string() + " " + (out / "gbench.json").string());
  EXPECT_EQ(cmp.exit_code, 0) << cmp.out << cmp.err;
  EXPECT_NE((cmp.out + cmp.err).find("compare: 7 compared"), std::string::npos) << cmp.out << cmp.err;
}

}  // namespace
