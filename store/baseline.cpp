#include "store/baseline.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>

#include "core/error.hpp"
#include "core/parameter.hpp"
#include "core/statistics.hpp"
#include "store/store.hpp"

namespace hwbench::store {
namespace {

bool measured_ok(const CaseResult& c) { return c.status == CaseStatus::ok && !c.samples.empty(); }

}  // namespace

ResultDocument pool_runs(const std::vector<ResultDocument>& newest_first) {
  ResultDocument pooled;
  if (newest_first.empty()) return pooled;
  pooled.context = newest_first.front().context;
  std::map<std::string, std::size_t> index;  // comparison key -> position in pooled.cases
  for (const ResultDocument& run : newest_first) {
    for (const CaseResult& c : run.cases) {
      const auto [it, added] = index.emplace(comparison_key(c), pooled.cases.size());
      if (added) {
        pooled.cases.push_back(c);
        continue;
      }
      CaseResult& into = pooled.cases[it->second];
      if (!measured_ok(into) || !measured_ok(c)) continue;
      into.samples.insert(into.samples.end(), c.samples.begin(), c.samples.end());
      into.cpu_samples.insert(into.cpu_samples.end(), c.cpu_samples.begin(), c.cpu_samples.end());
    }
  }
  for (CaseResult& c : pooled.cases) {
    if (measured_ok(c)) c.time = summarize(c.samples);
  }
  return pooled;
}

ResultSet baseline_from_store(const StoreUrl& url, const RunContext& context) {
  std::size_t last = kDefaultBaselineRuns;
  if (const auto it = url.query.find("last"); it != url.query.end()) {
    try {
      last = parse_count(it->second);
    } catch (const UsageError& e) {
      throw UsageError(fmt::format("store '{}': last: {}", url.text, e.what()));
    }
    if (last < 1 || last > kMaxBaselineRuns)
      throw UsageError(
          fmt::format("store '{}': last={} is not in [1, {}]", url.text, last, kMaxBaselineRuns));
  }
  const auto tag = url.query.find("tag");
  const std::string* tag_name = tag != url.query.end() ? &tag->second : nullptr;
  const std::string machine = machine_fingerprint(context);
  const auto store = open_store(StoreUrl{url.kind, url.target, {}, url.text});
  // The new result may be stored already (run --store): it is no baseline of itself.
  std::vector<ResultDocument> runs;
  std::vector<std::string> names;
  for (const std::int64_t id : store->recent_runs(machine, tag_name, last + 1)) {
    ResultDocument run = store->run(id);
    const bool itself = run.context.start_time == context.start_time && run.context.argv == context.argv &&
                        run.context.seed == context.seed;
    if (itself || runs.size() == last) continue;
    runs.push_back(std::move(run));
    names.push_back(std::to_string(id));
  }
  if (runs.empty()) {
    throw UsageError(fmt::format("store '{}': no stored run of machine {}{} besides the new one", url.text,
                                 machine,
                                 tag_name ? fmt::format(" with tag '{}'", *tag_name) : std::string()));
  }
  return result_set_of(fmt::format("{} (runs {})", url.text, fmt::join(names, ", ")), pool_runs(runs));
}

}  // namespace hwbench::store
