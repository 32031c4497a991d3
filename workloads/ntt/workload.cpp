// Workload `ntt`: the number-theoretic transform over BLS12-381 Fr (the FFT behind KZG and
// EIP-4844 blobs), forward and inverse, natural order in and out.
#include "workloads/ntt/workload.hpp"

#include <fmt/format.h>

#include <bit>
#include <stdexcept>

#include "core/dump.hpp"
#include "core/error.hpp"
#include "core/registry.hpp"
#include "core/rng.hpp"
#include "core/size_range.hpp"
#include "workloads/bls12_381/random_scalar.hpp"

namespace hwbench::ntt {

// The reference's multiplication: the portable CIOS, not the backends' mulx/adx.
static Fr mul(const Fr& a, const Fr& b) { return Fr::portable_mul(a, b); }

namespace {

constexpr std::uint64_t kValueStream = 0x6e74740000000000ULL;  // "ntt"
// Outputs the reference checks against a direct evaluation (Horner) when it is not the DFT itself.
constexpr int kSpotChecks = 8;

// Canonical big-endian 32-byte encodings.
std::vector<std::byte> encode(const std::vector<Fr>& values) {
  std::vector<std::byte> out(values.size() * 32);
  for (std::size_t i = 0; i < values.size(); ++i) {
    const auto limbs = values[i].to_canonical();
    for (std::size_t b = 0; b < 32; ++b)
      out[32 * i + 31 - b] = static_cast<std::byte>(limbs[b / 8] >> (8 * (b % 8)));
  }
  return out;
}

std::string hex(const Fr& v) {
  const auto bytes = encode({v});
  return to_hex(bytes);
}

class NttWorkload final : public TypedWorkload<Input, Output> {
 public:
  std::string_view name() const override { return "ntt"; }
  std::string_view description() const override {
    return "number-theoretic transform over BLS12-381 Fr, forward and inverse";
  }
  std::string_view unit() const override { return "elements"; }
  std::vector<std::uint64_t> default_sizes() const override {
    return {1 << 10, 1 << 11, 1 << 12, 1 << 13, 1 << 14, 1 << 15};
  }
  std::vector<std::uint64_t> quick_sizes() const override { return {1 << 10, 1 << 15}; }

  void check_size(std::uint64_t n) const override {
    if (n < 2 || n > (std::uint64_t{1} << kMaxLogSize) || !std::has_single_bit(n)) {
      throw UsageError(fmt::format("ntt takes a power of two from 2 to 2^{} elements, not {}", kMaxLogSize,
                                   format_size(n)));
    }
  }

  // Forward and inverse are different transforms.
  std::string job(std::string_view variant) const override { return std::string(variant); }

  Work work(std::uint64_t n) const override {
    Work w;
    w.items = n;
    w.bytes = n * 32;
    w.bytes_in = n * 32;
    w.bytes_out = n * 32;
    w.bytes_moved = 2 * n * 32;
    return w;
  }

  Input make_input(std::uint64_t n, std::uint64_t seed) const override {
    Input in;
    in.count = n;
    in.values = generate_values(seed, n);
    return in;
  }

  Output make_reference(const Input& in, const Executor& executor) const override {
    Output out;
    out.forward = reference_transform(in.values, Direction::forward, executor);
    out.inverse = reference_transform(in.values, Direction::inverse, executor);
    if (in.count > kDftLimit) self_check(in, out, executor);
    return out;
  }

  Verification compare(const Input& in, const Output& expected, const Output& got) const override {
    Verification v;
    std::vector<std::string> checked;
    for (Direction direction : {Direction::forward, Direction::inverse}) {
      const auto& want = direction == Direction::forward ? expected.forward : expected.inverse;
      const auto& have = direction == Direction::forward ? got.forward : got.inverse;
      if (have.empty()) continue;
      checked.emplace_back(to_string(direction));
      if (have.size() != want.size()) {
        v.mismatches += in.count;
        v.detail =
            fmt::format("{} output has {} elements, not {}", to_string(direction), have.size(), want.size());
        continue;
      }
      v.checked += in.count;
      for (std::size_t i = 0; i < want.size(); ++i) {
        if (have[i] == want[i]) continue;
        if (v.mismatches++ == 0) {
          v.detail = fmt::format("{} output {} is {}, the reference has {}", to_string(direction), i,
                                 hex(have[i]), hex(want[i]));
        }
      }
    }
    if (checked.empty()) {
      v.detail = "the implementation returned no transform";
      return v;
    }
    v.ok = v.mismatches == 0;
    if (v.ok) {
      v.detail = fmt::format(
          "{} output of {} elements equals the reference ({})", fmt::join(checked, " and "), in.count,
          in.count <= kDftLimit ? "O(n^2) DFT" : "decimation-in-frequency transform, Horner spot checks");
    }
    return v;
  }

  void write_input(const Input& in, DumpWriter& out) const override {
    out.raw("values", encode(in.values), 32, "fr-be32", "elements of Fr, 32-byte big-endian integers");
  }
  void write_output(const Output& o, DumpWriter& out, const std::string& stem) const override {
    if (!o.forward.empty()) {
      out.raw(stem + "-forward", encode(o.forward), 32, "fr-be32", "forward transform, natural order");
    }
    if (!o.inverse.empty()) {
      out.raw(stem + "-inverse", encode(o.inverse), 32, "fr-be32", "inverse transform (scaled by 1/n)");
    }
  }

 private:
  // Above the DFT's limit the reference checks itself: forward outputs against Horner evaluations
  // at sampled points, and the inverse by evaluating it back to sampled inputs.
  static void self_check(const Input& in, const Output& out, const Executor& executor) {
    const Domain domain(in.count);
    Rng rng(in.count, kValueStream);
    std::vector<std::size_t> points(kSpotChecks);
    for (auto& k : points) k = rng.below(in.count);
    std::vector<int> bad(kSpotChecks, 0);
    executor.for_range(points.size(), 1, [&](std::size_t begin, std::size_t end) {
      for (std::size_t s = begin; s < end; ++s) {
        const Fr x = domain.omega.pow({points[s], 0, 0, 0});
        bad[s] = !(evaluate(in.values, x) == out.forward[points[s]]) ||
                 !(evaluate(out.inverse, x) == in.values[points[s]]);
      }
    });
    for (std::size_t s = 0; s < points.size(); ++s) {
      if (bad[s])
        throw std::logic_error(
            fmt::format("ntt reference disagrees with Horner's rule at point {}", points[s]));
    }
  }
};

const Registration registration{[] { Registry::instance().add_workload(std::make_unique<NttWorkload>()); }};

}  // namespace

std::vector<Fr> generate_values(std::uint64_t seed, std::uint64_t n) {
  std::vector<Fr> values(n);
  Rng rng(seed, kValueStream);
  for (auto& v : values) v = Fr::from_canonical(bls12_381::uniform_scalar(rng, false));
  return values;
}

// O(n^2): output k is the input polynomial evaluated at root^k.
std::vector<Fr> dft(const std::vector<Fr>& values, const Fr& root, const Executor& executor) {
  const std::size_t n = values.size();
  std::vector<Fr> out(n);
  executor.for_range(n, 16, [&](std::size_t begin, std::size_t end) {
    for (std::size_t k = begin; k < end; ++k) out[k] = evaluate(values, root.pow({k, 0, 0, 0}));
  });
  return out;
}

// Gentleman-Sande: natural order in, bit-reversed out, then the permutation.
std::vector<Fr> decimation_in_frequency(std::vector<Fr> a, const Fr& root, const Executor& executor) {
  const std::size_t n = a.size();
  const unsigned bits = static_cast<unsigned>(std::countr_zero(n));
  const auto w = powers(root, n / 2, executor);
  for (std::size_t h = n / 2; h >= 1; h /= 2) {
    const std::size_t stride = n / (2 * h);
    executor.for_range(n / 2, 1 << 12, [&](std::size_t begin, std::size_t end) {
      for (std::size_t q = begin; q < end; ++q) {
        const std::size_t i = (q / h) * 2 * h + q % h;
        const Fr u = a[i];
        const Fr v = a[i + h];
        a[i] = u + v;
        a[i + h] = mul(u - v, w[(q % h) * stride]);
      }
    });
  }
  std::vector<Fr> out(n);
  executor.for_range(n, 1 << 14, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) out[bit_reverse(i, bits)] = a[i];
  });
  return out;
}

Fr evaluate(const std::vector<Fr>& values, const Fr& x) {
  Fr acc;
  for (std::size_t i = values.size(); i-- > 0;) acc = mul(acc, x) + values[i];
  return acc;
}

std::vector<Fr> reference_transform(const std::vector<Fr>& values, Direction direction,
                                    const Executor& executor) {
  const Domain domain(values.size());
  const Fr& root = domain.root(direction);
  auto out = values.size() <= kDftLimit ? dft(values, root, executor)
                                        : decimation_in_frequency(values, root, executor);
  if (direction == Direction::inverse) {
    for (auto& v : out) v = mul(v, domain.size_inv);
  }
  return out;
}

}  // namespace hwbench::ntt
