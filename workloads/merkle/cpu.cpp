// merkle on the CPU backends: each task reduces an aligned subtree of kChunk leaves in a private
// buffer that stays in cache, then the subtree roots are reduced on the calling thread.
#include <algorithm>
#include <cstring>

#include "core/registry.hpp"
#include "workloads/merkle/workload.hpp"
#include "workloads/sha256/sha256_native.hpp"

namespace hwbench::merkle {
namespace {

// 4096 leaves = 128 KiB per subtree: fits in L2, and aligned subtrees reduce independently.
constexpr std::size_t kChunk = 4096;

class CpuRunner final : public Runner {
 public:
  CpuRunner(const Input& in, const Executor& executor)
      : m_in(in), m_executor(executor), m_roots((in.count + kChunk - 1) / kChunk * kNodeBytes) {}

  std::optional<double> iterate() override {
    const std::size_t chunks = m_roots.size() / kNodeBytes;
    m_executor.for_range(chunks, 1, [&](std::size_t begin, std::size_t end) {
      thread_local std::vector<std::byte> scratch;
      scratch.resize(kChunk * kNodeBytes);
      for (std::size_t c = begin; c < end; ++c) {
        const std::size_t first = c * kChunk;
        const std::size_t m = std::min<std::size_t>(kChunk, m_in.count - first);
        std::memcpy(scratch.data(), m_in.leaves.data() + first * kNodeBytes, m * kNodeBytes);
        reduce_in_place(scratch.data(), m);
        std::memcpy(m_roots.data() + c * kNodeBytes, scratch.data(), kNodeBytes);
      }
    });
    reduce_in_place(m_roots.data(), chunks);
    return std::nullopt;
  }

  std::unique_ptr<CaseOutput> result() override {
    auto out = std::make_unique<Output>();
    out->root.assign(m_roots.begin(), m_roots.begin() + kNodeBytes);
    return out;
  }
  nlohmann::json notes() const override {
    return {{"path", std::string(sha256::to_string(sha256::native_path()))},
            {"subtree_leaves", kChunk},
            {"threads", m_executor.concurrency()}};
  }

 private:
  const Input& m_in;
  const Executor& m_executor;
  std::vector<std::byte> m_roots;  // one per subtree; the tree's root ends up in the first
};

const Registration registration{[] {
  for (const char* backend : {"cpu-serial", "cpu-tbb"}) {
    Registry::instance().add_implementation(
        {"merkle", backend, "native", "cache-sized subtrees in parallel, hwbench SHA-NI",
         typed_factory<Input>([](const Input& in, const ExecContext& ctx) {
           return std::make_unique<CpuRunner>(in, ctx.executor);
         })});
  }
}};

}  // namespace
}  // namespace hwbench::merkle
