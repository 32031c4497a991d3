#pragma once

#include <cstddef>
#include <cstdint>

#include "workloads/ed25519/workload.hpp"

namespace hwbench::ed25519 {

// Ed25519 verification on the host without OpenSSL, with OpenSSL's rules (verify.hpp states them), for
// the CPU backends' `native` path: the radix-2^51 field of field51.hpp and a variable-time double-scalar
// multiplication, [k](-A) in width-5 and [S]B in width-8 non-adjacent form over a table of B's odd
// multiples built once. Thread-safe.
bool native_verify(const std::uint8_t public_key[32], const std::uint8_t* message, std::size_t length,
                   const std::uint8_t signature[64]);

// Whether native_verify_items runs eight items at a time in AVX-512 IFMA lanes (lanes_ifma.hpp) on this
// CPU; else it takes them one at a time through native_verify.
bool native_lanes_available();
constexpr std::size_t kNativeLanes = 8;

// verdicts[i] for the items i of [begin, end) of `in`, the same as native_verify's.
void native_verify_items(const Input& in, std::size_t begin, std::size_t end, std::uint8_t* verdicts);

}  // namespace hwbench::ed25519
