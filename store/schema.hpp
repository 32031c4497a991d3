#pragma once

// The store's schema, as migrations: migration i (from 0) takes a store from version i to i + 1. A
// store records its version; opening one applies the migrations it lacks, in one transaction.
#include <string_view>
#include <vector>

namespace hwbench::store {

// The SQL of each migration, in order; the schema's version is their count.
const std::vector<std::string_view>& migrations();
int schema_version();

}  // namespace hwbench::store
