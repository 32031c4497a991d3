#pragma once

// What a command leaves behind when SIGINT, SIGTERM or SIGHUP stops it: its temporary files removed, an
// INTERRUPTED note in each output folder it was filling, then the signal's default action, so that
// the exit status still names the signal (130, 143 or 129 in a shell). The handler does only what is
// async-signal-safe: unlink(), open(), write(), close() over paths registered beforehand in fixed
// slots.
#include <filesystem>

namespace hwbench {

// Once, at start-up.
void install_interrupt_handlers();

// One registered action, undone by the destructor (or release()).
class InterruptCleanup {
 public:
  enum class Action {
    remove_file,  // unlink the path: a temporary, a lock file
    mark_folder,  // write the path's folder/INTERRUPTED
  };
  InterruptCleanup() = default;
  InterruptCleanup(Action action, const std::filesystem::path& path);
  ~InterruptCleanup() { release(); }
  InterruptCleanup(InterruptCleanup&& other) noexcept : m_slot(other.m_slot) { other.m_slot = -1; }
  InterruptCleanup& operator=(InterruptCleanup&& other) noexcept;
  InterruptCleanup(const InterruptCleanup&) = delete;
  InterruptCleanup& operator=(const InterruptCleanup&) = delete;

  void release();

 private:
  int m_slot = -1;  // -1: nothing registered (all slots taken, or a path too long to register)
};

// The note's name in an output folder.
inline constexpr const char* kInterruptedNote = "INTERRUPTED";

}  // namespace hwbench
