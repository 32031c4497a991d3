// The kernel behind device_field.hpp: one thread per product.
#include <cstddef>

#include "backends/cuda/error.hpp"
#include "backends/cuda/memory.hpp"
#include "tests/device_field.hpp"
#include "workloads/bls12_381/field_device.cuh"

namespace hwbench::testing {
namespace {

using bls12_381::device::Fp;

__global__ void fp_kernel(DeviceFpOp op, const Fp* a, const Fp* b, std::size_t n, Fp* out) {
  const std::size_t i = blockIdx.x * static_cast<std::size_t>(blockDim.x) + threadIdx.x;
  if (i >= n) return;
  out[i] = op == DeviceFpOp::multiply ? a[i] * b[i] : a[i].squared();
}

}  // namespace

std::vector<FpLimbs> device_fp(DeviceFpOp op, const std::vector<FpLimbs>& a, const std::vector<FpLimbs>& b) {
  static_assert(sizeof(Fp) == sizeof(FpLimbs));
  const std::size_t n = a.size();
  cuda::DeviceBuffer<Fp> da(n), db(n), dout(n);
  HWBENCH_CUDA_CHECK(cudaMemcpy(da.data(), a.data(), n * sizeof(Fp), cudaMemcpyHostToDevice));
  HWBENCH_CUDA_CHECK(cudaMemcpy(db.data(), b.data(), n * sizeof(Fp), cudaMemcpyHostToDevice));
  fp_kernel<<<static_cast<unsigned>((n + 127) / 128), 128>>>(op, da.data(), db.data(), n, dout.data());
  HWBENCH_CUDA_CHECK_LAUNCH();
  std::vector<FpLimbs> out(n);
  HWBENCH_CUDA_CHECK(cudaMemcpy(out.data(), dout.data(), n * sizeof(Fp), cudaMemcpyDeviceToHost));
  return out;
}

}  // namespace hwbench::testing
