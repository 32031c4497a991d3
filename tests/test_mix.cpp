// The mix workload: a seeded stream of other workloads' jobs, each checked against its own reference;
// a wrong output of any job fails the whole stream.
#include <gtest/gtest.h>

#include <set>

#include "core/error.hpp"
#include "core/parameter.hpp"
#include "core/registry.hpp"
#include "core/session.hpp"
#include "workloads/mix/workload.hpp"
#include "workloads/sha256/workload.hpp"

namespace hwbench::mix {
namespace {

Workload& mix_with_kinds(const std::string& kinds) {
  for (const auto& w : Registry::instance().workloads()) {
    if (w->name() != "mix") continue;
    apply_parameters(*w, {{"mix-kinds", kinds}});
    return *w;
  }
  throw std::logic_error("mix is not registered");
}

const Implementation& strategy(const std::string& backend, const std::string& name) {
  for (const Implementation* i : Registry::instance().implementations("mix")) {
    if (i->backend == backend && i->variant == name) return *i;
  }
  throw std::logic_error("no mix strategy " + name);
}

std::vector<std::pair<std::string, std::uint64_t>> jobs_of(const CaseInput& input) {
  std::vector<std::pair<std::string, std::uint64_t>> out;
  for (const Job& j : static_cast<const Input&>(input).jobs) out.emplace_back(j.workload->name(), j.size);
  return out;
}

TEST(Mix, ASeededStreamOfTheKindsAsked) {
  Workload& mix = mix_with_kinds("sha256,ntt,merkle");
  mix.check_size(12);
  const auto a = mix.generate(12, 3);
  EXPECT_EQ(jobs_of(*a), jobs_of(*mix.generate(12, 3))) << "the seed decides the stream";
  EXPECT_NE(jobs_of(*a), jobs_of(*mix.generate(12, 4)));
  std::set<std::string> seen;
  const auto& in = static_cast<const Input&>(*a);
  for (const Job& j : in.jobs) {
    seen.insert(std::string(j.workload->name()));
    const auto kind = std::find_if(kinds().begin(), kinds().end(),
                                   [&](const Kind& k) { return k.workload == j.workload->name(); });
    ASSERT_NE(kind, kinds().end());
    EXPECT_NE(std::find(kind->sizes.begin(), kind->sizes.end(), j.size), kind->sizes.end());
    for (const Job& other : in.jobs) {
      if (other.workload == j.workload && other.size == j.size) {
        EXPECT_EQ(other.input, j.input) << "made once";
      }
    }
  }
  EXPECT_EQ(seen, (std::set<std::string>{"merkle", "ntt", "sha256"}));
  EXPECT_THROW(mix.check_size(0), UsageError);
  EXPECT_THROW(mix_with_kinds("sha256,nosuch").check_size(4), UsageError);
}

TEST(Mix, CpuOnlyVerifiesAndAnyWrongJobFailsTheStream) {
  Workload& mix = mix_with_kinds("sha256,ntt");
  const auto input = mix.generate(6, 11);
  const auto reference = mix.reference(*input, serial_executor());
  Backend& tbb = *Registry::instance().find_backend("cpu-tbb");
  auto runner = strategy("cpu-tbb", "cpu-only").make(*input, {tbb, Mode::host, tbb.executor()});
  runner->iterate();
  const auto out = runner->result();
  const Verification v = mix.verify(*input, *reference, *out);
  EXPECT_TRUE(v.ok) << v.detail;
  EXPECT_GT(v.checked, 6u);
  const nlohmann::json notes = runner->notes();
  EXPECT_EQ(notes["jobs"].size(), 6u);
  EXPECT_EQ(notes["jobs_per_backend"]["cpu-tbb"], 6);

  // One digest of one sha256 job flipped.
  const auto& in = static_cast<const Input&>(*input);
  Output wrong = static_cast<const Output&>(*out);
  std::size_t spoiled = in.jobs.size();
  for (std::size_t j = 0; j < in.jobs.size() && spoiled == in.jobs.size(); ++j) {
    if (in.jobs[j].workload->name() != "sha256") continue;
    auto digests = std::make_shared<sha256::Output>(static_cast<const sha256::Output&>(*wrong.outputs[j]));
    digests->digests[5] ^= std::byte{1};
    wrong.outputs[j] = digests;
    spoiled = j;
  }
  ASSERT_LT(spoiled, in.jobs.size()) << "the stream of seed 11 has a sha256 job";
  const Verification bad = mix.verify(*input, *reference, wrong);
  EXPECT_FALSE(bad.ok);
  EXPECT_NE(bad.detail.find("job " + std::to_string(spoiled) + " (sha256"), std::string::npos) << bad.detail;
}

TEST(Mix, GpuStrategiesNeedTheGpuAndAProfile) {
  Workload& mix = mix_with_kinds("sha256");
  const auto input = mix.generate(2, 1);
  const auto reference = mix.reference(*input, serial_executor());
  Backend* cuda = Registry::instance().find_backend("cuda");
  ASSERT_NE(cuda, nullptr);
  for (const char* name : {"gpu-only", "auto", "split"}) {
    const PlannedCase c{&mix, 2, &strategy("cuda", name), cuda, Mode::device};
    const CaseResult r = run_case(c, *input, *reference, MeasureOptions{1, 1e-3, 0});
    EXPECT_EQ(r.status, CaseStatus::skipped) << name << ": " << r.reason;
    if (cuda->unavailable_reason().empty()) {
      EXPECT_NE(r.reason.find("end to end"), std::string::npos) << r.reason;
    }
  }
}

}  // namespace
}  // namespace hwbench::mix
