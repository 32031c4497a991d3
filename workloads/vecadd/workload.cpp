// Workload `vecadd`: c = a + b over N float32 values; the memory-bandwidth anchor of every device.
#include "workloads/vecadd/workload.hpp"

#include <fmt/format.h>

#include <bit>
#include <cstring>

#include "core/dump.hpp"
#include "core/registry.hpp"

namespace hwbench::vecadd {

std::uint64_t vector_seed(std::uint64_t seed, int which) {
  return seed * 0x9e3779b97f4a7c15ULL + static_cast<std::uint64_t>(which);
}

namespace {

std::span<const std::byte> bytes_of(const std::vector<float>& v) { return std::as_bytes(std::span(v)); }

class VecaddWorkload final : public TypedWorkload<Input, Output> {
 public:
  std::string_view name() const override { return "vecadd"; }
  std::string_view description() const override { return "c = a + b over N float32 values"; }
  std::string_view unit() const override { return "elements"; }
  std::vector<std::uint64_t> default_sizes() const override { return {1 << 16, 1 << 20, 1 << 24}; }
  std::vector<std::uint64_t> quick_sizes() const override { return {1 << 16, 1 << 20}; }

  Work work(std::uint64_t n) const override {
    Work w;
    w.items = n;
    w.bytes = 3 * n * sizeof(float);  // memory traffic: a and b read, c written
    w.bytes_in = 2 * n * sizeof(float);
    w.bytes_out = n * sizeof(float);
    w.bytes_moved = 3 * n * sizeof(float);
    w.bandwidth_bound = true;
    return w;
  }
  nlohmann::json parameters() const override { return {{"generator", std::string(uniform_generator())}}; }

  Input make_input(std::uint64_t n, std::uint64_t seed) const override {
    Input in;
    in.count = n;
    in.seed = seed;
    in.a.resize(n);
    in.b.resize(n);
    fill_uniform(vector_seed(seed, 0), in.a);
    fill_uniform(vector_seed(seed, 1), in.b);
    return in;
  }

  Output make_reference(const Input& in, const Executor& executor) const override {
    Output out;
    out.c.resize(in.count);
    executor.for_range(in.count, 1 << 16, [&](std::size_t begin, std::size_t end) {
      for (std::size_t i = begin; i < end; ++i) out.c[i] = in.a[i] + in.b[i];
    });
    return out;
  }

  // Exact: one IEEE-754 addition per element gives the same bits on every backend.
  Verification compare(const Input& in, const Output& expected, const Output& got) const override {
    Verification v;
    v.checked = in.count;
    if (got.c.size() != expected.c.size()) {
      v.mismatches = in.count;
      v.detail = fmt::format("expected {} elements, got {}", expected.c.size(), got.c.size());
      return v;
    }
    std::uint64_t first = 0;
    for (std::uint64_t i = 0; i < in.count; ++i) {
      if (std::bit_cast<std::uint32_t>(got.c[i]) != std::bit_cast<std::uint32_t>(expected.c[i])) {
        if (v.mismatches++ == 0) first = i;
      }
    }
    v.ok = v.mismatches == 0;
    v.detail =
        v.ok ? "every element equals a + b exactly"
             : fmt::format("{} of {} elements differ; first at {}: got {:a}, want {:a} (a = {:a}, b = {:a})",
                           v.mismatches, in.count, first, got.c[first], expected.c[first], in.a[first],
                           in.b[first]);
    return v;
  }

  void write_input(const Input& in, DumpWriter& out) const override {
    out.raw("a", bytes_of(in.a), sizeof(float), "float32-le", "input vector a");
    out.raw("b", bytes_of(in.b), sizeof(float), "float32-le", "input vector b");
  }
  void write_output(const Output& o, DumpWriter& out, const std::string& stem) const override {
    out.raw(stem, bytes_of(o.c), sizeof(float), "float32-le", "c = a + b");
  }
};

const Registration registration{
    [] { Registry::instance().add_workload(std::make_unique<VecaddWorkload>()); }};

}  // namespace
}  // namespace hwbench::vecadd
