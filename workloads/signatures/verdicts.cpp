#include "workloads/signatures/verdicts.hpp"

#include <fmt/format.h>

#include <map>

#include "core/dump.hpp"
#include "core/error.hpp"
#include "core/ratio.hpp"
#include "core/rng.hpp"

namespace hwbench::signatures {

void check_batch_size(std::string_view workload, std::uint64_t n) {
  if (n > kMaxItems)
    throw UsageError(fmt::format("{} takes at most {} signatures, not {}", workload, kMaxItems, n));
}

Work batch_work(std::uint64_t n, std::uint64_t item_bytes) {
  Work w;
  w.items = n;
  w.bytes = n * item_bytes;
  w.bytes_in = w.bytes;
  w.bytes_out = n;
  w.bytes_moved = w.bytes_in + w.bytes_out;
  return w;
}

Verification compare_verdicts(const Verdicts& expected, const Verdicts& got,
                              const std::vector<std::uint8_t>& kinds, KindName kind_name) {
  Verification v;
  const std::size_t n = expected.accepted.size();
  v.checked = n;
  if (got.accepted.size() != n) {
    v.mismatches = n;
    v.detail = fmt::format("expected {} verdicts, got {}", n, got.accepted.size());
    return v;
  }
  std::size_t first = n, accepted = 0;
  for (std::size_t i = 0; i < n; ++i) {
    accepted += expected.accepted[i] != 0;
    if ((expected.accepted[i] != 0) != (got.accepted[i] != 0) && v.mismatches++ == 0) first = i;
  }
  v.ok = v.mismatches == 0;
  v.detail =
      v.ok ? fmt::format("every verdict equals OpenSSL's ({} accepted, {} rejected)", accepted, n - accepted)
           : fmt::format("{} of {} verdicts differ from OpenSSL's; first: item {} ({}) {}, OpenSSL {}",
                         v.mismatches, n, first, kind_name(kinds[first]),
                         got.accepted[first] ? "accepted" : "rejected",
                         expected.accepted[first] ? "accepts" : "rejects");
  return v;
}

void write_verdicts(const Verdicts& verdicts, DumpWriter& out, const std::string& stem) {
  out.raw(stem, std::as_bytes(std::span(verdicts.accepted)), 1, "bytes",
          "one byte per item: 1 accepted, 0 rejected");
}

Parameter InvalidRatio::parameter() {
  return {"invalid-ratio",
          "share of items made invalid, as a/b or a decimal (default 1/16)",
          ParameterKind::ratio,
          {},
          [this](const std::string& text) { set(text); }};
}

void InvalidRatio::set(const std::string& text) {
  m_value = parse_ratio(text);
  m_text = text;
}

int InvalidRatio::draw(std::uint64_t seed, std::uint64_t stream, std::uint64_t i, int kinds) const {
  Rng rng(seed, stream + i);
  // 2^53 steps: the ratio as a double, exactly.
  const double u = static_cast<double>(rng.next() >> 11) * 0x1p-53;
  if (u >= m_value) return -1;
  return static_cast<int>(rng.below(static_cast<std::uint64_t>(kinds)));
}

nlohmann::json verdict_summary(const std::vector<std::uint8_t>& accepted,
                               const std::vector<std::uint8_t>& kinds, KindName kind_name) {
  std::map<std::uint8_t, std::pair<std::uint64_t, std::uint64_t>> counts;
  for (std::size_t i = 0; i < kinds.size() && i < accepted.size(); ++i) {
    auto& [yes, total] = counts[kinds[i]];
    yes += accepted[i] != 0;
    ++total;
  }
  nlohmann::json summary = nlohmann::json::object();
  for (const auto& [kind, count] : counts) {
    summary[std::string(kind_name(kind))] = {{"accepted", count.first}, {"items", count.second}};
  }
  return summary;
}

}  // namespace hwbench::signatures
