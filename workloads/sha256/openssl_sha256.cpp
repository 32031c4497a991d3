#include "workloads/sha256/openssl_sha256.hpp"

#include <stdexcept>

namespace hwbench::sha256 {
namespace {

struct MdDeleter {
  void operator()(EVP_MD* md) const { EVP_MD_free(md); }
};

const EVP_MD* fetched_sha256() {
  static const std::unique_ptr<EVP_MD, MdDeleter> md(EVP_MD_fetch(nullptr, "SHA256", nullptr));
  if (!md) throw std::runtime_error("OpenSSL: cannot fetch SHA256");
  return md.get();
}

}  // namespace

OpensslHasher::OpensslHasher() : m_ctx(EVP_MD_CTX_new()) {
  if (!m_ctx) throw std::runtime_error("OpenSSL: EVP_MD_CTX_new failed");
}

void OpensslHasher::hash(const std::byte* message, std::size_t length, std::byte digest[32]) {
  unsigned int out_length = 0;
  if (EVP_DigestInit_ex2(m_ctx.get(), fetched_sha256(), nullptr) != 1 ||
      EVP_DigestUpdate(m_ctx.get(), message, length) != 1 ||
      EVP_DigestFinal_ex(m_ctx.get(), reinterpret_cast<unsigned char*>(digest), &out_length) != 1 ||
      out_length != 32) {
    throw std::runtime_error("OpenSSL: SHA-256 digest failed");
  }
}

OpensslHasher& OpensslHasher::for_this_thread() {
  thread_local OpensslHasher hasher;
  return hasher;
}

}  // namespace hwbench::sha256
