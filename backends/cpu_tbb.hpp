#pragma once

#include <memory>

#include "core/backend.hpp"

namespace hwbench {

// An executor over a oneTBB arena of its own with `threads` threads (co-execution gives the CPU side one
// thread fewer than the machine has, so that the GPU side's thread keeps a core).
std::unique_ptr<Executor> make_tbb_executor(int threads);

}  // namespace hwbench
