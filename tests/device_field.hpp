#pragma once

// Fp multiplication and squaring of field_device.cuh, run on the device on host values (Montgomery limbs,
// the layout both sides share), for the tests.
#include <array>
#include <cstdint>
#include <vector>

namespace hwbench::testing {

using FpLimbs = std::array<std::uint64_t, 6>;

enum class DeviceFpOp { multiply, square };

// out[i] = a[i] * b[i] (or a[i]^2) on the device. Needs a usable CUDA device.
std::vector<FpLimbs> device_fp(DeviceFpOp op, const std::vector<FpLimbs>& a, const std::vector<FpLimbs>& b);

}  // namespace hwbench::testing
