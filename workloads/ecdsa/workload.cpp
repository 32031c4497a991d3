// Workload `ecdsa`: verify N ECDSA signatures over P-256 or secp256k1 (--curve), a share of them
// spoiled; one verdict per item, each equal to OpenSSL's.
#include "workloads/ecdsa/workload.hpp"

#include <fmt/format.h>

#include "core/dump.hpp"
#include "core/error.hpp"
#include "core/registry.hpp"
#include "workloads/signatures/verdict_runner.hpp"

namespace hwbench::ecdsa {
namespace {

class EcdsaWorkload final : public TypedWorkload<Input, Output> {
 public:
  std::string_view name() const override { return "ecdsa"; }
  std::string_view description() const override {
    return "ECDSA verification of N signatures on --curve p256|secp256k1, --invalid-ratio of them spoiled";
  }
  std::string_view unit() const override { return "signatures"; }
  std::vector<std::uint64_t> default_sizes() const override { return {256, 4096, 32768}; }
  std::vector<std::uint64_t> quick_sizes() const override { return {256, 2048}; }

  std::vector<Parameter> options() override {
    return {{"curve",
             "the curve, p256 (default) or secp256k1",
             ParameterKind::choice,
             {"p256", "secp256k1"},
             [this](const std::string& name) {
               const auto curve = parse_curve(name);
               if (!curve) throw UsageError(fmt::format("'{}' is not p256 or secp256k1", name));
               m_curve = *curve;
             }},
            m_ratio.parameter()};
  }
  void check_size(std::uint64_t n) const override { signatures::check_batch_size("ecdsa", n); }

  Work work(std::uint64_t n) const override {
    return signatures::batch_work(n, kKeyBytes + kDigestBytes + kSlotBytes);
  }
  nlohmann::json parameters() const override {
    return {{"curve", std::string(to_string(m_curve))}, {"invalid_ratio", m_ratio.text()}};
  }

  Input make_input(std::uint64_t n, std::uint64_t seed) const override {
    return generate_batch(seed, n, m_curve, m_ratio);
  }

  Output make_reference(const Input& in, const Executor& executor) const override {
    Output out;
    signatures::verify_all(
        in.count, executor,
        [&](std::size_t i) {
          return openssl_verify(in.curve, in.key(i), in.digest(i), in.signature(i), in.lengths[i]);
        },
        out.accepted);
    return out;
  }

  Verification compare(const Input& in, const Output& expected, const Output& got) const override {
    return signatures::compare_verdicts(expected, got, in.tampering, tamper_name);
  }

  void write_input(const Input& in, DumpWriter& out) const override {
    out.hex_lines("keys", std::as_bytes(std::span(in.keys)), kKeyBytes, "sec1-uncompressed-point",
                  fmt::format("public key of each item on {}", to_string(in.curve)));
    out.hex_lines("digests", std::as_bytes(std::span(in.digests)), kDigestBytes, "bytes",
                  "the 32-byte digest each item signs");
    out.raw("signatures", std::as_bytes(std::span(in.signatures)), kSlotBytes, "der-in-slot",
            fmt::format("{}-byte slot per item, its DER signature first (length in `lengths`)", kSlotBytes));
    out.raw("lengths", std::as_bytes(std::span(in.lengths)), 1, "bytes", "DER length of each signature");
    out.raw("tampering", std::as_bytes(std::span(in.tampering)), 1, "bytes",
            "how each item was spoiled: 0 valid, 1 r-bit, 2 s-bit, 3 digest-bit, 4 key-bit, 5 s-plus-order, "
            "6 negated-s, 7 noncanonical-der, 8 zero-r");
  }
  void write_output(const Output& o, DumpWriter& out, const std::string& stem) const override {
    signatures::write_verdicts(o, out, stem);
  }

 private:
  Curve m_curve = Curve::p256;
  signatures::InvalidRatio m_ratio;
};

const Registration registration{[] { Registry::instance().add_workload(std::make_unique<EcdsaWorkload>()); }};

}  // namespace
}  // namespace hwbench::ecdsa
