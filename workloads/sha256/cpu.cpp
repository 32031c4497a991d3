// sha256 on the CPU backends: OpenSSL's EVP (one context per thread) and hwbench's native path.
#include <cstring>

#include "core/registry.hpp"
#include "workloads/sha256/openssl_sha256.hpp"
#include "workloads/sha256/sha256_native.hpp"
#include "workloads/sha256/workload.hpp"

namespace hwbench::sha256 {
namespace {

// Messages per task: large enough to amortize scheduling, small enough to balance 16+ threads.
constexpr std::size_t kGrain = 2048;

class CpuRunner final : public Runner {
 public:
  CpuRunner(const Input& in, const Executor& executor, bool openssl)
      : m_in(in), m_executor(executor), m_openssl(openssl), m_digests(in.count * kDigestBytes) {}

  std::optional<double> iterate() override {
    m_executor.for_range(m_in.count, kGrain, [&](std::size_t begin, std::size_t end) {
      const std::byte* messages = m_in.messages.data() + begin * m_in.msg_bytes;
      std::byte* digests = m_digests.data() + begin * kDigestBytes;
      if (m_openssl) {
        auto& hasher = OpensslHasher::for_this_thread();
        for (std::size_t i = 0; i < end - begin; ++i) {
          hasher.hash(messages + i * m_in.msg_bytes, m_in.msg_bytes, digests + i * kDigestBytes);
        }
      } else {
        hash_batch(messages, m_in.msg_bytes, end - begin, digests);
      }
    });
    return std::nullopt;
  }

  std::unique_ptr<CaseOutput> result() override {
    auto out = std::make_unique<Output>();
    out->digests = m_digests;
    return out;
  }

  nlohmann::json notes() const override {
    return {{"path", m_openssl ? "openssl-evp" : std::string(to_string(native_path()))},
            {"threads", m_executor.concurrency()}};
  }

 private:
  const Input& m_in;
  const Executor& m_executor;
  bool m_openssl;
  std::vector<std::byte> m_digests;
};

void register_cpu(const char* backend) {
  auto& registry = Registry::instance();
  for (const bool openssl : {true, false}) {
    registry.add_implementation({"sha256", backend, openssl ? "openssl" : "native",
                                 openssl ? "OpenSSL EVP, algorithm fetched once, one context per thread"
                                         : "hwbench SHA-NI (two messages interleaved) or portable C++",
                                 typed_factory<Input>([openssl](const Input& in, const ExecContext& ctx) {
                                   return std::make_unique<CpuRunner>(in, ctx.executor, openssl);
                                 })});
  }
}

const Registration registration{[] {
  register_cpu("cpu-serial");
  register_cpu("cpu-tbb");
}};

}  // namespace
}  // namespace hwbench::sha256
