#pragma once

// Helpers shared by the tests: run one registered implementation on a given input, the way
// `hwbench run` does, and get its output back.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "core/registry.hpp"

namespace hwbench::testing {

// Backends every backend-parameterized test runs over; CUDA cases skip when no device is present.
inline const std::vector<std::string> kBackends = {"cpu-serial", "cpu-tbb", "cuda"};

// The backend, configured for tests, or nullptr with `reason` set when it cannot run here.
Backend* usable_backend(const std::string& name, std::string& reason);

// Runs every implementation of `workload` on `backend` in every mode over `input`, two iterations
// each, and calls check(output, label) for each result.
template <class Out, class Check>
int for_each_output(const std::string& workload, Backend& backend, const CaseInput& input, Check&& check) {
  int ran = 0;
  for (const Implementation* impl : Registry::instance().implementations(workload)) {
    if (impl->backend != backend.name()) continue;
    for (Mode mode : backend.modes()) {
      const ExecContext ctx{backend, mode, backend.executor()};
      auto runner = impl->make(input, ctx);
      runner->iterate();
      runner->iterate();
      auto out = runner->result();
      check(static_cast<const Out&>(*out),
            impl->backend + "/" + impl->variant + "/" + std::string(to_string(mode)));
      ++ran;
    }
  }
  return ran;
}

std::string hex(const std::vector<std::byte>& bytes, std::size_t offset = 0, std::size_t length = 32);

// The path of a file in tests/vectors (HWBENCH_TEST_VECTORS_DIR when set, as in the bundle).
std::string vector_path(const std::string& name);

// `text` against the golden file tests/vectors/NAME: exactly, or for .json parsed and with numbers
// equal within a relative 1e-9. HWBENCH_UPDATE_GOLDEN=1 rewrites the file instead (review the diff).
void expect_golden(const std::string& name, const std::string& text);
std::vector<std::byte> bytes_of(const std::string& text);

}  // namespace hwbench::testing

#define HWBENCH_REQUIRE_BACKEND(var, name)                                                  \
  std::string hwbench_skip_reason_;                                                         \
  ::hwbench::Backend* var = ::hwbench::testing::usable_backend(name, hwbench_skip_reason_); \
  if (var == nullptr) GTEST_SKIP() << name << " backend unavailable here: " << hwbench_skip_reason_
