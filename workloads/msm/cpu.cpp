// msm on the CPU backends: signed-digit Pippenger; cpu-tbb runs (window, point range) tasks.
#include "core/registry.hpp"
#include "workloads/bls12_381/fp_ifma.hpp"
#include "workloads/msm/pippenger.hpp"
#include "workloads/msm/workload.hpp"

namespace hwbench::msm {
namespace {

class CpuRunner final : public Runner {
 public:
  CpuRunner(const Input& in, const Executor& executor)
      : m_in(in), m_executor(executor), m_plan(plan_pippenger(in.count, executor.concurrency())) {}

  std::optional<double> iterate() override {
    m_result = pippenger(m_in.bases, m_in.scalars, m_plan, m_executor).to_affine();
    return std::nullopt;
  }
  std::unique_ptr<CaseOutput> result() override {
    auto out = std::make_unique<Output>();
    out->result = m_result;
    return out;
  }
  nlohmann::json notes() const override {
    return {{"window_bits", m_plan.window_bits},
            {"windows", m_plan.windows},
            {"chunks_per_window", m_plan.chunks},
            {"affine_batch", m_plan.batch},
            {"windows_per_task", m_plan.batch > 0 ? m_plan.windows_per_task : 1},
            {"bucket_reduction", m_plan.batch > 0 && bls12_381::ifma::available() && m_plan.window_bits >= 7
                                     ? "AVX-512 IFMA, 8 bucket segments per vector, complete formulas"
                                     : "running sums"},
            {"field_multiplication", bls12_381::adx::kAvailable ? "mulx/adx" : "portable"},
            {"batch_arithmetic", m_plan.batch == 0              ? "none (XYZZ buckets)"
                                 : bls12_381::ifma::available() ? "AVX-512 IFMA, 8 additions per vector"
                                                                : "scalar"},
            {"threads", m_executor.concurrency()}};
  }

 private:
  const Input& m_in;
  const Executor& m_executor;
  PippengerPlan m_plan;
  G1Affine m_result;
};

const Registration registration{[] {
  for (const char* backend : {"cpu-serial", "cpu-tbb"}) {
    Registry::instance().add_implementation(
        {"msm", backend, "pippenger",
         "signed-digit Pippenger, batched affine buckets (XYZZ for small inputs)",
         typed_factory<Input>([](const Input& in, const ExecContext& ctx) {
           return std::make_unique<CpuRunner>(in, ctx.executor);
         })});
  }
}};

}  // namespace
}  // namespace hwbench::msm
