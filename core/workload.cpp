#include "core/workload.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace hwbench {

void throw_not_divisible(std::string_view workload) {
  throw std::logic_error(fmt::format("{}: its batches do not divide (no split)", workload));
}

std::unique_ptr<CaseInput> Workload::slice(const CaseInput& /*input*/, std::uint64_t /*begin*/,
                                           std::uint64_t /*end*/) const {
  throw_not_divisible(name());
}

std::unique_ptr<CaseOutput> Workload::join(const CaseOutput& /*head*/, const CaseOutput& /*tail*/) const {
  throw_not_divisible(name());
}

}  // namespace hwbench
