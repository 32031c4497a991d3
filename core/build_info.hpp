#pragma once

// What built this hwbench and what it runs on: the compiler, the build type and the versions of the
// libraries that measure, hash and verify (OpenSSL as loaded, oneTBB as loaded, the header libraries
// as compiled), for the result context and `hwbench info`, as pyperf's and nvbench's metadata give.
#include <nlohmann/json.hpp>

namespace hwbench {

// {"compiler", "build_type", "openssl", "onetbb", "fmt", "nlohmann_json", "cli11"}
nlohmann::json build_info();

}  // namespace hwbench
