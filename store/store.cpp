#include "store/store.hpp"

#include <fmt/format.h>

#include "calibration/profile.hpp"
#include "core/error.hpp"
#include "core/json_file.hpp"
#include "core/registry.hpp"
#include "store/sqlite_store.hpp"

namespace hwbench::store {

std::string machine_fingerprint(const RunContext& context) {
  calibration::Machine m;
  m.cpu_model = string_at(context.host, {"cpu_model"});
  m.logical_cores = static_cast<int>(count_at(context.host, {"logical_cores"}));
  m.memory_bytes = count_at(context.host, {"memory_bytes"});
  m.gpu_name = gpu_model(context);
  const std::string gpu = Registry::instance().backend_name(BackendKind::gpu);
  m.gpu_memory_bytes = count_at(context.backends, {gpu.c_str(), "device", "memory_bytes"});
  return calibration::fingerprint_of(m);
}

std::unique_ptr<Store> open_store(const StoreUrl& url) {
  switch (url.kind) {
    case StoreUrl::Kind::sqlite:
      return open_sqlite_store(url.target);
    case StoreUrl::Kind::postgresql:
      throw UsageError(fmt::format(
          "store '{}': PostgreSQL stores are not in this build of hwbench yet (sqlite:PATH is)", url.text));
  }
  throw UsageError(fmt::format("store '{}': unknown kind", url.text));
}

}  // namespace hwbench::store
