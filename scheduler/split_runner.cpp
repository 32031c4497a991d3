#include "scheduler/split_runner.hpp"

#include <fmt/format.h>

#include <chrono>

#include "backends/cpu_tbb.hpp"
#include "core/error.hpp"

namespace hwbench::scheduler {
namespace {

double seconds_of(Runner& runner) {
  const auto begin = std::chrono::steady_clock::now();
  runner.iterate();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
}

std::string side_name(const SplitSide& side) {
  return fmt::format("{}/{}/{}", side.impl->backend, side.impl->variant, to_string(side.mode));
}

}  // namespace

SplitRunner::Part SplitRunner::make_part(const CaseInput& whole, std::uint64_t begin, std::uint64_t end,
                                         const SplitSide& side, std::unique_ptr<Executor>& own) {
  Part p;
  p.side = side;
  p.items = end - begin;
  p.input = m_workload.slice(whole, begin, end);
  if (side.threads > 0 && !own) own = make_tbb_executor(side.threads);
  const ExecContext ctx{*side.backend, side.mode, side.threads > 0 ? *own : side.backend->executor()};
  p.runner = side.impl->make(*p.input, ctx);
  return p;
}

void SplitRunner::divide(const CaseInput& whole, std::uint64_t head_items) {
  const std::uint64_t items = m_workload.batch_items(whole);
  const SplitSide head = m_head.side, tail = m_tail.side;
  m_head = {};
  m_tail = {};
  m_head = make_part(whole, 0, head_items, head, m_head_executor);
  m_tail = make_part(whole, head_items, items, tail, m_tail_executor);
}

SplitRunner::SplitRunner(const Workload& workload, const CaseInput& whole, std::uint64_t head_items,
                         const SplitSide& head, const SplitSide& tail, bool rebalance)
    : m_workload(workload) {
  const std::uint64_t items = workload.batch_items(whole);
  if (head_items == 0 || head_items >= items) {
    throw SkipCase(
        fmt::format("a batch of {} items cannot be split with {} on the first side", items, head_items));
  }
  m_head.side = head;
  m_tail.side = tail;
  divide(whole, head_items);
  m_balance["planned_head_items"] = head_items;
  for (int round = 0; rebalance && round < 2; ++round) {
    // Warm each part, then time it alone: items per second of each side at this division.
    m_head.runner->iterate();
    m_tail.runner->iterate();
    const double head_rate = static_cast<double>(m_head.items) / seconds_of(*m_head.runner);
    const double tail_rate = static_cast<double>(m_tail.items) / seconds_of(*m_tail.runner);
    const double n = static_cast<double>(items);
    auto finish = [&](std::uint64_t k) {
      return std::max(static_cast<double>(k) / head_rate, static_cast<double>(items - k) / tail_rate);
    };
    const auto even = static_cast<std::uint64_t>(n * head_rate / (head_rate + tail_rate));
    std::uint64_t best = std::clamp<std::uint64_t>(even, 1, items - 1);
    if (even + 1 < items && finish(even + 1) < finish(best)) best = even + 1;
    const double alone = std::min(n / head_rate, n / tail_rate);
    m_balance["rounds"].push_back({{"head_items", m_head.items},
                                   {"head_items_per_second", head_rate},
                                   {"tail_items_per_second", tail_rate},
                                   {"predicted_seconds", finish(best)},
                                   {"faster_alone_predicted_seconds", alone}});
    if (finish(best) >= alone) {
      throw SkipCase(
          fmt::format("no division of {} items beats the faster side alone: {} {:.4g} items/s, {} {:.4g} "
                      "items/s measured "
                      "(best division {:.4g} s, alone {:.4g} s)",
                      items, side_name(head), head_rate, side_name(tail), tail_rate, finish(best), alone));
    }
    const std::uint64_t moved = best > m_head.items ? best - m_head.items : m_head.items - best;
    if (moved <= std::max<std::uint64_t>(1, items / 100)) break;
    divide(whole, best);
  }
  m_head_thread = std::thread([this] { head_loop(); });
}

SplitRunner::~SplitRunner() {
  {
    std::lock_guard lock(m_mutex);
    m_stop = true;
  }
  m_wake.notify_all();
  m_head_thread.join();
}

void SplitRunner::head_loop() {
  std::exception_ptr bind_error;
  try {
    m_head.side.backend->bind_thread();
  } catch (...) {
    bind_error = std::current_exception();
  }
  std::unique_lock lock(m_mutex);
  for (;;) {
    m_wake.wait(lock, [&] { return m_stop || m_started > m_finished; });
    if (m_stop) return;
    lock.unlock();
    std::exception_ptr error = bind_error;
    try {
      if (!error) m_head.runner->iterate();
    } catch (...) {
      error = std::current_exception();
    }
    lock.lock();
    m_head_error = error;
    ++m_finished;
    m_wake.notify_all();
  }
}

std::optional<double> SplitRunner::iterate() {
  {
    std::lock_guard lock(m_mutex);
    ++m_started;
  }
  m_wake.notify_all();
  std::exception_ptr tail_error;
  try {
    m_tail.runner->iterate();
  } catch (...) {
    tail_error = std::current_exception();
  }
  std::unique_lock lock(m_mutex);
  m_wake.wait(lock, [&] { return m_finished == m_started; });
  if (m_head_error) std::rethrow_exception(std::exchange(m_head_error, nullptr));
  if (tail_error) std::rethrow_exception(tail_error);
  return std::nullopt;
}

std::unique_ptr<CaseOutput> SplitRunner::result() {
  const auto head = m_head.runner->result();
  const auto tail = m_tail.runner->result();
  return m_workload.join(*head, *tail);
}

std::vector<Phase> SplitRunner::phases() {
  return {
      {fmt::format("{} alone ({} items)", side_name(m_head.side), m_head.items), seconds_of(*m_head.runner)},
      {fmt::format("{} alone ({} items)", side_name(m_tail.side), m_tail.items), seconds_of(*m_tail.runner)}};
}

nlohmann::json SplitRunner::notes() const {
  const double items = static_cast<double>(m_head.items + m_tail.items);
  auto part = [&](const Part& p) {
    return nlohmann::json{{"side", side_name(p.side)},
                          {"items", p.items},
                          {"share", static_cast<double>(p.items) / items},
                          {"notes", p.runner->notes()}};
  };
  return {{"parts", {part(m_head), part(m_tail)}}, {"balance", m_balance}};
}

}  // namespace hwbench::scheduler
