#pragma once

// What the signature workloads share: one verdict per item as output, checked item by item against
// OpenSSL's; the --invalid-ratio option and the draw of which items are spoiled.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/workload.hpp"

namespace hwbench {
class DumpWriter;
}

namespace hwbench::signatures {

// verdicts[i] = 1 when item i's signature is accepted, 0 when rejected.
struct Verdicts : CaseOutput {
  std::vector<std::uint8_t> accepted;
};

// Most items a signature workload takes: 2^24 (the inputs, their cache and OpenSSL's reference).
constexpr std::uint64_t kMaxItems = std::uint64_t{1} << 24;
// Throws UsageError naming `workload` when n is above kMaxItems.
void check_batch_size(std::string_view workload, std::uint64_t n);
// N items of `item_bytes` in, one verdict byte out each.
Work batch_work(std::uint64_t n, std::uint64_t item_bytes);

// The name of a workload's tampering kind (its Tamper enum as a byte), for reports.
using KindName = std::string_view (*)(std::uint8_t kind);

// Every verdict must equal the reference's; the first mismatch is reported with its item's kind.
Verification compare_verdicts(const Verdicts& expected, const Verdicts& got,
                              const std::vector<std::uint8_t>& kinds, KindName kind_name);

void write_verdicts(const Verdicts& verdicts, DumpWriter& out, const std::string& stem);

// The share of items made invalid, given as "1/16", "0.0625" or "0".
class InvalidRatio {
 public:
  // The invalid-ratio parameter, setting this ratio.
  Parameter parameter();
  // Sets the ratio from its text; throws UsageError when it is not one in [0, 1].
  void set(const std::string& text);
  double value() const { return m_value; }
  const std::string& text() const { return m_text; }
  // Whether item i of a seed is spoiled, and how (0..kinds-1); independent of the batch size.
  // Returns -1 for an item left valid.
  int draw(std::uint64_t seed, std::uint64_t stream, std::uint64_t i, int kinds) const;

 private:
  std::string m_text = "1/16";
  double m_value = 1.0 / 16;
};

// Counts of accepted items per tampering kind, for a case's notes: {"valid": [accepted, total], ...}.
nlohmann::json verdict_summary(const std::vector<std::uint8_t>& accepted,
                               const std::vector<std::uint8_t>& kinds, KindName kind_name);

}  // namespace hwbench::signatures
