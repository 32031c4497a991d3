#include "workloads/ed25519/openssl_verifier.hpp"

#include <openssl/err.h>
#include <openssl/evp.h>

#include <memory>

namespace hwbench::ed25519 {

bool openssl_verify(const std::uint8_t public_key[32], const std::uint8_t* message, std::size_t length,
                    const std::uint8_t signature[64]) {
  const std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, public_key, 32), EVP_PKEY_free);
  if (!key) {
    ERR_clear_error();
    return false;
  }
  const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1) return false;
  const bool ok = EVP_DigestVerify(ctx.get(), signature, 64, message, length) == 1;
  if (!ok) ERR_clear_error();  // a rejection may leave entries on this thread's error queue
  return ok;
}

}  // namespace hwbench::ed25519
