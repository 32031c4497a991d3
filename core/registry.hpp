#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/backend.hpp"
#include "core/workload.hpp"

namespace hwbench {

// What an implementation's factory receives besides the input.
struct ExecContext {
  const Backend& backend;
  Mode mode;
  const Executor& executor;
};

using RunnerFactory = std::function<std::unique_ptr<Runner>(const CaseInput&, const ExecContext&)>;

// One way to run a workload on a backend. Registered at the bottom of the file that implements it.
struct Implementation {
  std::string workload;
  std::string backend;
  std::string variant;
  std::string description;
  RunnerFactory make;
};

// Wraps a factory over a workload's own input type.
template <class In, class F>
RunnerFactory typed_factory(F make) {
  return [make](const CaseInput& input, const ExecContext& ctx) -> std::unique_ptr<Runner> {
    return make(static_cast<const In&>(input), ctx);
  };
}

// Workloads, backends and implementations, filled by static registration in each of their files.
class Registry {
 public:
  static Registry& instance();

  void add_workload(std::unique_ptr<Workload> workload);
  void add_backend(std::unique_ptr<Backend> backend);
  void add_implementation(Implementation impl);

  const std::vector<std::unique_ptr<Workload>>& workloads() const { return m_workloads; }
  const std::vector<std::unique_ptr<Backend>>& backends() const { return m_backends; }
  // Workloads and backends sorted by name; backends in their canonical order (serial, tbb, cuda).
  std::vector<const Implementation*> implementations(std::string_view workload) const;

  const Workload* find_workload(std::string_view name) const;
  Backend* find_backend(std::string_view name) const;
  // The backend of a kind (the first in order, should there be several); null when none is registered.
  Backend* find_backend(BackendKind kind) const;
  // The name of the backend of a kind, as results record it; empty when none is registered.
  std::string backend_name(BackendKind kind) const;
  // Whether a recorded backend name is one of this kind here; false for a name this build does not know.
  bool is_backend(std::string_view name, BackendKind kind) const;

 private:
  std::vector<std::unique_ptr<Workload>> m_workloads;
  std::vector<std::unique_ptr<Backend>> m_backends;
  std::vector<Implementation> m_implementations;
};

// `static const Registration r{[] { Registry::instance().add_...(...); }};` at namespace scope.
struct Registration {
  template <class F>
  explicit Registration(F&& register_fn) {
    register_fn();
  }
};

}  // namespace hwbench
