// Workload `sha256`: N messages of --msg-bytes bytes -> N SHA-256 digests, checked against OpenSSL.
#include "workloads/sha256/workload.hpp"

#include <fmt/format.h>

#include "core/dump.hpp"
#include "core/error.hpp"
#include "core/registry.hpp"
#include "core/rng.hpp"
#include "workloads/sha256/openssl_sha256.hpp"

namespace hwbench::sha256 {
namespace {

constexpr std::size_t kDefaultMessageBytes = 64;
constexpr std::size_t kMaxMessageBytes = std::size_t{1} << 20;

class Sha256Workload final : public TypedWorkload<Input, Output> {
 public:
  std::string_view name() const override { return "sha256"; }
  std::string_view description() const override { return "SHA-256 of N messages of --msg-bytes bytes"; }
  std::string_view unit() const override { return "messages"; }
  std::vector<std::uint64_t> default_sizes() const override { return {1 << 10, 1 << 14, 1 << 18, 1 << 20}; }
  std::vector<std::uint64_t> quick_sizes() const override { return {1 << 10, 1 << 16}; }

  std::vector<Parameter> options() override {
    return {{"msg-bytes",
             fmt::format("bytes per message (default {})", kDefaultMessageBytes),
             ParameterKind::count,
             {},
             [this](const std::string& text) { m_msg_bytes = parse_count(text); }}};
  }
  void check_size(std::uint64_t /*n*/) const override {
    if (m_msg_bytes < 1 || m_msg_bytes > kMaxMessageBytes) {
      throw UsageError(
          fmt::format("sha256 takes --msg-bytes from 1 to {}, not {}", kMaxMessageBytes, m_msg_bytes));
    }
  }

  Work work(std::uint64_t n) const override {
    Work w;
    w.items = n;
    w.bytes = n * m_msg_bytes;
    w.bytes_in = n * m_msg_bytes;
    w.bytes_out = n * kDigestBytes;
    w.bytes_moved = w.bytes_in + w.bytes_out;
    return w;
  }
  nlohmann::json parameters() const override { return {{"msg_bytes", m_msg_bytes}}; }

  Input make_input(std::uint64_t n, std::uint64_t seed) const override {
    Input in;
    in.count = n;
    in.msg_bytes = m_msg_bytes;
    in.messages.resize(n * m_msg_bytes);
    Rng(seed, 0x5a256).fill(in.messages);
    return in;
  }

  Output make_reference(const Input& in, const Executor& executor) const override {
    Output out;
    out.digests.resize(in.count * kDigestBytes);
    executor.for_range(in.count, 4096, [&](std::size_t begin, std::size_t end) {
      auto& hasher = OpensslHasher::for_this_thread();
      for (std::size_t i = begin; i < end; ++i) {
        hasher.hash(in.messages.data() + i * in.msg_bytes, in.msg_bytes,
                    out.digests.data() + i * kDigestBytes);
      }
    });
    return out;
  }

  bool divisible(std::string_view /*job*/) const override { return true; }
  std::uint64_t items_of(const Input& in) const override { return in.count; }
  Input slice_of(const Input& in, std::uint64_t begin, std::uint64_t end) const override {
    Input part;
    part.count = end - begin;
    part.msg_bytes = in.msg_bytes;
    part.messages.assign(in.messages.begin() + static_cast<std::ptrdiff_t>(begin * in.msg_bytes),
                         in.messages.begin() + static_cast<std::ptrdiff_t>(end * in.msg_bytes));
    return part;
  }
  Output join_of(const Output& head, const Output& tail) const override {
    Output out;
    out.digests = head.digests;
    out.digests.insert(out.digests.end(), tail.digests.begin(), tail.digests.end());
    return out;
  }

  Verification compare(const Input& in, const Output& expected, const Output& got) const override {
    Verification v;
    v.checked = in.count;
    if (got.digests.size() != expected.digests.size()) {
      v.mismatches = in.count;
      v.detail = fmt::format("expected {} digest bytes, got {}", expected.digests.size(), got.digests.size());
      return v;
    }
    std::uint64_t first = in.count;
    for (std::uint64_t i = 0; i < in.count; ++i) {
      if (std::memcmp(expected.digests.data() + i * kDigestBytes, got.digests.data() + i * kDigestBytes,
                      kDigestBytes) != 0) {
        if (v.mismatches++ == 0) first = i;
      }
    }
    v.ok = v.mismatches == 0;
    v.detail =
        v.ok ? "every digest equals OpenSSL's"
             : fmt::format("{} of {} digests differ from OpenSSL's; first at message {}: got {}, want {}",
                           v.mismatches, in.count, first,
                           to_hex(std::span(got.digests).subspan(first * kDigestBytes, kDigestBytes)),
                           to_hex(std::span(expected.digests).subspan(first * kDigestBytes, kDigestBytes)));
    return v;
  }

  void write_input(const Input& in, DumpWriter& out) const override {
    out.raw("messages", in.messages, in.msg_bytes, "bytes",
            fmt::format("{} messages of {} bytes, back to back", in.count, in.msg_bytes));
  }
  void write_output(const Output& o, DumpWriter& out, const std::string& stem) const override {
    out.hex_lines(stem, o.digests, kDigestBytes, "sha256-digest", "SHA-256 digest of each message, in order");
  }

 private:
  std::size_t m_msg_bytes = kDefaultMessageBytes;
};

const Registration registration{
    [] { Registry::instance().add_workload(std::make_unique<Sha256Workload>()); }};

}  // namespace
}  // namespace hwbench::sha256
