#pragma once

#include <cstddef>
#include <string_view>

namespace hwbench::sha256 {

// hwbench's own CPU SHA-256: the x86 SHA extensions (SHA-NI) two messages at a time when the CPU
// has them, else the portable compression of sha256_core.hpp. Chosen once at run time.
enum class NativePath { sha_ni, portable };
NativePath native_path();
std::string_view to_string(NativePath path);

// Hashes n messages of `length` bytes laid out back to back into n 32-byte digests. For
// length 64 the digests may overwrite the messages in place (digest i lands inside message i/2,
// after both messages of its pair were read): Merkle levels rely on this.
void hash_batch(const std::byte* messages, std::size_t length, std::size_t n, std::byte* digests,
                NativePath path = native_path());

}  // namespace hwbench::sha256
