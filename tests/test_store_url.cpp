// Store URLs: sqlite:PATH and postgresql:// with their baseline options, everything else refused.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "store/url.hpp"

namespace hwbench::store {
namespace {

TEST(StoreUrl, SqliteAndPostgresqlWithOptions) {
  const StoreUrl a = parse_store_url("sqlite:hwbench-results/history.sqlite");
  EXPECT_EQ(a.kind, StoreUrl::Kind::sqlite);
  EXPECT_EQ(a.target, "hwbench-results/history.sqlite");
  EXPECT_TRUE(a.query.empty());
  const StoreUrl b = parse_store_url("postgresql://ci@db.example:5432/bench?tag=main&last=10");
  EXPECT_EQ(b.kind, StoreUrl::Kind::postgresql);
  EXPECT_EQ(b.target, "postgresql://ci@db.example:5432/bench");
  EXPECT_EQ(b.query.at("tag"), "main");
  EXPECT_EQ(b.query.at("last"), "10");
  EXPECT_EQ(parse_store_url("sqlite:/tmp/h.sqlite?last=3").query.at("last"), "3");
}

TEST(StoreUrl, MalformedOnesAreRefused) {
  for (const char* bad : {"", "history.sqlite", "sqlite:", "sqlite:?tag=x", "mysql://h/db", "sqlite:a?tag",
                          "sqlite:a?tag=", "sqlite:a?=x", "sqlite:a?tag=x&tag=y", "sqlite:a?since=1",
                          "sqlite:a?tag=x&", "sqlite:a\nb"}) {
    EXPECT_THROW(parse_store_url(bad), UsageError) << bad;
  }
  EXPECT_THROW(parse_store_url("sqlite:" + std::string(5000, 'a')), UsageError) << "bounded";
}

}  // namespace
}  // namespace hwbench::store
