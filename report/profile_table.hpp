#pragma once

// The console summary of a calibrated profile: one row per GPU variant, CPU backend and mode.
#include <string>

#include "calibration/profile.hpp"

namespace hwbench {

std::string profile_table(const calibration::Profile& profile);

}  // namespace hwbench
