#include "core/registry.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace hwbench {
namespace {

// Backends are listed slowest kind first so tables read as a progression; unknown names last.
int backend_rank(const Registry& registry, std::string_view name) {
  const Backend* b = registry.find_backend(name);
  return b != nullptr ? b->order() : static_cast<int>(BackendKind::gpu) + 1;
}

}  // namespace

std::string_view to_string(Mode mode) {
  switch (mode) {
    case Mode::host:
      return "host";
    case Mode::device:
      return "device";
    case Mode::e2e:
      return "e2e";
  }
  return "?";
}

std::optional<Mode> parse_mode(std::string_view name) {
  for (Mode mode : {Mode::host, Mode::device, Mode::e2e}) {
    if (to_string(mode) == name) return mode;
  }
  return std::nullopt;
}

Registry& Registry::instance() {
  static Registry registry;
  return registry;
}

void Registry::add_workload(std::unique_ptr<Workload> workload) {
  if (find_workload(workload->name()) != nullptr) {
    throw std::logic_error(fmt::format("workload '{}' registered twice", workload->name()));
  }
  m_workloads.push_back(std::move(workload));
  std::sort(m_workloads.begin(), m_workloads.end(),
            [](const auto& a, const auto& b) { return a->name() < b->name(); });
}

void Registry::add_backend(std::unique_ptr<Backend> backend) {
  if (find_backend(backend->name()) != nullptr) {
    throw std::logic_error(fmt::format("backend '{}' registered twice", backend->name()));
  }
  m_backends.push_back(std::move(backend));
  std::stable_sort(m_backends.begin(), m_backends.end(),
                   [](const auto& a, const auto& b) { return a->order() < b->order(); });
}

void Registry::add_implementation(Implementation impl) {
  for (const auto& other : m_implementations) {
    if (other.workload == impl.workload && other.backend == impl.backend && other.variant == impl.variant) {
      throw std::logic_error(
          fmt::format("implementation {}/{}/{} registered twice", impl.workload, impl.backend, impl.variant));
    }
  }
  m_implementations.push_back(std::move(impl));
}

std::vector<const Implementation*> Registry::implementations(std::string_view workload) const {
  std::vector<const Implementation*> out;
  for (const auto& impl : m_implementations) {
    if (impl.workload == workload) out.push_back(&impl);
  }
  std::stable_sort(out.begin(), out.end(), [this](const Implementation* a, const Implementation* b) {
    const int ra = backend_rank(*this, a->backend), rb = backend_rank(*this, b->backend);
    return ra != rb ? ra < rb : a->variant < b->variant;
  });
  return out;
}

const Workload* Registry::find_workload(std::string_view name) const {
  for (const auto& w : m_workloads) {
    if (w->name() == name) return w.get();
  }
  return nullptr;
}

Backend* Registry::find_backend(std::string_view name) const {
  for (const auto& b : m_backends) {
    if (b->name() == name) return b.get();
  }
  return nullptr;
}

Backend* Registry::find_backend(BackendKind kind) const {
  for (const auto& b : m_backends) {
    if (b->kind() == kind) return b.get();
  }
  return nullptr;
}

std::string Registry::backend_name(BackendKind kind) const {
  const Backend* b = find_backend(kind);
  return b != nullptr ? std::string(b->name()) : std::string();
}

bool Registry::is_backend(std::string_view name, BackendKind kind) const {
  const Backend* b = find_backend(name);
  return b != nullptr && b->kind() == kind;
}

}  // namespace hwbench
