#pragma once

#include <openssl/evp.h>

#include <cstddef>
#include <cstdint>
#include <memory>

namespace hwbench::sha256 {

// SHA-256 through OpenSSL's EVP interface, with the algorithm fetched once per process and one
// context per object. OpenSSL 3's one-shot SHA256() fetches the algorithm on every call, which
// serializes threads on a lock: give each thread its own OpensslHasher instead.
class OpensslHasher {
 public:
  OpensslHasher();
  void hash(const std::byte* message, std::size_t length, std::byte digest[32]);
  // The hasher of the calling thread.
  static OpensslHasher& for_this_thread();

 private:
  struct CtxDeleter {
    void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
  };
  std::unique_ptr<EVP_MD_CTX, CtxDeleter> m_ctx;
};

}  // namespace hwbench::sha256
