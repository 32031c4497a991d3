#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/size_range.hpp"

namespace hwbench {
namespace {

using Sizes = std::vector<std::uint64_t>;

TEST(SizeRange, PowersOfTwoInclusive) {
  EXPECT_EQ(parse_sizes("256..16384"), (Sizes{256, 512, 1024, 2048, 4096, 8192, 16384}));
}

TEST(SizeRange, Suffixes) {
  EXPECT_EQ(parse_sizes("1K..4K"), (Sizes{1024, 2048, 4096}));
  EXPECT_EQ(parse_sizes("16M"), (Sizes{16u << 20}));
  EXPECT_EQ(parse_sizes("1G"), (Sizes{1u << 30}));
  EXPECT_EQ(parse_size("3k"), 3072u);
}

TEST(SizeRange, Exponents) { EXPECT_EQ(parse_sizes("2^10..2^12"), (Sizes{1024, 2048, 4096})); }

TEST(SizeRange, Stepped) { EXPECT_EQ(parse_sizes("1000..5000:1000"), (Sizes{1000, 2000, 3000, 4000, 5000})); }

TEST(SizeRange, DoublingFromNonPowerStopsAtBound) { EXPECT_EQ(parse_sizes("3..20"), (Sizes{3, 6, 12})); }

TEST(SizeRange, CommaListSortedWithoutDuplicates) {
  EXPECT_EQ(parse_sizes("4K, 1K..2K,1024,7"), (Sizes{7, 1024, 2048, 4096}));
}

TEST(SizeRange, FormatsCompactly) {
  EXPECT_EQ(format_size(1024), "1K");
  EXPECT_EQ(format_size(16u << 20), "16M");
  EXPECT_EQ(format_size(1000), "1000");
}

TEST(SizeRange, RejectsMalformedInput) {
  for (const char* bad :
       {"", " ", "abc", "1..", "..4", "10..5", "0", "0..4", "4K..1K", "1,,2", "2^", "3^4", "2^50", "1..10:0",
        "1..1000000000:1", "12Q", "-5", "1.5K", "99999999999999999999"}) {
    EXPECT_THROW(parse_sizes(bad), UsageError) << "input: '" << bad << "'";
  }
}

TEST(SizeRange, ErrorMessageNamesTheInput) {
  try {
    parse_sizes("12Q");
    FAIL() << "no exception";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("12Q"), std::string::npos);
  }
}

}  // namespace
}  // namespace hwbench
