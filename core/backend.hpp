#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hwbench {

// Where a case's inputs and outputs live while it is timed.
//  host:   CPU backends; everything in host memory.
//  device: GPU, inputs already resident on the device, output left there.
//  e2e:    GPU end to end: host-to-device copy, kernels, copy back, from pinned host memory.
enum class Mode { host, device, e2e };
std::string_view to_string(Mode mode);
std::optional<Mode> parse_mode(std::string_view name);

// Tasks handed to a backend's threads while the caller goes on with other work (a producer feeding
// consumers). Destroying a group waits for its tasks.
class TaskGroup {
 public:
  virtual ~TaskGroup() = default;
  virtual void run(std::function<void()> task) = 0;
  // Returns when every task has finished; rethrows the first exception a task threw.
  virtual void wait() = 0;
};

// Runs independent pieces of a range on a backend's threads.
class Executor {
 public:
  using Body = std::function<void(std::size_t begin, std::size_t end)>;
  virtual ~Executor() = default;
  // Calls body on disjoint sub-ranges covering [0, n); pieces are at least `grain` long except the last.
  virtual void for_range(std::size_t n, std::size_t grain, const Body& body) const = 0;
  virtual int concurrency() const = 0;
  // A group whose tasks run on this executor's threads; the serial executor runs each at once.
  virtual std::unique_ptr<TaskGroup> task_group() const;
};

// What `run` asks of every backend before cases start.
struct BackendOptions {
  int threads = 0;  // 0: all hardware threads
  int device = 0;
};

// What a backend is to the code that treats backends by role, never by name.
enum class BackendKind {
  cpu_serial,    // one CPU thread: the baseline of speed-ups
  cpu_parallel,  // every CPU thread: references run here; the CPU side of crossovers and splits
  gpu,           // a device: what calibration weighs against the CPU
};
std::string_view to_string(BackendKind kind);

class Backend {
 public:
  virtual ~Backend() = default;
  virtual std::string_view name() const = 0;
  virtual BackendKind kind() const = 0;
  // Position in tables and lists, slowest kind first: serial, parallel, GPU.
  int order() const { return static_cast<int>(kind()); }
  bool is_gpu() const { return kind() == BackendKind::gpu; }
  // Whether other backends' speed-ups are relative to this one's times.
  bool is_reference() const { return kind() == BackendKind::cpu_serial; }
  virtual std::string_view description() const = 0;
  // Empty when the backend can run here; otherwise why not, in a few words.
  virtual std::string unavailable_reason() const = 0;
  virtual std::vector<Mode> modes() const = 0;
  virtual void configure(const BackendOptions& options) = 0;
  // The threads CPU code runs on; GPU backends return a serial executor for host-side work.
  virtual const Executor& executor() const = 0;
  // Facts recorded in a result's context (thread count, GPU properties...).
  virtual nlohmann::json describe() const = 0;
  // Peak device memory of the case that ran since the last reset; 0 where it does not apply.
  virtual void reset_peak_device_bytes() {}
  virtual std::uint64_t peak_device_bytes() const { return 0; }
  // Theoretical device memory bandwidth in bytes/s (0: not a device backend).
  virtual double theoretical_bandwidth() const { return 0; }
  // Pinned host-to-device copy rate in bytes/s, measured once in this run (0: not a device backend).
  virtual double host_to_device_bandwidth() { return 0; }
  // The PCI bus id of the GPU the cases run on, for telemetry (empty: not a GPU backend).
  virtual std::string pci_bus_id() const { return {}; }
  // Makes the calling thread work on this backend's device (a thread other than the one that
  // configured it, such as co-execution's GPU thread); nothing to do for CPU backends.
  virtual void bind_thread() const {}
};

// The executor that runs everything on the calling thread.
const Executor& serial_executor();

}  // namespace hwbench
