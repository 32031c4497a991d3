#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/backend.hpp"
#include "core/workload.hpp"
#include "workloads/signatures/verdicts.hpp"

namespace hwbench::signatures {

// Verdicts of items [0, n) by `verify(i)`, one item per task at least: each takes 50-250 us, far above a
// task's cost, so that a batch of 16 spreads over 16 threads.
template <class Verify>
void verify_all(std::size_t n, const Executor& executor, const Verify& verify,
                std::vector<std::uint8_t>& out) {
  out.resize(n);
  executor.for_range(n, 1, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) out[i] = verify(i) ? 1 : 0;
  });
}

// A CPU runner over a per-item verifier: the timed iteration is verify_all; notes name the path and
// count the accepted items per kind of tampering.
template <class Verify>
class VerdictRunner final : public Runner {
 public:
  VerdictRunner(std::size_t n, const Executor& executor, Verify verify, std::string path,
                const std::vector<std::uint8_t>& kinds, KindName kind_name)
      : m_n(n),
        m_executor(executor),
        m_verify(std::move(verify)),
        m_path(std::move(path)),
        m_kinds(kinds),
        m_kind_name(kind_name) {}

  std::optional<double> iterate() override {
    verify_all(m_n, m_executor, m_verify, m_verdicts);
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
  const Executor& m_executor;
  Verify m_verify;
  std::string m_path;
  const std::vector<std::uint8_t>& m_kinds;
  KindName m_kind_name;
  std::vector<std::uint8_t> m_verdicts;
};

}  // namespace hwbench::signatures
