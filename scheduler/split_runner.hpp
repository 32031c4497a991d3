#pragma once

// One batch run as two parts at once, each on its own backend, joined into the batch's output: the
// co-execution under the `split` strategy.

#include <condition_variable>
#include <cstdint>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/registry.hpp"
#include "core/workload.hpp"

namespace hwbench::scheduler {

// One side of a split batch: an implementation and where it runs.
struct SplitSide {
  const Implementation* impl = nullptr;
  const Backend* backend = nullptr;
  Mode mode = Mode::host;
  int threads = 0;  // > 0: a oneTBB arena of this many threads instead of the backend's executor
};

// The head part (items [0, k)) runs on a thread of the runner's own: the GPU side, which mostly waits
// on its stream. The tail (items [k, n)) runs on the calling thread, which joins the CPU executor's
// threads. An iteration ends when both parts have; it is timed by the host clock, so it includes the
// wait for the slower side and the hand-off between the two threads.
//
// With `rebalance`, set-up (untimed) runs each part alone at the planned division, measures both
// sides' item rates on this very input, and divides again where they say both finish together (twice
// at most); where no division can beat the faster side alone (too few items, say), the case is
// skipped with the measured figures as the reason.
class SplitRunner final : public Runner {
 public:
  SplitRunner(const Workload& workload, const CaseInput& whole, std::uint64_t head_items,
              const SplitSide& head, const SplitSide& tail, bool rebalance = false);
  ~SplitRunner() override;
  SplitRunner(const SplitRunner&) = delete;
  SplitRunner& operator=(const SplitRunner&) = delete;

  std::optional<double> iterate() override;
  std::unique_ptr<CaseOutput> result() override;
  // Each part alone, one iteration each, untimed by the harness: how evenly the batch was divided.
  std::vector<Phase> phases() override;
  nlohmann::json notes() const override;

 private:
  struct Part {
    SplitSide side;
    std::unique_ptr<CaseInput> input;
    std::unique_ptr<Runner> runner;
    std::uint64_t items = 0;
  };
  // `own` holds the side's own executor once made (SplitSide::threads).
  Part make_part(const CaseInput& whole, std::uint64_t begin, std::uint64_t end, const SplitSide& side,
                 std::unique_ptr<Executor>& own);
  void divide(const CaseInput& whole, std::uint64_t head_items);
  void head_loop();

  const Workload& m_workload;
  std::unique_ptr<Executor> m_head_executor;
  std::unique_ptr<Executor> m_tail_executor;
  Part m_head;  // after the executors: its runner may hold on to one
  Part m_tail;
  nlohmann::json m_balance = nlohmann::json::object();

  // The head's thread takes one iteration per generation.
  std::mutex m_mutex;
  std::condition_variable m_wake;
  std::uint64_t m_started = 0;
  std::uint64_t m_finished = 0;
  bool m_stop = false;
  std::exception_ptr m_head_error;
  std::thread m_head_thread;
};

}  // namespace hwbench::scheduler
