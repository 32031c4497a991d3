#pragma once

// Where results history lives: `sqlite:PATH` (an embedded file, the default) or
// `postgresql://user@host:port/db` (a server several machines write into), with query options
// (`?tag=main&last=10`) for the commands that read a baseline from it.
#include <map>
#include <string>
#include <string_view>

namespace hwbench::store {

// The file `--store` names when it is given without a value.
inline constexpr std::string_view kDefaultStorePath = "hwbench-results/history.sqlite";

struct StoreUrl {
  enum class Kind { sqlite, postgresql };
  Kind kind = Kind::sqlite;
  std::string target;                        // sqlite: the file; postgresql: the URI without its query
  std::map<std::string, std::string> query;  // tag, last
  std::string text;                          // as given, for messages
};

// Throws UsageError for another scheme, an empty path, a malformed or repeated query option, or one
// the store does not know.
StoreUrl parse_store_url(std::string_view text);

}  // namespace hwbench::store
