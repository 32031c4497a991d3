// Workload `ed25519`: verify N Ed25519 signatures, a share of them spoiled; one verdict per item,
// each equal to OpenSSL's.
#include "workloads/ed25519/workload.hpp"

#include <fmt/format.h>

#include "core/dump.hpp"
#include "core/error.hpp"
#include "core/registry.hpp"
#include "workloads/ed25519/openssl_verifier.hpp"
#include "workloads/signatures/verdict_runner.hpp"

namespace hwbench::ed25519 {
namespace {

constexpr std::size_t kDefaultMessageBytes = 32;
constexpr std::size_t kMaxMessageBytes = std::size_t{1} << 16;

class Ed25519Workload final : public TypedWorkload<Input, Output> {
 public:
  std::string_view name() const override { return "ed25519"; }
  std::string_view description() const override {
    return "Ed25519 verification of N signatures over --msg-bytes messages, --invalid-ratio of them spoiled";
  }
  std::string_view unit() const override { return "signatures"; }
  std::vector<std::uint64_t> default_sizes() const override { return {256, 4096, 32768}; }
  std::vector<std::uint64_t> quick_sizes() const override { return {256, 2048}; }

  std::vector<Parameter> options() override {
    return {{"msg-bytes",
             fmt::format("bytes per message (default {})", kDefaultMessageBytes),
             ParameterKind::count,
             {},
             [this](const std::string& text) { m_msg_bytes = parse_count(text); }},
            m_ratio.parameter()};
  }
  void check_size(std::uint64_t n) const override {
    if (m_msg_bytes > kMaxMessageBytes) {
      throw UsageError(
          fmt::format("ed25519 takes --msg-bytes up to {}, not {}", kMaxMessageBytes, m_msg_bytes));
    }
    signatures::check_batch_size("ed25519", n);
  }

  Work work(std::uint64_t n) const override {
    return signatures::batch_work(n, kKeyBytes + kSignatureBytes + m_msg_bytes);
  }
  nlohmann::json parameters() const override {
    return {{"msg_bytes", m_msg_bytes}, {"invalid_ratio", m_ratio.text()}};
  }

  Input make_input(std::uint64_t n, std::uint64_t seed) const override {
    return generate_batch(seed, n, m_msg_bytes, m_ratio);
  }

  Output make_reference(const Input& in, const Executor& executor) const override {
    Output out;
    signatures::verify_all(
        in.count, executor,
        [&](std::size_t i) {
          return openssl_verify(in.key(i), in.message(i), in.msg_bytes, in.signature(i));
        },
        out.accepted);
    return out;
  }

  bool divisible(std::string_view /*job*/) const override { return true; }
  std::uint64_t items_of(const Input& in) const override { return in.count; }
  Input slice_of(const Input& in, std::uint64_t begin, std::uint64_t end) const override {
    auto range = [&](const std::vector<std::uint8_t>& all, std::size_t bytes) {
      return std::vector<std::uint8_t>(all.begin() + static_cast<std::ptrdiff_t>(begin * bytes),
                                       all.begin() + static_cast<std::ptrdiff_t>(end * bytes));
    };
    Input part;
    part.count = end - begin;
    part.msg_bytes = in.msg_bytes;
    part.keys = range(in.keys, kKeyBytes);
    part.messages = range(in.messages, in.msg_bytes);
    part.signatures = range(in.signatures, kSignatureBytes);
    part.tampering = range(in.tampering, 1);
    return part;
  }
  Output join_of(const Output& head, const Output& tail) const override {
    Output out;
    out.accepted = head.accepted;
    out.accepted.insert(out.accepted.end(), tail.accepted.begin(), tail.accepted.end());
    return out;
  }

  Verification compare(const Input& in, const Output& expected, const Output& got) const override {
    return signatures::compare_verdicts(expected, got, in.tampering, tamper_name);
  }

  void write_input(const Input& in, DumpWriter& out) const override {
    out.hex_lines("keys", std::as_bytes(std::span(in.keys)), kKeyBytes, "ed25519-public-key",
                  "RFC 8032 public key of each item");
    out.raw("messages", std::as_bytes(std::span(in.messages)), in.msg_bytes, "bytes",
            fmt::format("{} messages of {} bytes, back to back", in.count, in.msg_bytes));
    out.hex_lines("signatures", std::as_bytes(std::span(in.signatures)), kSignatureBytes, "ed25519-signature",
                  "R || S of each item");
    out.raw("tampering", std::as_bytes(std::span(in.tampering)), 1, "bytes",
            "how each item was spoiled: 0 valid, 1 r-bit, 2 s-bit, 3 message-bit, 4 key-bit, 5 s-plus-order, "
            "6 noncanonical-r, 7 noncanonical-key, 8 small-order-key");
  }
  void write_output(const Output& o, DumpWriter& out, const std::string& stem) const override {
    signatures::write_verdicts(o, out, stem);
  }

 private:
  std::size_t m_msg_bytes = kDefaultMessageBytes;
  signatures::InvalidRatio m_ratio;
};

const Registration registration{
    [] { Registry::instance().add_workload(std::make_unique<Ed25519Workload>()); }};

}  // namespace
}  // namespace hwbench::ed25519
