// CPU-only builds: uniform floats in (0, 1] from hwbench's own generator (24 random bits each).
#include "core/rng.hpp"
#include "workloads/vecadd/workload.hpp"

namespace hwbench::vecadd {

void fill_uniform(std::uint64_t seed, std::span<float> out) {
  Rng rng(seed);
  for (float& v : out) v = static_cast<float>((rng.next() >> 40) + 1) * 0x1p-24f;
}

std::string_view uniform_generator() { return "xoshiro256ss"; }

}  // namespace hwbench::vecadd
