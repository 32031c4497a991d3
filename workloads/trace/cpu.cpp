// trace on the CPU backends. cpu-serial proves on the calling thread; cpu-tbb hashes each trace's
// subtrees in parallel (single, batch, cached) or proves whole programs on separate threads (parallel).
#include <algorithm>
#include <chrono>

#include "core/registry.hpp"
#include "core/statistics.hpp"
#include "workloads/sha256/sha256_native.hpp"
#include "workloads/trace/proof_cache.hpp"
#include "workloads/trace/workload.hpp"

namespace hwbench::trace {
namespace {

class CpuRunner final : public Runner {
 public:
  CpuRunner(const Input& in, Variant variant, const Executor& executor)
      : m_in(in),
        m_variant(variant),
        m_executor(executor),
        m_options{in.challenges, kMaxRows},
        m_cache(in.cache_entries) {
    m_out.which = proof_order(in, variant);
    m_out.proofs.resize(m_out.which.size());
    if (variant == Variant::cached) {
      // The same request stream proved without the cache, for the speed-up in the notes.
      std::vector<double> seconds;
      for (int pass = 0; pass < 3; ++pass) {
        const auto start = std::chrono::steady_clock::now();
        for (std::size_t j = 0; j < m_out.which.size(); ++j) prove(m_out.which[j], m_out.proofs[j]);
        seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
      }
      m_uncached_seconds = summarize(seconds).median;
    }
  }

  std::optional<Work> work() const override {
    return proof_work(m_in.n, m_out.which.size(), m_in.challenges);
  }

  std::optional<double> iterate() override {
    switch (m_variant) {
      case Variant::single:
      case Variant::batch:
        for (std::size_t j = 0; j < m_out.which.size(); ++j) prove(m_out.which[j], m_out.proofs[j]);
        break;
      case Variant::parallel:
        m_executor.for_range(m_out.which.size(), 1, [&](std::size_t begin, std::size_t end) {
          thread_local Prover prover;
          for (std::size_t j = begin; j < end; ++j) {
            prover.prove(m_in.program, m_in.inputs[m_out.which[j]], m_options, serial_executor(),
                         m_out.proofs[j]);
          }
        });
        break;
      case Variant::cached:
        serve_requests();
        break;
    }
    return std::nullopt;
  }

  std::unique_ptr<CaseOutput> result() override { return std::make_unique<Output>(m_out); }

  nlohmann::json notes() const override {
    nlohmann::json j = {{"programs", m_out.which.size()},
                        {"rows_per_program", fib_rows(m_in.n)},
                        {"proof_bytes", m_out.proofs.front().bytes.size()},
                        {"challenges", m_in.challenges},
                        {"sha256", std::string(sha256::to_string(sha256::native_path()))},
                        {"subtree_leaves", kSubtreeLeaves},
                        {"threads", m_executor.concurrency()}};
    if (m_variant == Variant::cached) {
      const auto& st = m_cache.stats();
      const double cached = summarize(m_served_seconds).median;
      j["cache"] = {{"capacity", m_in.cache_entries},
                    {"requests", m_out.which.size()},
                    {"hits", st.hits},
                    {"misses", st.misses},
                    {"evictions", st.evictions},
                    {"hit_rate", static_cast<double>(st.hits) / static_cast<double>(st.hits + st.misses)},
                    {"uncached_seconds", m_uncached_seconds},
                    {"cached_seconds", cached},
                    {"speedup", cached > 0 ? m_uncached_seconds / cached : 0.0}};
    }
    return j;
  }

 private:
  void prove(std::uint32_t input, Proof& out) {
    m_prover.prove(m_in.program, m_in.inputs[input], m_options, m_executor, out);
  }

  // Every pass starts from an empty cache, so each iteration sees the stream's own hit rate.
  void serve_requests() {
    const auto start = std::chrono::steady_clock::now();
    m_cache.clear();
    for (std::size_t j = 0; j < m_out.which.size(); ++j) {
      const ProofCache::Key key{m_in.program.hash(), m_in.inputs[m_out.which[j]]};
      if (const Proof* hit = m_cache.find(key)) {
        m_out.proofs[j] = *hit;
      } else {
        prove(m_out.which[j], m_out.proofs[j]);
        m_cache.insert(key, m_out.proofs[j]);
      }
    }
    m_served_seconds.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }

  const Input& m_in;
  Variant m_variant;
  const Executor& m_executor;
  ProofOptions m_options;
  Prover m_prover;
  ProofCache m_cache;
  Output m_out;
  double m_uncached_seconds = 0;
  std::vector<double> m_served_seconds;
};

void register_variant(const char* backend, Variant variant, const char* description) {
  Registry::instance().add_implementation(
      {"trace", backend, std::string(to_string(variant)), description,
       typed_factory<Input>([variant](const Input& in, const ExecContext& ctx) {
         return std::make_unique<CpuRunner>(in, variant, ctx.executor);
       })});
}

const Registration registration{[] {
  for (const char* backend : {"cpu-serial", "cpu-tbb"}) {
    register_variant(backend, Variant::single, "one program: run, commit (cache-sized subtrees), open");
    register_variant(backend, Variant::batch, "a batch of programs, one after another, one prover's buffers");
    register_variant(backend, Variant::cached, "a request stream with repeats through an LRU proof cache");
  }
  register_variant("cpu-tbb", Variant::parallel, "a batch of programs across threads, one prover each");
}};

}  // namespace
}  // namespace hwbench::trace
