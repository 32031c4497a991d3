#include "core/result.hpp"

namespace hwbench {

std::string_view to_string(CaseStatus status) {
  switch (status) {
    case CaseStatus::ok: return "ok";
    case CaseStatus::skipped: return "skipped";
    case CaseStatus::failed: return "failed";
    case CaseStatus::error: return "error";
  }
  return "?";
}

}  // namespace hwbench
