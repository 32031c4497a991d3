// ed25519 on the CPU backends: OpenSSL's EVP verification, items spread over the executor's threads.
#include "core/registry.hpp"
#include "workloads/ed25519/openssl_verifier.hpp"
#include "workloads/ed25519/workload.hpp"

namespace hwbench::ed25519 {
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
            openssl_verify(m_in.key(i), m_in.message(i), m_in.msg_bytes, m_in.signature(i)) ? 1 : 0;
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
    return {{"path", "EVP_PKEY_new_raw_public_key + EVP_DigestVerify per item"},
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
  for (const char* backend : {"cpu-serial", "cpu-tbb"}) {
    Registry::instance().add_implementation(
        {"ed25519", backend, "openssl", "OpenSSL EVP_DigestVerify, one key import per item",
         typed_factory<Input>([](const Input& in, const ExecContext& ctx) {
           return std::make_unique<OpensslRunner>(in, ctx.executor);
         })});
  }
}};

}  // namespace
}  // namespace hwbench::ed25519
