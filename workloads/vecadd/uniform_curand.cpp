// CUDA builds: vecadd's inputs from cuRAND's Philox4x32-10, on the host for the CPU backends and the
// reference, on the device for the GPU. Same algorithm, seed and ordering: the same values.
#include <curand.h>
#include <fmt/format.h>

#include "backends/cuda/error.hpp"
#include "workloads/vecadd/workload.hpp"

namespace hwbench::vecadd {
namespace {

void check(curandStatus_t status, const char* what) {
  if (status != CURAND_STATUS_SUCCESS) {
    throw std::runtime_error(fmt::format("cuRAND: {} failed (status {})", what, static_cast<int>(status)));
  }
}

void generate(bool on_device, std::uint64_t seed, float* out, std::size_t n) {
  if (n == 0) return;
  curandGenerator_t gen = nullptr;
  check(on_device ? curandCreateGenerator(&gen, CURAND_RNG_PSEUDO_PHILOX4_32_10)
                  : curandCreateGeneratorHost(&gen, CURAND_RNG_PSEUDO_PHILOX4_32_10),
        "curandCreateGenerator");
  struct Destroy {
    curandGenerator_t g;
    ~Destroy() { curandDestroyGenerator(g); }
  } destroy{gen};
  check(curandSetPseudoRandomGeneratorSeed(gen, seed), "curandSetPseudoRandomGeneratorSeed");
  check(curandGenerateUniform(gen, out, n), "curandGenerateUniform");
  if (on_device) HWBENCH_CUDA_CHECK(cudaDeviceSynchronize());
}

}  // namespace

void fill_uniform(std::uint64_t seed, std::span<float> out) { generate(false, seed, out.data(), out.size()); }

void fill_uniform_on_device(std::uint64_t seed, float* device_out, std::size_t n) {
  generate(true, seed, device_out, n);
}

std::string_view uniform_generator() { return "curand-philox4x32-10"; }

}  // namespace hwbench::vecadd
