// The run's outputs other than result.json: the console table, Markdown, CSV and Prometheus text, on a
// fixed set of cases (verified, failed, skipped, an e2e case with its h2d share, and names that need
// escaping in each format), against golden files in tests/vectors.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/error.hpp"
#include "core/merge.hpp"
#include "core/result_document.hpp"
#include "report/console.hpp"
#include "report/csv.hpp"
#include "report/gbench_json.hpp"
#include "report/html_report.hpp"
#include "report/markdown_table.hpp"
#include "report/prometheus.hpp"
#include "report/reporter.hpp"
#include "report/svg_chart.hpp"
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
  r.iterations.assign(r.samples.size(), 10);
  for (double s : r.samples) r.cpu_samples.push_back(s / 2);
  r.work.items = static_cast<std::uint64_t>(items);
  r.work.bytes = 64 * r.work.items;
  r.time = summarize(r.samples);
  r.items_per_second = items / r.time.median;
  r.bytes_per_second = 64 * items / r.time.median;
  return r;
}

std::vector<CaseResult> cases() {
  std::vector<CaseResult> out;
  out.push_back(measured("sha256", "cpu-serial", Mode::host, 1024, {7.4e-5, 7.5e-5, 7.3e-5}, 1024));
  out.back().parameters = {{"msg_bytes", 64}, {"label", "a,b"}};
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
  RunContext context;
  context.hwbench_version = "9.9.9";
  context.git_revision = "abc\"def";
  context.build_type = "release";
  const std::string text = results_prometheus({context, cases(), {}, {}});
  testing::expect_golden("results.golden.prom", text);
  // Label values escaped; the failed and skipped cases are counted, not measured.
  EXPECT_NE(text.find(R"(workload="a,b|<i>\"x\"\n")"), std::string::npos);
  EXPECT_NE(text.find(R"(hwbench_build_info{version="9.9.9",revision="abc\"def")"), std::string::npos);
  EXPECT_NE(text.find(R"(hwbench_cases{backend="cpu-tbb",status="failed"} 1)"), std::string::npos);
  EXPECT_EQ(text.find("msm"), std::string::npos) << "a failed case has no duration or throughput";
  // One summary per case: sizes are never pooled.
  const std::string labels =
      R"(workload="sha256",backend="cpu-serial",variant="native",mode="host",size="1024",)"
      R"(parameters="label=a,b, msg_bytes=64")";
  EXPECT_NE(text.find("hwbench_case_duration_seconds{" + labels + ",quantile=\"0.5\"} 7.4e-05"),
            std::string::npos);
  EXPECT_NE(text.find("hwbench_case_duration_seconds_count{" + labels + "} 3"), std::string::npos);
  EXPECT_EQ(text.find("_total"), std::string::npos) << "a run is a snapshot: gauges, not counters";
  EXPECT_TRUE(text.ends_with("# EOF\n"));
}

// Two cases of one document that differ only by machine (merged) or parameters get their own series.
TEST(Reports, PrometheusSeriesNeverShareLabels) {
  auto a = cases().front(), b = a, c = a;
  a.machine = "box-a";
  b.machine = "box-b";
  c.parameters = {{"msg_bytes", 64}};
  const std::string text = results_prometheus({{}, {a, b, c, c}, {}, {}});
  EXPECT_NE(text.find(R"(machine="box-a")"), std::string::npos);
  EXPECT_NE(text.find(R"(machine="box-b")"), std::string::npos);
  EXPECT_NE(text.find(R"(parameters="msg_bytes=64")"), std::string::npos);
  std::size_t counts = 0;
  for (auto at = text.find("hwbench_case_duration_seconds_count{"); at != std::string::npos;
       at = text.find("hwbench_case_duration_seconds_count{", at + 1))
    ++counts;
  EXPECT_EQ(counts, 3u) << "a case held twice is written once";
}

// Google Benchmark's JSON from the document alone: per measured case its repetitions, then the
// library's aggregates and hwbench's, with times per iteration in microseconds.
TEST(Reports, GbenchJsonFromTheDocument) {
  const auto doc = nlohmann::json::parse(gbench_json({{}, cases(), {}, {}}, "r.json"));
  const auto& b = doc["benchmarks"];
  // sha256 x2 and the hostile case: 3 repetitions + 7 aggregates; the failed msm case: 2 + 7.
  ASSERT_EQ(b.size(), 3u * (3 + 7) + (2 + 7));
  // Named by the case with its parameters as name:value segments, no run settings.
  EXPECT_EQ(b[0]["name"], "sha256/cpu-serial/native/host/1024/label:a,b/msg_bytes:64");
  EXPECT_EQ(b[0]["run_type"], "iteration");
  EXPECT_EQ(b[0]["iterations"], 10);
  EXPECT_NEAR(b[0]["real_time"].get<double>(), 74.0, 1e-9);
  EXPECT_NEAR(b[0]["cpu_time"].get<double>(), 37.0, 1e-9);
  EXPECT_NEAR(b[0]["items_per_second"].get<double>(), 1024 / 7.4e-5, 1e-3);
  EXPECT_EQ(b[0]["time_type"], "real_time");
  EXPECT_EQ(b[3]["name"], "sha256/cpu-serial/native/host/1024/label:a,b/msg_bytes:64_mean");
  EXPECT_EQ(b[3]["aggregate_name"], "mean");
  EXPECT_NEAR(b[3]["real_time"].get<double>(), 74.0, 1e-9);
  EXPECT_EQ(b[4]["aggregate_name"], "median");
  EXPECT_EQ(b[6]["aggregate_name"], "cv");
  EXPECT_EQ(b[6]["aggregate_unit"], "percentage");
  EXPECT_NEAR(b[6]["real_time"].get<double>(),
              summarize(std::vector<double>{7.4e-5, 7.5e-5, 7.3e-5}).stddev / 7.4e-5, 1e-9);
  EXPECT_EQ(b[9]["aggregate_name"], "p99");
  // Names from a result file are JSON strings whatever they hold (the library leaves \x01 raw).
  auto hostile = cases();
  hostile.front().name = std::string("ctl\x01\x1f\"") + "/x";
  hostile.front().parameters = nlohmann::json::object();
  const auto escaped = nlohmann::json::parse(gbench_json({{}, hostile, {}, {}}, "h.json"));
  EXPECT_EQ(escaped["benchmarks"][0]["name"], hostile.front().name);
  EXPECT_EQ(escaped["benchmarks"][3]["name"], hostile.front().name + "_mean");
  // A measured case saved without CPU times cannot be rendered, and says so.
  auto old = cases();
  old.front().cpu_samples.clear();
  try {
    gbench_json({{}, old, {}, {}}, "old.json");
    ADD_FAILURE() << "rendered without CPU times";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("old.json: case 0"), std::string::npos) << e.what();
  }
}

// The context carries Google Benchmark's CPU facts from the host the run recorded; a saved file's odd
// values are left out or read as 0, never trusted.
TEST(Reports, GbenchContextCarriesTheCpu) {
  RunContext context;
  context.host = nlohmann::json::parse(R"({"cpu": {"mhz_max": 3000.4, "mhz_current": 1500, "caches": [
      {"level": 1, "type": "Data", "bytes": 32768, "shared_cpus": "0-1"},
      {"level": 3, "type": "Unified", "bytes": 33554432, "shared_cpus": "0-7,16-23"},
      {"level": "x", "type": 5, "bytes": -1, "shared_cpus": "9-2"}, 7]}})");
  context.environment = {{"scaling_governors", {"performance", "powersave"}}};
  const auto doc = nlohmann::json::parse(gbench_json({context, cases(), {}, {}}, "r.json"));
  const auto& c = doc["context"];
  EXPECT_EQ(c["mhz_per_cpu"], 3000);
  EXPECT_EQ(c["cpu_scaling_enabled"], true);
  ASSERT_EQ(c["caches"].size(), 3u);
  EXPECT_EQ(c["caches"][0],
            nlohmann::json::parse(R"({"type": "Data", "level": 1, "size": 32768, "num_sharing": 2})"));
  EXPECT_EQ(c["caches"][1]["num_sharing"], 16);
  EXPECT_EQ(c["caches"][2],
            nlohmann::json::parse(R"({"type": "", "level": 0, "size": 0, "num_sharing": 0})"));
  context.environment = {{"scaling_governors", {"performance"}}};
  context.host = {{"cpu", {{"mhz_max", 0}, {"mhz_current", 2400.0}}}};
  const auto plain = nlohmann::json::parse(gbench_json({context, cases(), {}, {}}, "r.json"));
  EXPECT_EQ(plain["context"]["mhz_per_cpu"], 2400) << "the current clock where the maximum is unknown";
  EXPECT_EQ(plain["context"]["cpu_scaling_enabled"], false);
}

// Every reporter renders the same document, is found by its name and names a default file.
TEST(Reports, EveryReporterByName) {
  const ResultDocument doc{{}, cases(), {}, {}};
  EXPECT_EQ(reporter_names().front(), "table");
  for (const auto& r : reporters()) {
    ASSERT_EQ(find_reporter(r.name), &r);
    EXPECT_FALSE(r.default_output.empty()) << r.name;
    EXPECT_FALSE(r.render(doc, "r.json").empty()) << r.name;
  }
  EXPECT_EQ(find_reporter("xml"), nullptr);
  EXPECT_EQ(find_reporter("csv")->render(doc, ""), results_csv(doc.cases));
  EXPECT_EQ(nlohmann::json::parse(find_reporter("json")->render(doc, "")), to_json(doc));
}

// The fixture's strings carry markup: all of it must come out as text. Its cuda series overtakes the
// best CPU backend from 4K on, which the report says and marks; the failed and skipped cases get badges.
TEST(Reports, HtmlEscapesAndMarksTheCrossover) {
  const std::string fixture = testing::vector_path("report_fixture.json");
  const std::string html = html_report(read_result_document(fixture), fixture);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_EQ(html.find("<b>rev"), std::string::npos);
  EXPECT_NE(html.find("&lt;img src=x onerror=alert(1)&gt;"), std::string::npos);
  EXPECT_NE(html.find("Xeon &quot;quoted&quot; &amp; &lt;i&gt;co&lt;/i&gt;"), std::string::npos);
  std::size_t scripts = 0;
  for (std::size_t at = html.find("<script"); at != std::string::npos; at = html.find("<script", at + 1))
    ++scripts;
  EXPECT_EQ(scripts, 1u) << "only the report's own script";
  EXPECT_NE(html.find("<b>cuda/v/device</b> beats the best CPU backend from <b>4K</b>"), std::string::npos);
  EXPECT_NE(html.find("class=\"marker\""), std::string::npos);
  EXPECT_NE(html.find("class=\"badge bad\">MISMATCH"), std::string::npos);
  EXPECT_NE(html.find("class=\"badge skip\""), std::string::npos);
  EXPECT_NE(html.find("GPU telemetry over time (1 cases)"), std::string::npos);
  EXPECT_NE(html.find("41.5% bw"), std::string::npos);
  EXPECT_NE(html.find(": % of peak</title>"), std::string::npos);
  EXPECT_NE(html.find("41.5% of peak bandwidth"), std::string::npos);
  EXPECT_EQ(html.find("http"), html.find("http://www.w3.org/2000/svg")) << "no resource from the network";
}

// Two runs of one machine merged: a before/after table with each case's change and compare's verdict;
// runs of two machines get none.
TEST(Reports, HtmlBeforeAndAfterOfOneMachine) {
  RunContext box;
  box.host = {{"hostname", "box"}, {"cpu_model", "Xeon"}};
  const std::vector<double> before = {1.00e-3, 1.01e-3, 0.99e-3, 1.02e-3, 1.00e-3, 0.98e-3, 1.01e-3, 1.00e-3};
  std::vector<double> after;
  for (double s : before) after.push_back(1.3 * s);
  const auto doc = [&](const RunContext& ctx, const std::vector<double>& sha,
                       const std::vector<double>& msm) {
    return ResultDocument{ctx,
                          {measured("sha256", "cpu-serial", Mode::host, 1024, sha, 1024),
                           measured("msm", "cpu-tbb", Mode::host, 256, msm, 256)},
                          {},
                          {}};
  };
  const std::string html = html_report(
      merge_results({{"base.json", doc(box, before, before)}, {"new.json", doc(box, after, before)}}), "");
  EXPECT_NE(html.find("<h2>Before and after</h2>"), std::string::npos);
  EXPECT_NE(html.find("<tr class=\"verdict-slower\"><td>sha256/cpu-serial/native/host/1024</td>"),
            std::string::npos)
      << html.substr(html.find("Before and after"), 3000);
  EXPECT_NE(html.find("<tr class=\"verdict-same\"><td>msm/cpu-tbb/native/host/256</td>"), std::string::npos);
  EXPECT_NE(html.find("+30.0%"), std::string::npos);
  EXPECT_NE(html.find("result: regression (exit 1)"), std::string::npos);
  RunContext other = box;
  other.host["hostname"] = "other-box";
  const std::string two_machines = html_report(
      merge_results({{"base.json", doc(box, before, before)}, {"new.json", doc(other, after, before)}}), "");
  EXPECT_EQ(two_machines.find("Before and after"), std::string::npos);
}

TEST(Reports, ResultDocumentsAreCheckedBeforeReporting) {
  const auto dir = std::filesystem::temp_directory_path() / ("hwbench-report-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  for (const std::string text : {"[]", R"({"schema": "hwbench-result", "schema_version": 1})",
                                 R"({"schema": "hwbench-result", "schema_version": 1, "cases": [1]})",
                                 R"({"schema": "hwbench-result", "schema_version": 7, "cases": []})", "{"}) {
    std::ofstream(dir / "r.json") << text;
    EXPECT_THROW(read_result_document(dir / "r.json"), UsageError) << text;
  }
  // Mistyped fields are refused with the field's path, never shown as they are or a crash.
  const std::string head = R"({"schema": "hwbench-result", "schema_version": 1, "context": {}, "cases": [)";
  for (const std::string& bad_case :
       {std::string(R"({"name": "a", "status": "ok", "workload": 5})"),
        std::string(R"({"name": "a", "status": "ok", "size": "big"})"),
        std::string(R"({"name": "a", "status": "ok", "time_seconds": {"median": "fast"}})"),
        std::string(R"({"name": "a", "status": null})"),
        std::string(R"({"name": "a", "status": "ok", "telemetry": {"samples": 3}})")}) {
    std::ofstream(dir / "r.json") << head << bad_case << "]}";
    EXPECT_THROW(read_result_document(dir / "r.json"), UsageError) << bad_case;
  }
  std::ofstream(dir / "r.json") << head << R"({"name": "a", "status": "ok"}]})";
  const std::string html = html_report(read_result_document(dir / "r.json"), "r.json");
  EXPECT_NE(html.find("data-ready"), std::string::npos);
  std::filesystem::remove_all(dir);
}

// Axes and ticks end for every value a chart may be handed, finite or not: extreme points are left out,
// the rest is drawn with a bounded number of ticks.
TEST(Reports, ChartsTerminateForEveryValue) {
  const double inf = std::numeric_limits<double>::infinity(), nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<double> extremes = {5e-324,  1e-310, 1e-300, 1e-12, 0,   -0.0, -1e20, 1,
                                        1.7e308, 1e300,  inf,    -inf,  nan, 1e15, 3};
  for (const auto format : {AxisFormat::size, AxisFormat::seconds, AxisFormat::rate, AxisFormat::plain}) {
    for (const bool log : {true, false}) {
      for (const double a : extremes) {
        for (const double b : extremes) {
          ChartSpec spec;
          spec.x_format = spec.y_format = format;
          spec.log_x = spec.log_y = log;
          spec.series.push_back({"s", "#000", {{a, b}, {b, a}, {1, 1}}, {}, {{a, b}, {b, a}, {-inf, b}}});
          spec.markers.push_back({a, "m"});
          const std::string svg = svg_chart(spec);
          EXPECT_LT(svg.size(), 20000u) << a << " " << b;
          ASSERT_EQ(svg.find("nan"), std::string::npos) << a << " " << b << svg;
          ASSERT_EQ(svg.find("inf"), std::string::npos) << a << " " << b << svg;
        }
      }
    }
  }
}

// The legend sits under the plot and wraps: every name whole inside the chart, however long (merged
// runs name machine, file and series); each point's spread is a bar.
TEST(Reports, ChartLegendsWrapAndNeverClip) {
  ChartSpec spec;
  for (int i = 0; i < 7; ++i) {
    spec.series.push_back(
        {fmt::format("gpu-host-{} · NVIDIA H100 80GB HBM3 (runs/{}/result.json): cuda/native/e2e", i, i),
         "#123456",
         {{1024, 1e-3}, {2048, 2e-3}},
         {},
         {{0.9e-3, 1.1e-3}, {1.8e-3, 2.2e-3}}});
  }
  const std::string svg = svg_chart(spec);
  const auto number_after = [&](std::size_t at, const std::string& key) {
    return std::stod(svg.substr(svg.find(key, at) + key.size()));
  };
  const double width = number_after(0, "width=\""), height = number_after(0, "height=\"");
  EXPECT_EQ(width, 720);
  EXPECT_GT(height, 360 + 7 * 16 - 1) << "one row per long name";
  std::size_t legends = 0;
  for (auto at = svg.find("<text class=\"legend\""); at != std::string::npos;
       at = svg.find("<text class=\"legend\"", at + 1), ++legends) {
    const double x = number_after(at, "x=\""), y = number_after(at, "y=\"");
    const std::size_t begin = svg.find('>', at) + 1;
    const std::string name = svg.substr(begin, svg.find("</text>", begin) - begin);
    EXPECT_LE(x + 6.5 * static_cast<double>(name.size()), width) << name;
    EXPECT_LE(y, height);
    EXPECT_GT(y, 360 - 1) << "under the plot";
  }
  EXPECT_EQ(legends, 7u);
  std::size_t bands = 0;
  for (auto at = svg.find("class=\"band\""); at != std::string::npos; at = svg.find("class=\"band\"", at + 1))
    ++bands;
  EXPECT_EQ(bands, 14u);
}

}  // namespace
}  // namespace hwbench
