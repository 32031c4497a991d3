// The shifted-bases table of the precomputed MSM variant: set-up work, never timed.
#include "backends/cuda/error.hpp"
#include "workloads/bls12_381/field_device.cuh"
#include "workloads/bls12_381/xyzz.hpp"
#include "workloads/msm/precompute.hpp"

namespace hwbench::msm {
namespace {

using Fp = bls12_381::device::Fp;
using Affine = bls12_381::device::Affine;
using Point = bls12_381::Xyzz<Fp>;

constexpr unsigned kThreads = 128;

// table[w n + i] = [2^(w c)] bases[i], affine: each thread walks its point up by c doublings per
// window and converts each window's point with one inversion. (Montgomery's trick would save the
// inversions but needs every window's point kept per thread: kilobytes of local memory that made
// ptxas take minutes.)
__global__ void __launch_bounds__(kThreads)
    shift_bases_kernel(const Affine* __restrict__ bases, std::uint32_t n, unsigned c, unsigned windows,
                       Affine* __restrict__ table) {
  const std::uint32_t i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  const Affine p = bases[i];
  table[i] = p;
  Point acc = Point::from_affine(p);
  for (unsigned w = 1; w < windows; ++w) {
    for (unsigned b = 0; b < c; ++b) acc.double_in_place();
    if (acc.is_infinity()) {
      table[static_cast<std::size_t>(w) * n + i] = Affine{};
      continue;
    }
    const Fp t = (acc.zz * acc.zzz).inverse();
    table[static_cast<std::size_t>(w) * n + i] = Affine{acc.x * (t * acc.zzz), acc.y * (t * acc.zz)};
  }
}

}  // namespace

void launch_shift_bases(const void* bases, std::uint32_t n, unsigned c, unsigned windows, void* table,
                        cudaStream_t stream) {
  const unsigned blocks = (n + kThreads - 1) / kThreads;
  shift_bases_kernel<<<blocks, kThreads, 0, stream>>>(static_cast<const Affine*>(bases), n, c, windows,
                                                      static_cast<Affine*>(table));
  HWBENCH_CUDA_CHECK_LAUNCH();
}

}  // namespace hwbench::msm
