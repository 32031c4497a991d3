#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <memory>

#include "workloads/ecdsa/workload.hpp"

namespace hwbench::ecdsa {

bool openssl_verify(Curve curve, const std::uint8_t key[kKeyBytes], const std::uint8_t digest[kDigestBytes],
                    const std::uint8_t* der, std::size_t der_length) {
  // One import context per thread and curve, set up once; each item's key is imported into a new EVP_PKEY.
  struct Importer {
    explicit Importer(Curve c)
        : ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr), EVP_PKEY_CTX_free), curve(c) {
      ready = ctx && EVP_PKEY_fromdata_init(ctx.get()) == 1;
    }
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx;
    Curve curve;
    bool ready = false;
  };
  thread_local Importer p256(Curve::p256), k256(Curve::secp256k1);
  Importer& importer = curve == Curve::p256 ? p256 : k256;

  bool ok = false;
  EVP_PKEY* raw = nullptr;
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, const_cast<char*>(group_name(curve)), 0),
      OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, const_cast<std::uint8_t*>(key), kKeyBytes),
      OSSL_PARAM_construct_end()};
  if (importer.ready && EVP_PKEY_fromdata(importer.ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params) == 1) {
    const std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> pkey(raw, EVP_PKEY_free);
    const std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(
        EVP_PKEY_CTX_new_from_pkey(nullptr, pkey.get(), nullptr), EVP_PKEY_CTX_free);
    ok = ctx && EVP_PKEY_verify_init(ctx.get()) == 1 &&
         EVP_PKEY_verify(ctx.get(), der, der_length, digest, kDigestBytes) == 1;
  }
  if (!ok) ERR_clear_error();
  return ok;
}

}  // namespace hwbench::ecdsa
