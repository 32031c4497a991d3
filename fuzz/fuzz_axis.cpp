// --axis NAME=VALUES: an axis it accepts has a name and values, none empty or repeated (a count's sorted
// and in the size syntax's bounds); the combinations of it with itself are bounded; each value survives
// a Google Benchmark name and comes back the same.
#include <string>

#include "core/axis.hpp"
#include "core/result.hpp"
#include "fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace hwbench;
  if (size == 0) return 0;
  // The first byte picks the parameter's kind; the rest is the axis as typed.
  const auto kind = static_cast<ParameterKind>(data[0] % 5);
  const std::string_view text = fuzz::text_of(data + 1, size - 1);
  return fuzz::refuse_or_accept([&] {
    const Axis axis = parse_axis(text, kind);
    fuzz::require(sweepable(kind) && !axis.name.empty() && !axis.values.empty());
    fuzz::require(axis.values.size() <= kMaxAxisPoints);
    for (std::size_t i = 0; i < axis.values.size(); ++i) {
      fuzz::require(!axis.values[i].empty());
      for (std::size_t j = 0; j < i; ++j) fuzz::require(axis.values[i] != axis.values[j]);
      if (kind == ParameterKind::count) {
        const std::uint64_t n = std::stoull(axis.values[i]);
        fuzz::require(n <= (std::uint64_t{1} << 40) && (i == 0 || std::stoull(axis.values[i - 1]) < n));
      }
      const nlohmann::json parameters = {{axis.name, axis.values[i]}};
      const auto [name, back] = split_benchmark_name(benchmark_name("w/b/v/m/8", parameters));
      fuzz::require(name == "w/b/v/m/8" && back == parameters);
    }
    const auto points = axis_points({axis, axis});
    fuzz::require(points.size() == axis.values.size() * axis.values.size());
  });
}
