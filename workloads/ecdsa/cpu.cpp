// ecdsa on the CPU backends through OpenSSL; on cuda, reported as skipped until a device implementation
// exists.
#include "core/error.hpp"
#include "core/registry.hpp"
#include "workloads/ecdsa/workload.hpp"
#include "workloads/signatures/verdict_runner.hpp"

namespace hwbench::ecdsa {
namespace {

const Registration registration{[] {
  auto& registry = Registry::instance();
  for (const char* backend : {"cpu-serial", "cpu-tbb"}) {
    registry.add_implementation(
        {"ecdsa", backend, "openssl", "OpenSSL EVP_PKEY_verify, one key import per item",
         typed_factory<Input>([](const Input& in, const ExecContext& ctx) {
           auto verify = signatures::each_item([&in](std::size_t i) {
             return openssl_verify(in.curve, in.key(i), in.digest(i), in.signature(i), in.lengths[i]);
           });
           return std::make_unique<signatures::VerdictRunner<decltype(verify)>>(
               in.count, 1, ctx.executor, verify, "EVP_PKEY_fromdata (SEC1 key) + EVP_PKEY_verify per item",
               in.tampering, tamper_name);
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
