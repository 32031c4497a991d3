// --invalid-ratio: what it accepts is a finite share in [0, 1].
#include <cmath>

#include "core/ratio.hpp"
#include "fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace hwbench;
  return fuzz::refuse_or_accept([&] {
    const double r = parse_ratio(fuzz::text_of(data, size));
    fuzz::require(std::isfinite(r) && r >= 0 && r <= 1);
  });
}
