#include "core/build_info.hpp"

#include <fmt/format.h>
#include <oneapi/tbb/version.h>
#include <openssl/crypto.h>

#include <CLI/Version.hpp>

#include "hwbench/version.hpp"

namespace hwbench {

nlohmann::json build_info() {
#if defined(__clang__)
  const std::string compiler =
      fmt::format("clang {}.{}.{}", __clang_major__, __clang_minor__, __clang_patchlevel__);
#elif defined(__GNUC__)
  const std::string compiler = fmt::format("gcc {}.{}.{}", __GNUC__, __GNUC_MINOR__, __GNUC_PATCHLEVEL__);
#else
  const std::string compiler = "unknown";
#endif
  return {{"compiler", compiler},
          {"build_type", kBuildType},
          {"openssl", OpenSSL_version(OPENSSL_VERSION)},  // the libcrypto loaded, not the headers'
          {"onetbb", TBB_runtime_version()},
          {"fmt", fmt::format("{}.{}.{}", FMT_VERSION / 10000, FMT_VERSION / 100 % 100, FMT_VERSION % 100)},
          {"nlohmann_json", fmt::format("{}.{}.{}", NLOHMANN_JSON_VERSION_MAJOR, NLOHMANN_JSON_VERSION_MINOR,
                                        NLOHMANN_JSON_VERSION_PATCH)},
          {"cli11", CLI11_VERSION}};
}

}  // namespace hwbench
