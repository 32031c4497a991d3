// Workload `mix`: the stream's jobs are drawn from a seeded generator, each job's input made by its own
// workload (and cached there where that workload caches), its reference by its own CPU reference.
#include "workloads/mix/workload.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>

#include "core/dump.hpp"
#include "core/error.hpp"
#include "core/registry.hpp"
#include "core/rng.hpp"

namespace hwbench::mix {

std::string_view to_string(Strategy strategy) {
  switch (strategy) {
    case Strategy::cpu_only:
      return "cpu-only";
    case Strategy::gpu_only:
      return "gpu-only";
    case Strategy::automatic:
      return "auto";
    case Strategy::split:
      return "split";
  }
  return "?";
}

const std::vector<Kind>& kinds() {
  static const std::vector<Kind> all = {
      {"sha256", {1 << 6, 1 << 8, 1 << 10, 1 << 14, 1 << 18, 1 << 20}},
      {"merkle", {1 << 6, 1 << 9, 1 << 12, 1 << 16, 1 << 20}},
      {"ed25519", {1 << 4, 1 << 6, 1 << 10, 1 << 13}},
      {"msm", {1 << 5, 1 << 6, 1 << 8, 1 << 12, 1 << 14}},
      {"ntt", {1 << 6, 1 << 8, 1 << 10, 1 << 14, 1 << 18}},
  };
  return all;
}

namespace {

constexpr std::uint64_t kMaxJobs = 4096;
constexpr std::uint64_t kStream = 0x6d6978;  // "mix"

class MixWorkload final : public TypedWorkload<Input, Output> {
 public:
  std::string_view name() const override { return "mix"; }
  std::string_view description() const override {
    return "a seeded stream of N jobs of other workloads at varied sizes, under each scheduling strategy";
  }
  std::string_view unit() const override { return "jobs"; }
  std::vector<std::uint64_t> default_sizes() const override { return {32}; }
  std::vector<std::uint64_t> quick_sizes() const override { return {8}; }
  bool composite() const override { return true; }

  std::vector<Parameter> options() override {
    std::vector<std::string> names;
    for (const Kind& k : kinds()) names.emplace_back(k.workload);
    return {
        {"mix-kinds",
         fmt::format("the workloads its jobs are drawn from (comma list; default {})", fmt::join(names, ",")),
         ParameterKind::list, names, [this](const std::string& text) { m_kinds = split_list(text); }},
        {"profile",
         "the profile its auto and split strategies route by",
         ParameterKind::path,
         {},
         [this](const std::string& text) { m_profile = text; }}};
  }

  void check_size(std::uint64_t n) const override {
    if (n < 1 || n > kMaxJobs) throw UsageError(fmt::format("mix takes 1 to {} jobs, not {}", kMaxJobs, n));
    if (selected().empty()) {
      throw UsageError(
          fmt::format("--mix-kinds: none of '{}' is a kind mix draws from", fmt::join(m_kinds, ",")));
    }
    for (const std::string& k : m_kinds) {
      if (std::none_of(kinds().begin(), kinds().end(), [&](const Kind& kind) { return kind.workload == k; }))
        throw UsageError(fmt::format("--mix-kinds: '{}' is not a kind mix draws from", k));
    }
  }

  Work work(std::uint64_t n) const override {
    Work w;
    w.items = n;
    return w;
  }
  std::string job(std::string_view variant) const override { return std::string(variant); }
  nlohmann::json parameters() const override {
    std::vector<std::string> names;
    for (const Kind* k : selected()) names.emplace_back(k->workload);
    return {{"kinds", names}};
  }

  Input make_input(std::uint64_t n, std::uint64_t seed) const override {
    Input in;
    in.profile = m_profile;
    const std::vector<const Kind*> menu = selected();
    Rng rng(seed, kStream);
    std::map<std::pair<const Workload*, std::uint64_t>, std::shared_ptr<const CaseInput>> made;
    for (std::uint64_t j = 0; j < n; ++j) {
      const Kind& kind = *menu[rng.below(menu.size())];
      Job job;
      job.workload = Registry::instance().find_workload(kind.workload);
      job.size = kind.sizes[rng.below(kind.sizes.size())];
      auto& input = made[{job.workload, job.size}];
      if (!input) input = job.workload->generate(job.size, seed);
      job.input = input;
      in.jobs.push_back(std::move(job));
    }
    return in;
  }

  Output make_reference(const Input& in, const Executor& executor) const override {
    Output out;
    std::map<const CaseInput*, std::shared_ptr<const CaseOutput>> made;
    for (const Job& job : in.jobs) {
      auto& reference = made[job.input.get()];
      if (!reference) reference = job.workload->reference(*job.input, executor);
      out.workloads.push_back(job.workload);
      out.outputs.push_back(reference);
    }
    return out;
  }

  Verification compare(const Input& in, const Output& expected, const Output& got) const override {
    Verification v;
    if (got.outputs.size() != in.jobs.size()) {
      v.detail = fmt::format("{} outputs for {} jobs", got.outputs.size(), in.jobs.size());
      return v;
    }
    for (std::size_t j = 0; j < in.jobs.size(); ++j) {
      const Job& job = in.jobs[j];
      const Verification each = job.workload->verify(*job.input, *expected.outputs[j], *got.outputs[j]);
      v.checked += each.checked;
      v.mismatches += each.mismatches + (each.ok || each.mismatches > 0 ? 0 : 1);
      if (!each.ok && v.detail.empty())
        v.detail = fmt::format("job {} ({} {}): {}", j, job.workload->name(), job.size, each.detail);
    }
    v.ok = v.mismatches == 0;
    if (v.ok)
      v.detail =
          fmt::format("every job's output equals its workload's CPU reference ({} jobs)", in.jobs.size());
    return v;
  }

  void write_input(const Input& in, DumpWriter& out) const override {
    nlohmann::json jobs = nlohmann::json::array();
    for (const Job& job : in.jobs) jobs.push_back({{"workload", job.workload->name()}, {"size", job.size}});
    // Each job's input is its workload's input of that size and the run's seed.
    out.note("jobs", std::move(jobs));
  }
  void write_output(const Output& o, DumpWriter& out, const std::string& stem) const override {
    for (std::size_t j = 0; j < o.outputs.size(); ++j)
      o.workloads[j]->dump_output(*o.outputs[j], out, fmt::format("{}-job{}", stem, j));
  }

 private:
  static std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> out;
    std::size_t begin = 0;
    while (begin <= text.size()) {
      const std::size_t end = std::min(text.find(',', begin), text.size());
      if (end > begin) out.push_back(text.substr(begin, end - begin));
      begin = end + 1;
    }
    return out;
  }
  // The kinds drawn from: those named (all by default) whose workload is registered.
  std::vector<const Kind*> selected() const {
    std::vector<const Kind*> out;
    for (const Kind& k : kinds()) {
      const bool named = m_kinds.empty() ||
                         std::find(m_kinds.begin(), m_kinds.end(), std::string(k.workload)) != m_kinds.end();
      if (named && Registry::instance().find_workload(k.workload) != nullptr) out.push_back(&k);
    }
    return out;
  }

  std::vector<std::string> m_kinds;
  std::optional<std::filesystem::path> m_profile;
};

const Registration registration{[] { Registry::instance().add_workload(std::make_unique<MixWorkload>()); }};

}  // namespace
}  // namespace hwbench::mix
