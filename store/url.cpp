#include "store/url.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/error.hpp"

namespace hwbench::store {
namespace {

constexpr std::size_t kMaxUrlLength = 4096;
constexpr std::string_view kOptions[] = {"tag", "last"};

}  // namespace

StoreUrl parse_store_url(std::string_view text) {
  if (text.size() > kMaxUrlLength)
    throw UsageError(fmt::format("a store URL longer than {} characters", kMaxUrlLength));
  for (const char ch : text) {
    if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f)
      throw UsageError("a store URL holds a control character");
  }
  StoreUrl url;
  url.text = std::string(text);
  std::string_view rest;
  if (text.starts_with("sqlite:")) {
    url.kind = StoreUrl::Kind::sqlite;
    rest = text.substr(7);
  } else if (text.starts_with("postgresql://") || text.starts_with("postgres://")) {
    url.kind = StoreUrl::Kind::postgresql;
    rest = text;
  } else {
    throw UsageError(fmt::format("store '{}': not sqlite:PATH or postgresql://user@host:port/db", text));
  }
  const std::size_t question = rest.find('?');
  url.target = std::string(rest.substr(0, question));
  if (url.kind == StoreUrl::Kind::sqlite && url.target.empty())
    throw UsageError(fmt::format("store '{}': sqlite: names no file", text));
  if (question == std::string_view::npos) return url;
  std::string_view query = rest.substr(question + 1);
  while (true) {
    const std::size_t amp = std::min(query.find('&'), query.size());
    const std::string_view pair = query.substr(0, amp);
    const std::size_t eq = pair.find('=');
    if (eq == std::string_view::npos || eq == 0 || eq + 1 == pair.size())
      throw UsageError(fmt::format("store '{}': '{}' is not NAME=VALUE", text, pair));
    const std::string name(pair.substr(0, eq));
    if (std::find(std::begin(kOptions), std::end(kOptions), name) == std::end(kOptions))
      throw UsageError(fmt::format("store '{}': no option '{}' (tag, last)", text, name));
    if (!url.query.emplace(name, std::string(pair.substr(eq + 1))).second)
      throw UsageError(fmt::format("store '{}': '{}' is given twice", text, name));
    if (amp == query.size()) break;
    query = query.substr(amp + 1);
  }
  return url;
}

}  // namespace hwbench::store
