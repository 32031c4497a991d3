// ed25519 on the CPU backends: OpenSSL's EVP verification, items spread over the executor's threads.
#include "core/registry.hpp"
#include "workloads/ed25519/openssl_verifier.hpp"
#include "workloads/ed25519/workload.hpp"
#include "workloads/signatures/verdict_runner.hpp"

namespace hwbench::ed25519 {
namespace {

const Registration registration{[] {
  for (const char* backend : {"cpu-serial", "cpu-tbb"}) {
    Registry::instance().add_implementation(
        {"ed25519", backend, "openssl", "OpenSSL EVP_DigestVerify, one key import per item",
         typed_factory<Input>([](const Input& in, const ExecContext& ctx) {
           auto verify = [&in](std::size_t i) {
             return openssl_verify(in.key(i), in.message(i), in.msg_bytes, in.signature(i));
           };
           return std::make_unique<signatures::VerdictRunner<decltype(verify)>>(
               in.count, ctx.executor, verify, "EVP_PKEY_new_raw_public_key + EVP_DigestVerify per item",
               in.tampering, tamper_name);
         })});
  }
}};

}  // namespace
}  // namespace hwbench::ed25519
