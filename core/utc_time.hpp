#pragma once

#include <string>

namespace hwbench {

// Now in UTC: ISO 8601 "2026-12-07T21:03:46Z", or compact "20261207T210346Z" for folder names.
std::string utc_timestamp(bool compact = false);

}  // namespace hwbench
