// ed25519 on the CPU backends, items spread over the executor's threads: OpenSSL's EVP verification,
// and the native verifier (native_verifier.hpp) with the same verdicts.
#include "core/registry.hpp"
#include "workloads/ed25519/native_verifier.hpp"
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
           auto verify = signatures::each_item([&in](std::size_t i) {
             return openssl_verify(in.key(i), in.message(i), in.msg_bytes, in.signature(i));
           });
           return std::make_unique<signatures::VerdictRunner<decltype(verify)>>(
               in.count, 1, ctx.executor, verify, "EVP_PKEY_new_raw_public_key + EVP_DigestVerify per item",
               in.tampering, tamper_name);
         })});
    Registry::instance().add_implementation(
        {"ed25519", backend, "native",
         "no OpenSSL: eight signatures per AVX-512 IFMA operation, else radix-2^51 wNAF one at a time",
         typed_factory<Input>([](const Input& in, const ExecContext& ctx) {
           auto verify = [&in](std::size_t begin, std::size_t end, std::uint8_t* out) {
             native_verify_items(in, begin, end, out);
           };
           const bool lanes = native_lanes_available();
           return std::make_unique<signatures::VerdictRunner<decltype(verify)>>(
               in.count, lanes ? kNativeLanes : 1, ctx.executor, verify,
               lanes ? "native: 8 signatures per AVX-512 IFMA lane group (5 x 52-bit limbs, 5-bit windows)"
                     : "native_verify per item (radix-2^51 field, wNAF; no AVX-512 IFMA on this CPU)",
               in.tampering, tamper_name);
         })});
  }
}};

}  // namespace
}  // namespace hwbench::ed25519
