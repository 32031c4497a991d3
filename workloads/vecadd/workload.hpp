#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/workload.hpp"

namespace hwbench::vecadd {

struct Input : CaseInput {
  std::uint64_t count = 0;
  std::uint64_t seed = 0;
  std::vector<float> a;
  std::vector<float> b;
};

struct Output : CaseOutput {
  std::vector<float> c;
};

// The seeds of the two input vectors, derived from --seed.
std::uint64_t vector_seed(std::uint64_t seed, int which);

// Uniform floats in (0, 1] from `seed`. In CUDA builds this is cuRAND's Philox4x32-10 host
// generator, which produces the same sequence as its device generator: the GPU draws its inputs on
// the device and the CPU gets the same values. CPU-only builds use hwbench's own generator.
void fill_uniform(std::uint64_t seed, std::span<float> out);
std::string_view uniform_generator();
// CUDA builds: the same values as fill_uniform, drawn on the device into device memory.
void fill_uniform_on_device(std::uint64_t seed, float* device_out, std::size_t n);

}  // namespace hwbench::vecadd
