#pragma once

#include <cstddef>
#include <cstdint>

namespace hwbench::ed25519 {

// Ed25519 verification through OpenSSL's EVP interface, as a node would call it: the raw public key
// imported, then EVP_DigestVerify over the message. Thread-safe (no shared state).
bool openssl_verify(const std::uint8_t public_key[32], const std::uint8_t* message, std::size_t length,
                    const std::uint8_t signature[64]);

}  // namespace hwbench::ed25519
