#pragma once

// The run's cases as CSV (RFC 4180: a header line, fields with commas, quotes or line breaks quoted,
// quotes doubled), one row per case with its parameters ("msg_bytes=64"), numbers unformatted
// (seconds, per second) for spreadsheets and scripts.
#include <string>
#include <vector>

#include "core/result.hpp"

namespace hwbench {

std::string results_csv(const std::vector<CaseResult>& cases);

}  // namespace hwbench
