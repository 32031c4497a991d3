// The run's outputs other than result.json: the console table, Markdown, CSV and Prometheus text, on a
// fixed set of cases (verified, failed, skipped, an e2e case with its h2d share, and names that need
// escaping in each format), against golden files in tests/vectors.
#include <gtest/gtest.h>

#include "report/console.hpp"
#include "report/csv.hpp"
#include "report/markdown_table.hpp"
#include "report/prometheus.hpp"
#include "tests/support.hpp"

namespace hwbench {
namespace {

CaseResult measured(const std::string& workload, const std::string& backend, Mode mode, std::uint64_t size,
                    std::vector<double> samples, double items) {
  CaseResult r;
  r.workload = workload;
  r.backend = backend;
  r.variant = "native";
  r.mode = mode;
  r.size = size;
  r.unit = "messages";
  r.name = workload + "/" + backend + "/native/" + std::string(to_string(mode)) + "/" + std::to_string(size);
  r.status = CaseStatus::ok;
  r.samples = std::move(samples);
  r.time = summarize(r.samples);
  r.items_per_second = items / r.time.median;
  r.bytes_per_second = 64 * items / r.time.median;
  return r;
}

std::vector<CaseResult> cases() {
  std::vector<CaseResult> out;
  out.push_back(measured("sha256", "cpu-serial", Mode::host, 1024, {7.4e-5, 7.5e-5, 7.3e-5}, 1024));
  auto e2e = measured("sha256", "cuda", Mode::e2e, 1 << 24, {2.1e-2, 2.0e-2, 2.2e-2}, 1 << 24);
  e2e.percent_of_h2d_bandwidth = 87.5;
  out.push_back(e2e);
  auto failed = measured("msm", "cpu-tbb", Mode::host, 256, {1.5e-3, 1.6e-3}, 256);
  failed.status = CaseStatus::failed;
  out.push_back(failed);
  CaseResult skipped;
  skipped.workload = "ed25519";
  skipped.backend = "cuda";
  skipped.variant = "native";
  skipped.mode = Mode::device;
  skipped.size = 64;
  skipped.unit = "signatures";
  skipped.reason = "no CUDA device: \"cudaErrorNoDevice\", driver 0";
  out.push_back(skipped);
  // A name with markup and separators, as a hostile result file could carry.
  out.push_back(measured("a,b|<i>\"x\"\n", "cpu-serial", Mode::host, 8, {1e-6, 1.1e-6, 0.9e-6}, 8));
  return out;
}

TEST(Reports, ConsoleAndMarkdownTables) {
  testing::expect_golden("results.golden.txt", console_table(cases()));
  const ResultTable table = result_table(cases());
  testing::expect_golden("results.golden.md", markdown_table(table.header, table.rows, table.numeric));
}

TEST(Reports, Csv) {
  const std::string csv = results_csv(cases());
  testing::expect_golden("results.golden.csv", csv);
  // Every record but the quoted line break ends in CRLF, and the hostile name is one quoted field.
  EXPECT_NE(csv.find("\"a,b|<i>\"\"x\"\"\n\""), std::string::npos);
}

TEST(Reports, Prometheus) {
  const std::string text = results_prometheus(cases());
  testing::expect_golden("results.golden.prom", text);
  // Label values escaped; the failed and skipped cases are counted, not measured.
  EXPECT_NE(text.find(R"(workload="a,b|<i>\"x\"\n")"), std::string::npos);
  EXPECT_NE(text.find(R"(hwbench_cases_total{backend="cpu-tbb",status="failed"} 1)"), std::string::npos);
  EXPECT_EQ(text.find("msm"), std::string::npos) << "a failed case has no duration or throughput";
  // Histogram buckets are cumulative and end at the count.
  EXPECT_NE(
      text.find(R"(hwbench_duration_seconds_bucket{workload="sha256",backend="cpu-serial",le="0.0001"} 3)"),
      std::string::npos);
  EXPECT_NE(text.find(R"(hwbench_duration_seconds_count{workload="sha256",backend="cuda"} 3)"),
            std::string::npos);
}

}  // namespace
}  // namespace hwbench
