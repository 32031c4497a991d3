#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/backend.hpp"
#include "core/workload.hpp"
#include "workloads/signatures/verdicts.hpp"

namespace hwbench::signatures {

// Verdicts of items [0, n) by `verify_range(begin, end, out)`, which sets out[i] to 1 or 0 for the items
// of [begin, end): the items go to the executor's threads in groups of `group` (a verifier that works on
// several items at once, in vector lanes, takes them whole), one group per task at least.
template <class VerifyRange>
void verify_groups(std::size_t n, std::size_t group, const Executor& executor,
                   const VerifyRange& verify_range, std::vector<std::uint8_t>& out) {
  out.resize(n);
  executor.for_range((n + group - 1) / group, 1, [&](std::size_t first, std::size_t last) {
    verify_range(first * group, std::min(last * group, n), out.data());
  });
}

// A range verifier (for verify_groups) from a verifier of one item, `verify(i)`: each takes 10-250 us,
// far above a task's cost, so that a batch of 16 spreads over 16 threads.
template <class Verify>
auto each_item(Verify verify) {
  return [verify = std::move(verify)](std::size_t begin, std::size_t end, std::uint8_t* out) {
    for (std::size_t i = begin; i < end; ++i) out[i] = verify(i) ? 1 : 0;
  };
}

template <class Verify>
void verify_all(std::size_t n, const Executor& executor, const Verify& verify,
                std::vector<std::uint8_t>& out) {
  verify_groups(n, 1, executor, each_item(verify), out);
}

// A CPU runner over a range verifier: the timed iteration is verify_groups; notes name the path and
// count the accepted items per kind of tampering.
template <class VerifyRange>
class VerdictRunner final : public Runner {
 public:
  VerdictRunner(std::size_t n, std::size_t group, const Executor& executor, VerifyRange verify_range,
                std::string path, const std::vector<std::uint8_t>& kinds, KindName kind_name)
      : m_n(n),
        m_group(group),
        m_executor(executor),
        m_verify_range(std::move(verify_range)),
        m_path(std::move(path)),
        m_kinds(kinds),
        m_kind_name(kind_name) {}

  std::optional<double> iterate() override {
    verify_groups(m_n, m_group, m_executor, m_verify_range, m_verdicts);
    return std::nullopt;
  }
  std::unique_ptr<CaseOutput> result() override {
    auto out = std::make_unique<Verdicts>();
    out->accepted = m_verdicts;
    return out;
  }
  nlohmann::json notes() const override {
    return {{"path", m_path},
            {"threads", m_executor.concurrency()},
            {"verdicts", verdict_summary(m_verdicts, m_kinds, m_kind_name)}};
  }

 private:
  std::size_t m_n;
  std::size_t m_group;
  const Executor& m_executor;
  VerifyRange m_verify_range;
  std::string m_path;
  const std::vector<std::uint8_t>& m_kinds;
  KindName m_kind_name;
  std::vector<std::uint8_t> m_verdicts;
};

}  // namespace hwbench::signatures
