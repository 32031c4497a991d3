#pragma once

// What every fuzz target shares: the input as text, and the one exception a reader may throw. A
// reader of untrusted input either accepts it or throws UsageError (one line, exit 2); any other
// exception escapes to libFuzzer, which reports it as a crash, as it does a sanitizer finding, a
// timeout or a leak.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/error.hpp"

namespace hwbench::fuzz {

inline std::string_view text_of(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// A property the reader promised and broke: a crash libFuzzer keeps as a reproducer.
inline void require(bool condition) {
  if (!condition) std::abort();
}

// Runs `read` on the input; UsageError is the documented refusal.
template <class Read>
int refuse_or_accept(Read&& read) {
  try {
    read();
  } catch (const UsageError&) {
  }
  return 0;
}

}  // namespace hwbench::fuzz
