// ntt on the CPU backends: radix-2 decimation in time with cache-sized blocks (radix2.cpp); cpu-tbb
// splits each pass over blocks or butterflies.
#include "core/registry.hpp"
#include "workloads/ntt/radix2.hpp"
#include "workloads/ntt/workload.hpp"

namespace hwbench::ntt {
namespace {

class CpuRunner final : public Runner {
 public:
  CpuRunner(const Input& in, Direction direction, const Executor& executor)
      : m_in(in),
        m_direction(direction),
        m_executor(executor),
        m_transform(Domain(in.count), direction, executor),
        m_out(in.count) {}

  std::optional<double> iterate() override {
    m_transform(m_in.values, m_out, m_executor);
    return std::nullopt;
  }
  std::unique_ptr<CaseOutput> result() override {
    auto out = std::make_unique<Output>();
    (m_direction == Direction::forward ? out->forward : out->inverse) = m_out;
    return out;
  }
  nlohmann::json notes() const override {
    const bool vector = m_transform.vectorized();
    return {{"algorithm", "radix-2 decimation in time, bit-reversing copy first"},
            {"cache_block_elements", kBlock},
            {"twiddles", "precomputed per stage at set-up"},
            {"inverse_scaling", vector ? "folded into the conversion out" : "folded into the last stage"},
            {"field_multiplication", vector ? "AVX-512 IFMA, 8 lanes of 5 x 52-bit limbs"
                                     : bls12_381::adx::kAvailable ? "mulx/adx"
                                                                  : "portable"},
            {"threads", m_executor.concurrency()}};
  }

 private:
  const Input& m_in;
  Direction m_direction;
  const Executor& m_executor;
  Radix2 m_transform;
  std::vector<Fr> m_out;
};

const Registration registration{[] {
  for (const char* backend : {"cpu-serial", "cpu-tbb"}) {
    for (Direction direction : {Direction::forward, Direction::inverse}) {
      Registry::instance().add_implementation(
          {"ntt", backend, std::string(to_string(direction)), "radix-2 DIT, cache-blocked stages",
           typed_factory<Input>([direction](const Input& in, const ExecContext& ctx) {
             return std::make_unique<CpuRunner>(in, direction, ctx.executor);
           })});
    }
  }
}};

}  // namespace
}  // namespace hwbench::ntt
