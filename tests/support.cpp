#include "tests/support.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "core/dump.hpp"

namespace hwbench::testing {

Backend* usable_backend(const std::string& name, std::string& reason) {
  Backend* backend = Registry::instance().find_backend(name);
  if (backend == nullptr) {
    reason = "not registered";
    return nullptr;
  }
  reason = backend->unavailable_reason();
  if (!reason.empty()) return nullptr;
  backend->configure({2, 0});
  return backend;
}

std::string hex(const std::vector<std::byte>& bytes, std::size_t offset, std::size_t length) {
  return to_hex(std::span(bytes).subspan(offset, length));
}

std::vector<std::byte> bytes_of(const std::string& text) {
  const auto* p = reinterpret_cast<const std::byte*>(text.data());
  return {p, p + text.size()};
}

std::string vector_path(const std::string& name) {
  const char* dir = std::getenv("HWBENCH_TEST_VECTORS_DIR");
  return std::string(dir != nullptr ? dir : HWBENCH_TEST_VECTORS) + "/" + name;
}

namespace {

void expect_json_near(const nlohmann::json& got, const nlohmann::json& want, const std::string& where) {
  if (got.is_number() && want.is_number()) {
    const double g = got.get<double>(), w = want.get<double>();
    EXPECT_LE(std::fabs(g - w), 1e-9 * std::max(1.0, std::fabs(w))) << where;
  } else if (got.is_structured() && got.type() == want.type() && got.size() == want.size()) {
    if (got.is_array()) {
      for (std::size_t i = 0; i < got.size(); ++i)
        expect_json_near(got[i], want[i], where + "/" + std::to_string(i));
    } else {
      for (const auto& [key, value] : want.items()) {
        ASSERT_TRUE(got.contains(key)) << where << "/" << key;
        expect_json_near(got[key], value, where + "/" + key);
      }
    }
  } else {
    EXPECT_EQ(got, want) << where;
  }
}

}  // namespace

void expect_golden(const std::string& name, const std::string& text) {
  const std::string path = vector_path(name);
  if (std::getenv("HWBENCH_UPDATE_GOLDEN") != nullptr) std::ofstream(path, std::ios::binary) << text;
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << path;
  const std::string want((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (name.ends_with(".json")) {
    expect_json_near(nlohmann::json::parse(text), nlohmann::json::parse(want), name);
  } else {
    EXPECT_EQ(text, want) << name;
  }
}

}  // namespace hwbench::testing
