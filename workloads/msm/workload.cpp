// Workload `msm`: multi-scalar multiplication over BLS12-381 G1, the KZG commitment kernel
// (an EIP-4844 blob commitment is a 4096-point MSM). Output: the sum, compressed.
#include "workloads/msm/workload.hpp"

#include <fmt/format.h>

#include <cstring>

#include "core/dump.hpp"
#include "core/error.hpp"
#include "core/registry.hpp"
#include "core/size_range.hpp"
#include "workloads/msm/pippenger.hpp"

namespace hwbench::msm {
namespace {

constexpr std::uint64_t kMaxPoints = std::uint64_t{1} << 24;
// Below this the reference adds the points one by one (double-and-add); above, it is a Pippenger
// with a fixed 8-bit window, a different plan from any backend's.
constexpr std::uint64_t kNaiveReferenceLimit = 1024;
constexpr unsigned kReferenceWindowBits = 8;

std::string hex(const bls12_381::G1Compressed& c) { return to_hex(std::as_bytes(std::span(c))); }

class MsmWorkload final : public TypedWorkload<Input, Output> {
 public:
  std::string_view name() const override { return "msm"; }
  std::string_view description() const override { return "multi-scalar multiplication on BLS12-381 G1"; }
  std::string_view unit() const override { return "points"; }
  std::vector<std::uint64_t> default_sizes() const override {
    return {256, 512, 1024, 2048, 4096, 8192, 16384};
  }
  std::vector<std::uint64_t> quick_sizes() const override { return {256, 4096}; }

  void check_size(std::uint64_t n) const override {
    if (n > kMaxPoints) {
      throw UsageError(fmt::format("msm takes at most 2^24 points, not {}", format_size(n)));
    }
  }

  Work work(std::uint64_t n) const override {
    Work w;
    w.items = n;
    w.bytes = n * (96 + 32);  // affine base (x, y) and scalar
    w.bytes_in = w.bytes;
    w.bytes_out = 96;
    w.bytes_moved = w.bytes;
    return w;
  }

  Input make_input(std::uint64_t n, std::uint64_t seed) const override {
    Input in;
    in.count = n;
    in.bases = generate_bases(seed, n);
    in.scalars = generate_scalars(seed, n);
    return in;
  }

  Output make_reference(const Input& in, const Executor& executor) const override {
    Output out;
    if (in.count <= kNaiveReferenceLimit) {
      std::vector<bls12_381::G1Xyzz> terms(in.count);
      executor.for_range(in.count, 16, [&](std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) terms[i] = bls12_381::scalar_multiply(in.bases[i], in.scalars[i]);
      });
      bls12_381::G1Xyzz sum = bls12_381::G1Xyzz::infinity();
      for (const auto& t : terms) sum.add(t);
      out.result = sum.to_affine();
    } else {
      const PippengerPlan plan{kReferenceWindowBits, windows_for(kReferenceWindowBits),
                               static_cast<std::size_t>(std::max(1, executor.concurrency()))};
      out.result = pippenger(in.bases, in.scalars, plan, executor).to_affine();
    }
    return out;
  }

  Verification compare(const Input& in, const Output& expected, const Output& got) const override {
    Verification v;
    v.checked = 1;
    v.ok = expected.result == got.result;
    v.mismatches = v.ok ? 0 : 1;
    const auto want = hex(bls12_381::compress(expected.result));
    v.detail = v.ok ? fmt::format("sum of {} terms equals the reference ({})", in.count,
                                  in.count <= kNaiveReferenceLimit ? "double-and-add per point"
                                                                   : "8-bit-window Pippenger")
                    : fmt::format("result {} differs from the reference {}",
                                  hex(bls12_381::compress(got.result)), want);
    return v;
  }

  void write_input(const Input& in, DumpWriter& out) const override {
    std::vector<std::byte> bases(in.count * 48), scalars(in.count * 32);
    for (std::size_t i = 0; i < in.count; ++i) {
      const auto c = bls12_381::compress(in.bases[i]);
      std::memcpy(bases.data() + 48 * i, c.data(), 48);
      for (int b = 0; b < 32; ++b) {
        scalars[32 * i + 31 - static_cast<std::size_t>(b)] =
            static_cast<std::byte>(in.scalars[i][static_cast<std::size_t>(b / 8)] >> (8 * (b % 8)));
      }
    }
    out.raw("bases", bases, 48, "g1-compressed", "affine G1 bases, ZCash compressed encoding");
    out.raw("scalars", scalars, 32, "scalar-be32", "scalars in [0, r), 32-byte big-endian integers");
  }
  void write_output(const Output& o, DumpWriter& out, const std::string& stem) const override {
    const auto c = bls12_381::compress(o.result);
    out.hex_lines(stem, std::as_bytes(std::span(c)), 48, "g1-compressed", "sum of [s_i] P_i, compressed");
  }
};

const Registration registration{[] { Registry::instance().add_workload(std::make_unique<MsmWorkload>()); }};

}  // namespace
}  // namespace hwbench::msm
