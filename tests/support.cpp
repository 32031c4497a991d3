#include "tests/support.hpp"

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

}  // namespace hwbench::testing
