// The reader of calibrated profiles (--profile, profiles/<fingerprint>.json). A profile it accepts
// writes out and reads back as the same profile.
#include "calibration/profile.hpp"
#include "core/json_file.hpp"
#include "fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace hwbench;
  return fuzz::refuse_or_accept([&] {
    const calibration::Profile p =
        calibration::profile_from_json(parse_json_text(fuzz::text_of(data, size), "fuzz"), "fuzz");
    const nlohmann::json written = calibration::to_json(p);
    try {
      fuzz::require(calibration::to_json(calibration::profile_from_json(written, "written")) == written);
    } catch (const UsageError&) {
      fuzz::require(false);  // a profile it accepted, written back, is refused
    }
  });
}
