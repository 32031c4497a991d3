#include "core/interrupt.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstring>

namespace hwbench {
namespace {

constexpr int kSlots = 128;
constexpr std::size_t kPathBytes = 4096;

enum SlotState : int { kFree = 0, kFilling = 1, kReady = 2 };

struct Slot {
  std::atomic<int> state{kFree};
  std::atomic<unsigned> version{0};  // odd while the path is written: the handler skips a torn one
  InterruptCleanup::Action action = InterruptCleanup::Action::remove_file;
  char path[kPathBytes] = {};  // for mark_folder: the note's own path
};

Slot g_slots[kSlots];
std::atomic_flag g_handling = ATOMIC_FLAG_INIT;

constexpr char kNote[] =
    "hwbench was stopped by a signal before it finished: what this folder holds is incomplete.\n";

void write_note(const char* path) {
  const int fd = ::open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) return;
  const char* at = kNote;
  std::size_t left = sizeof(kNote) - 1;
  while (left > 0) {
    const ssize_t n = ::write(fd, at, left);
    if (n <= 0) break;
    at += n;
    left -= static_cast<std::size_t>(n);
  }
  ::close(fd);
}

extern "C" void on_signal(int sig) {
  // A second signal, in another thread, while the first is handled: the first one ends the process.
  if (!g_handling.test_and_set()) {
    static char path[kPathBytes];
    for (auto& slot : g_slots) {
      const unsigned before = slot.version.load();
      if (slot.state.load() != kReady || before % 2 != 0) continue;
      const auto action = slot.action;
      std::memcpy(path, slot.path, kPathBytes);
      if (slot.version.load() != before || slot.state.load() != kReady) continue;
      path[kPathBytes - 1] = '\0';
      if (action == InterruptCleanup::Action::remove_file) {
        ::unlink(path);
      } else {
        write_note(path);
      }
    }
    // The default action, once the handler's mask no longer blocks the signal: the process ends by it.
    ::signal(sig, SIG_DFL);
    ::raise(sig);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    ::pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
  }
  for (;;) ::pause();
}

}  // namespace

void install_interrupt_handlers() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&action.sa_mask, sig);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction old {};
    // A signal ignored by whoever started hwbench (nohup, a shell's background job) stays ignored.
    if (::sigaction(sig, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) continue;
    ::sigaction(sig, &action, nullptr);
  }
}

InterruptCleanup::InterruptCleanup(Action action, const std::filesystem::path& path) {
  std::string text = action == Action::mark_folder ? (path / kInterruptedNote).string() : path.string();
  if (text.size() >= kPathBytes) return;
  for (int i = 0; i < kSlots; ++i) {
    int expected = kFree;
    if (!g_slots[i].state.compare_exchange_strong(expected, kFilling)) continue;
    g_slots[i].version.fetch_add(1);
    g_slots[i].action = action;
    std::memcpy(g_slots[i].path, text.c_str(), text.size() + 1);
    g_slots[i].version.fetch_add(1);
    g_slots[i].state.store(kReady);
    m_slot = i;
    return;
  }
}

InterruptCleanup& InterruptCleanup::operator=(InterruptCleanup&& other) noexcept {
  if (this != &other) {
    release();
    m_slot = other.m_slot;
    other.m_slot = -1;
  }
  return *this;
}

void InterruptCleanup::release() {
  if (m_slot < 0) return;
  g_slots[m_slot].state.store(kFree);
  m_slot = -1;
}

}  // namespace hwbench
