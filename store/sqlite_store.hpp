#pragma once

#include <memory>
#include <string>

#include "store/store.hpp"

namespace hwbench::store {

// The SQLite file at `path` (its folder created where missing) as a store.
std::unique_ptr<Store> open_sqlite_store(const std::string& path);

}  // namespace hwbench::store
