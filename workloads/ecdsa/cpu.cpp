// ecdsa on the CPU backends through OpenSSL; on cuda, reported as skipped until a device implementation
// exists.
#include "core/error.hpp"
#include "core/registry.hpp"
#include "workloads/ecdsa/workload.hpp"

namespace hwbench::ecdsa {
namespace {

// One signature per task at least: each takes 50-250 us, far above a task's cost, and a batch of 16 then
// spreads over 16 threads.
constexpr std::size_t kGrain = 1;

class OpensslRunner final : public Runner {
 public:
  OpensslRunner(const Input& in, const Executor& executor)
      : m_in(in), m_executor(executor), m_verdicts(in.count) {}

  std::optional<double> iterate() override {
    m_executor.for_range(m_in.count, kGrain, [&](std::size_t begin, std::size_t end) {
      for (std::size_t i = begin; i < end; ++i) {
        m_verdicts[i] =
            openssl_verify(m_in.curve, m_in.key(i), m_in.digest(i), m_in.signature(i), m_in.lengths[i]) ? 1
                                                                                                        : 0;
      }
    });
    return std::nullopt;
  }
  std::unique_ptr<CaseOutput> result() override {
    auto out = std::make_unique<Output>();
    out->accepted = m_verdicts;
    return out;
  }
  nlohmann::json notes() const override {
    return {{"path", "EVP_PKEY_fromdata (SEC1 key) + EVP_PKEY_verify per item"},
            {"threads", m_executor.concurrency()},
            {"verdicts", signatures::verdict_summary(m_verdicts, m_in.tampering, [](std::uint8_t t) {
               return to_string(static_cast<Tamper>(t));
             })}};
  }

 private:
  const Input& m_in;
  const Executor& m_executor;
  std::vector<std::uint8_t> m_verdicts;
};

const Registration registration{[] {
  auto& registry = Registry::instance();
  for (const char* backend : {"cpu-serial", "cpu-tbb"}) {
    registry.add_implementation({"ecdsa", backend, "openssl",
                                 "OpenSSL EVP_PKEY_verify, one key import per item",
                                 typed_factory<Input>([](const Input& in, const ExecContext& ctx) {
                                   return std::make_unique<OpensslRunner>(in, ctx.executor);
                                 })});
  }
  registry.add_implementation(
      {"ecdsa", "cuda", "native", "not implemented on the device yet",
       [](const CaseInput&, const ExecContext&) -> std::unique_ptr<Runner> {
         throw SkipCase("no device ECDSA implementation yet: verification runs on cpu-serial and cpu-tbb");
       }});
}};

}  // namespace
}  // namespace hwbench::ecdsa
