// --sizes: a list it accepts is sorted, free of duplicates, bounded in count and in each size.
#include "core/size_range.hpp"
#include "fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace hwbench;
  return fuzz::refuse_or_accept([&] {
    const auto sizes = parse_sizes(fuzz::text_of(data, size));
    fuzz::require(!sizes.empty() && sizes.size() <= 100000);
    for (std::size_t i = 0; i < sizes.size(); ++i) {
      fuzz::require(sizes[i] >= 1 && sizes[i] <= (std::uint64_t{1} << 40));
      fuzz::require(i == 0 || sizes[i - 1] < sizes[i]);
      (void)format_size(sizes[i]);
    }
  });
}
