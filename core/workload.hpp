#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/backend.hpp"
#include "core/parameter.hpp"

namespace hwbench {

class DumpWriter;

// What one case of size n processes, for throughput figures.
struct Work {
  std::uint64_t items = 0;  // messages, leaves, elements...
  std::uint64_t bytes = 0;  // bytes processed (bytes/s): input bytes, or traffic for bandwidth-bound work
  // The fewest bytes through device memory (inputs read once, outputs written once).
  std::uint64_t bytes_moved = 0;
  std::uint64_t bytes_in = 0;    // host-to-device bytes of an end-to-end run
  std::uint64_t bytes_out = 0;   // device-to-host bytes of an end-to-end run
  bool bandwidth_bound = false;  // report % of peak memory bandwidth
  // Further things one iteration produces, each reported per second too (e.g. {"proofs", 64}).
  std::vector<std::pair<std::string, std::uint64_t>> counts;
};

struct Verification {
  bool ok = false;
  std::uint64_t checked = 0;
  std::uint64_t mismatches = 0;
  std::string detail;  // first mismatch, or how it was checked
};

// A breakdown of one iteration (e.g. an end-to-end run's copies and kernels), measured untimed.
struct Phase {
  std::string name;
  double seconds = 0;
};

class CaseInput {
 public:
  virtual ~CaseInput() = default;
};

class CaseOutput {
 public:
  virtual ~CaseOutput() = default;
};

// A case prepared on one backend: inputs staged, buffers allocated. The harness calls iterate()
// repeatedly; only iterate() is timed.
class Runner {
 public:
  virtual ~Runner() = default;
  // True when iterate() measures itself with CUDA events (device time); else the harness times it
  // with the host's steady clock.
  virtual bool device_timed() const { return false; }
  // One timed iteration; returns the device-measured seconds when device_timed().
  virtual std::optional<double> iterate() = 0;
  // The last iteration's result, on the host, for verification.
  virtual std::unique_ptr<CaseOutput> result() = 0;
  virtual std::vector<Phase> phases() { return {}; }
  // The work of one iteration when it is not the workload's work(n): a batch of programs, say.
  virtual std::optional<Work> work() const { return std::nullopt; }
  // Facts worth recording about how this runner works (chunks, streams, launch shape).
  virtual nlohmann::json notes() const { return nlohmann::json::object(); }
};

class Workload {
 public:
  virtual ~Workload() = default;
  virtual std::string_view name() const = 0;
  virtual std::string_view description() const = 0;
  virtual std::string_view unit() const = 0;  // what one item is
  virtual std::vector<std::uint64_t> default_sizes() const = 0;
  // Sizes of the quick default suite (`hwbench run` with no workload).
  virtual std::vector<std::uint64_t> quick_sizes() const = 0;
  // Settings besides the size (e.g. msg-bytes), as data: options and axes of `run`. Setting one
  // changes what later cases generate, until it is set again.
  virtual std::vector<Parameter> options() { return {}; }
  // Throws UsageError when n is not a size this workload takes.
  virtual void check_size(std::uint64_t /*n*/) const {}
  virtual Work work(std::uint64_t n) const = 0;
  // Variants with the same job compute the same thing in different ways and may stand in for one
  // another (calibration compares a GPU variant with the fastest CPU variant of its job); by default
  // every variant of a workload does the same job.
  virtual std::string job(std::string_view /*variant*/) const { return {}; }
  // A workload made of other workloads' jobs (mix): its variants are scheduling strategies, so it is
  // neither calibrated nor routed itself.
  virtual bool composite() const { return false; }
  // The values of workload-specific options, recorded with every case.
  virtual nlohmann::json parameters() const { return nlohmann::json::object(); }

  // Co-execution (the split strategy): a job whose input is a batch of independent items can run as
  // two parts at once, one per backend, whose outputs joined in order equal the whole batch's output.
  virtual bool divisible(std::string_view /*job*/) const { return false; }
  // The items of an input a divisible job divides (0: none).
  virtual std::uint64_t batch_items(const CaseInput& /*input*/) const { return 0; }
  // Items [begin, end) as an input of their own; end <= batch_items(input).
  virtual std::unique_ptr<CaseInput> slice(const CaseInput& input, std::uint64_t begin,
                                           std::uint64_t end) const;
  // The output of two consecutive parts, the head's items first.
  virtual std::unique_ptr<CaseOutput> join(const CaseOutput& head, const CaseOutput& tail) const;

  virtual std::unique_ptr<CaseInput> generate(std::uint64_t n, std::uint64_t seed) const = 0;
  virtual std::unique_ptr<CaseOutput> reference(const CaseInput& input, const Executor& executor) const = 0;
  virtual Verification verify(const CaseInput& input, const CaseOutput& expected,
                              const CaseOutput& got) const = 0;
  virtual void dump_input(const CaseInput& input, DumpWriter& out) const = 0;
  virtual void dump_output(const CaseOutput& output, DumpWriter& out, const std::string& stem) const = 0;
};

// Binds the type-erased interface to a workload's own input and output types.
template <class In, class Out>
class TypedWorkload : public Workload {
 public:
  using Input = In;
  using Output = Out;

  virtual In make_input(std::uint64_t n, std::uint64_t seed) const = 0;
  virtual Out make_reference(const In& input, const Executor& executor) const = 0;
  virtual Verification compare(const In& input, const Out& expected, const Out& got) const = 0;
  virtual void write_input(const In& input, DumpWriter& out) const = 0;
  virtual void write_output(const Out& output, DumpWriter& out, const std::string& stem) const = 0;
  // Co-execution over the workload's own types; only called where divisible() says so.
  virtual std::uint64_t items_of(const In& /*input*/) const { return 0; }
  virtual In slice_of(const In& input, std::uint64_t begin, std::uint64_t end) const;
  virtual Out join_of(const Out& head, const Out& tail) const;

  std::unique_ptr<CaseInput> generate(std::uint64_t n, std::uint64_t seed) const final {
    return std::make_unique<In>(make_input(n, seed));
  }
  std::unique_ptr<CaseOutput> reference(const CaseInput& input, const Executor& executor) const final {
    return std::make_unique<Out>(make_reference(static_cast<const In&>(input), executor));
  }
  Verification verify(const CaseInput& input, const CaseOutput& expected, const CaseOutput& got) const final {
    return compare(static_cast<const In&>(input), static_cast<const Out&>(expected),
                   static_cast<const Out&>(got));
  }
  void dump_input(const CaseInput& input, DumpWriter& out) const final {
    write_input(static_cast<const In&>(input), out);
  }
  void dump_output(const CaseOutput& output, DumpWriter& out, const std::string& stem) const final {
    write_output(static_cast<const Out&>(output), out, stem);
  }
  std::uint64_t batch_items(const CaseInput& input) const final {
    return items_of(static_cast<const In&>(input));
  }
  std::unique_ptr<CaseInput> slice(const CaseInput& input, std::uint64_t begin,
                                   std::uint64_t end) const final {
    return std::make_unique<In>(slice_of(static_cast<const In&>(input), begin, end));
  }
  std::unique_ptr<CaseOutput> join(const CaseOutput& head, const CaseOutput& tail) const final {
    return std::make_unique<Out>(join_of(static_cast<const Out&>(head), static_cast<const Out&>(tail)));
  }
};

// Not divisible unless the workload says so: asking for a part of such a workload is a program error.
[[noreturn]] void throw_not_divisible(std::string_view workload);

template <class In, class Out>
In TypedWorkload<In, Out>::slice_of(const In& /*input*/, std::uint64_t /*begin*/,
                                    std::uint64_t /*end*/) const {
  throw_not_divisible(name());
}

template <class In, class Out>
Out TypedWorkload<In, Out>::join_of(const Out& /*head*/, const Out& /*tail*/) const {
  throw_not_divisible(name());
}

}  // namespace hwbench
