// Workload parameters as data: axes over them (--axis), their Google Benchmark name segments, and the
// backends' traits that code uses instead of their names.
#include <gtest/gtest.h>

#include "core/axis.hpp"
#include "core/error.hpp"
#include "core/registry.hpp"
#include "core/result.hpp"

namespace hwbench {
namespace {

TEST(Axis, CountsTakeTheSizeSyntax) {
  const Axis a = parse_axis("msg-bytes=64,1K..4K,64", ParameterKind::count);
  EXPECT_EQ(a.name, "msg-bytes");
  EXPECT_EQ(a.values, (std::vector<std::string>{"64", "1024", "2048", "4096"})) << "sorted, no duplicates";
  EXPECT_EQ(parse_axis("msg-bytes=64,0", ParameterKind::count).values, (std::vector<std::string>{"0", "64"}))
      << "a count may be 0, which sizes never are";
  EXPECT_EQ(parse_axis("msg-bytes=0", ParameterKind::count).values, std::vector<std::string>{"0"});
  EXPECT_THROW(parse_axis("msg-bytes=", ParameterKind::count), UsageError);
  EXPECT_THROW(parse_axis("msg-bytes=0,,8", ParameterKind::count), UsageError);
  EXPECT_EQ(parse_axis("msg-bytes=1..4096:1", ParameterKind::count).values.size(), kMaxAxisPoints);
  EXPECT_THROW(parse_axis("msg-bytes=0,1..4096:1", ParameterKind::count), UsageError) << "4097 values";
  EXPECT_THROW(parse_axis("msg-bytes=64,x", ParameterKind::count), UsageError);
}

TEST(Axis, RatiosAndChoicesAreCommaListsInTheirOrder) {
  EXPECT_EQ(parse_axis("invalid-ratio=1/4,0,0.5", ParameterKind::ratio).values,
            (std::vector<std::string>{"1/4", "0", "0.5"}));
  EXPECT_EQ(parse_axis("curve=secp256k1,p256", ParameterKind::choice).values,
            (std::vector<std::string>{"secp256k1", "p256"}));
  for (const char* bad : {"curve=p256,", "curve=,p256", "curve=p256,,secp256k1", "curve=p256,p256"}) {
    EXPECT_THROW(parse_axis(bad, ParameterKind::choice), UsageError) << bad;
  }
}

TEST(Axis, OnlyCountsRatiosAndChoicesAreSwept) {
  EXPECT_THROW(parse_axis("mix-kinds=sha256,ntt", ParameterKind::list), UsageError);
  EXPECT_THROW(parse_axis("profile=a.json", ParameterKind::path), UsageError);
  for (const char* bad : {"msg-bytes", "=64", ""}) EXPECT_THROW(axis_name(bad), UsageError) << bad;
  EXPECT_EQ(axis_name("msg-bytes=64"), "msg-bytes");
}

TEST(Axis, PointsAreEveryCombinationFirstAxisSlowest) {
  EXPECT_EQ(axis_points({}), std::vector<ParameterValues>{{}});
  const auto points = axis_points({{"a", {"1", "2"}}, {"b", {"x", "y", "z"}}});
  ASSERT_EQ(points.size(), 6u);
  EXPECT_EQ(points[0], (ParameterValues{{"a", "1"}, {"b", "x"}}));
  EXPECT_EQ(points[2], (ParameterValues{{"a", "1"}, {"b", "z"}}));
  EXPECT_EQ(points[3], (ParameterValues{{"a", "2"}, {"b", "x"}}));
}

TEST(Axis, CombinationsAreBounded) {
  std::vector<std::string> values;
  for (int i = 0; i < 64; ++i) values.push_back(std::to_string(i));
  EXPECT_EQ(axis_points({{"a", values}, {"b", values}}).size(), kMaxAxisPoints);
  EXPECT_THROW(axis_points({{"a", values}, {"b", values}, {"c", {"1", "2"}}}), UsageError);
  EXPECT_THROW(axis_points({{"a", {}}}), UsageError) << "an axis without values runs nothing";
}

TEST(BenchmarkName, ParametersAreNameValueSegments) {
  const nlohmann::json p = {{"msg_bytes", 64}, {"invalid_ratio", "1/16"}};
  const std::string name = benchmark_name("ed25519/cpu-serial/native/host/256", p);
  EXPECT_EQ(name, "ed25519/cpu-serial/native/host/256/invalid_ratio:1%2F16/msg_bytes:64");
  const auto [base, parameters] = split_benchmark_name(name);
  EXPECT_EQ(base, "ed25519/cpu-serial/native/host/256");
  EXPECT_EQ(case_key(base, parameters), case_key("ed25519/cpu-serial/native/host/256", p))
      << "read back, the name pairs with the result.json case";
  EXPECT_EQ(benchmark_name("a/b", nlohmann::json::object()), "a/b");
  // Foreign names: a stray percent sign is kept as written; a leading name:value segment is a parameter.
  EXPECT_EQ(split_benchmark_name("BM_x/k:5%zz").second["k"], "5%zz");
  EXPECT_EQ(split_benchmark_name("size:8/BM_x").first, "BM_x");
}

TEST(BackendTraits, KindsOrderAndRoles) {
  const Registry& registry = Registry::instance();
  int last = -1;
  for (const auto& b : registry.backends()) {
    EXPECT_GE(b->order(), last) << "backends are listed slowest kind first";
    last = b->order();
  }
  const Backend* serial = registry.find_backend(BackendKind::cpu_serial);
  const Backend* parallel = registry.find_backend(BackendKind::cpu_parallel);
  const Backend* gpu = registry.find_backend(BackendKind::gpu);
  ASSERT_TRUE(serial && parallel && gpu) << "every kind is registered, built or not";
  EXPECT_TRUE(serial->is_reference());
  EXPECT_FALSE(parallel->is_reference());
  EXPECT_TRUE(gpu->is_gpu());
  EXPECT_FALSE(parallel->is_gpu());
  EXPECT_TRUE(registry.is_backend(gpu->name(), BackendKind::gpu));
  EXPECT_FALSE(registry.is_backend("no-such-backend", BackendKind::gpu));
  EXPECT_EQ(registry.backend_name(BackendKind::cpu_parallel), parallel->name());
}

}  // namespace
}  // namespace hwbench
