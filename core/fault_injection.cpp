#include "core/fault_injection.hpp"

#include <fmt/format.h>

#include <charconv>

#include "core/error.hpp"

namespace hwbench {
namespace {

struct Kind {
  std::string_view name;
  GpuFault fault;
};
constexpr Kind kKinds[] = {{"oom", GpuFault::out_of_memory},   {"launch", GpuFault::launch_failure},
                           {"no-device", GpuFault::no_device}, {"transfer", GpuFault::transfer_failure},
                           {"timeout", GpuFault::timeout},     {"slow", GpuFault::throttled}};

}  // namespace

FaultInjection parse_fault_injection(std::string_view spec) {
  const auto colon = spec.find(':');
  const std::string_view kind = spec.substr(0, colon);
  FaultInjection out;
  bool known = false;
  for (const Kind& k : kKinds) {
    if (k.name == kind) {
      out.fault = k.fault;
      known = true;
    }
  }
  if (!known) {
    throw UsageError(fmt::format(
        "--inject-fault '{}': the kind is one of oom, launch, no-device, transfer, timeout, slow", spec));
  }
  if (colon != std::string_view::npos) {
    const std::string_view rate = spec.substr(colon + 1);
    const auto [end, ec] = std::from_chars(rate.data(), rate.data() + rate.size(), out.rate);
    if (ec != std::errc() || end != rate.data() + rate.size() || !(out.rate > 0 && out.rate <= 1)) {
      throw UsageError(fmt::format("--inject-fault '{}': the rate is a number in (0, 1]", spec));
    }
  }
  return out;
}

void FaultInjector::before_case(const std::string& case_name) {
  if (std::uniform_real_distribution<double>(0, 1)(m_rng) >= m_injection.rate) return;
  ++m_injected;
  throw GpuError(m_injection.fault,
                 fmt::format("injected {} fault in {}", to_string(m_injection.fault), case_name));
}

}  // namespace hwbench
