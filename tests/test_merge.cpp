// hwbench merge: sources and per-case machine labels, merging merged files, splitting back, and compare
// pairing merged results machine by machine.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/comparison.hpp"
#include "core/merge.hpp"
#include "core/result_document.hpp"
#include "tests/support.hpp"

namespace hwbench {
namespace {

ResultDocument run_on(const std::string& host, const std::string& gpu, double seconds) {
  nlohmann::json context = {{"host", {{"hostname", host}}}, {"backends", nlohmann::json::object()}};
  if (!gpu.empty()) context["backends"]["cuda"] = {{"device", {{"name", gpu}}}};
  nlohmann::json samples = nlohmann::json::array();
  for (int i = 0; i < 6; ++i) samples.push_back(seconds * (1 + 0.001 * i));
  const nlohmann::json doc = {
      {"schema", "hwbench-result"},
      {"schema_version", 1},
      {"context", context},
      {"cases",
       {{{"name", "ntt/cuda/forward/device/1024"}, {"status", "ok"}, {"samples_seconds", samples}}}}};
  return result_document_from_json(doc, host + ".json");
}

TEST(Merge, LabelsSplitsAndMergesAgain) {
  const ResultDocument merged = merge_results({{"a.json", run_on("box-a", "NVIDIA H100", 1e-3)},
                                               {"b.json", run_on("box-b", "", 2e-3)},
                                               {"c.json", run_on("box-a", "NVIDIA H100", 1e-3)}});
  ASSERT_EQ(merged.sources.size(), 3u);
  EXPECT_EQ(merged.sources[0].machine, "box-a · NVIDIA H100");
  EXPECT_EQ(merged.sources[1].machine, "box-b");
  EXPECT_EQ(merged.sources[2].machine, "box-a · NVIDIA H100 #2") << "a second run of one machine stays apart";
  ASSERT_EQ(merged.cases.size(), 3u);
  EXPECT_EQ(merged.cases[1].source, 1u);
  EXPECT_EQ(merged.cases[1].machine, "box-b");
  EXPECT_EQ(merged.context.host["hostname"], "box-a");
  // Written and read back, the merged document is the same record.
  const ResultDocument back = result_document_from_json(to_json(merged), "m.json");
  EXPECT_EQ(to_json(back), to_json(merged));
  EXPECT_EQ(back.merged_by, merged.merged_by);
  // Split back: one plain document per source with its own context and cases.
  const auto parts = split_merged({"m.json", back});
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[1].source, "m.json: b.json");
  EXPECT_EQ(parts[1].document.context.host["hostname"], "box-b");
  ASSERT_EQ(parts[1].document.cases.size(), 1u);
  EXPECT_FALSE(parts[1].document.cases[0].source);
  EXPECT_EQ(parts[1].document.cases[0].machine, "");
  // Merging a merged file with another run flattens the sources.
  const ResultDocument again = merge_results({{"m.json", merged}, {"d.json", run_on("box-d", "", 3e-3)}});
  EXPECT_EQ(again.sources.size(), 4u);
  EXPECT_EQ(again.cases[3].source, 3u);
  EXPECT_EQ(again.cases[0].machine, "box-a · NVIDIA H100");
}

TEST(Merge, ComparePairsMergedResultsPerMachine) {
  const auto dir = std::filesystem::temp_directory_path() / ("hwbench-merge-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  write_result_document(dir / "base.json",
                        merge_results({{"a", run_on("box-a", "", 1e-3)}, {"b", run_on("box-b", "", 1e-3)}}));
  // box-b got 20% slower; box-a did not change.
  write_result_document(dir / "new.json", merge_results({{"a", run_on("box-a", "", 1e-3)},
                                                         {"b", run_on("box-b", "", 1.2e-3)}}));
  const Comparison c =
      compare_results(load_result_set(dir / "base.json"), load_result_set(dir / "new.json"), {});
  ASSERT_EQ(c.cases.size(), 2u);
  EXPECT_EQ(c.cases[0].key, "ntt/cuda/forward/device/1024 @box-a");
  EXPECT_EQ(c.cases[0].verdict, Verdict::same);
  EXPECT_EQ(c.cases[1].verdict, Verdict::slower);
  EXPECT_TRUE(c.only_in_base.empty());
  // The merged document is a result document like any other.
  EXPECT_NO_THROW(read_result_document(dir / "new.json"));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace hwbench
