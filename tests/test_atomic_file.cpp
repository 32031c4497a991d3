// AtomicFile: a target is a regular file or nothing; the temporary never outlives the object, nor a
// signal that stops the process in the middle of writing.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/interrupt.hpp"

namespace hwbench {
namespace {

namespace fs = std::filesystem;

class AtomicFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = fs::temp_directory_path() / ("hwbench-atomic-" + std::to_string(::getpid()));
    fs::remove_all(m_dir);
    fs::create_directories(m_dir);
  }
  void TearDown() override { fs::remove_all(m_dir); }
  std::size_t entries() const {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(m_dir), fs::directory_iterator()));
  }
  static std::string slurp(const fs::path& p) {
    std::ifstream f(p);
    std::stringstream s;
    s << f.rdbuf();
    return s.str();
  }
  fs::path m_dir;
};

TEST_F(AtomicFileTest, CommitReplacesARegularFileAndLeavesNothingElse) {
  std::ofstream(m_dir / "out.json") << "old";
  {
    AtomicFile f(m_dir / "out.json");
    f.write("new ");
    f.write("content");
    EXPECT_EQ(slurp(m_dir / "out.json"), "old") << "readers see the old file until commit()";
    EXPECT_EQ(entries(), 2u);
    f.commit();
  }
  EXPECT_EQ(slurp(m_dir / "out.json"), "new content");
  EXPECT_EQ(entries(), 1u);
  {
    AtomicFile abandoned(m_dir / "other.json");
    abandoned.write("half");
  }
  EXPECT_EQ(entries(), 1u) << "an uncommitted file leaves nothing";
}

TEST_F(AtomicFileTest, RefusesWhatIsNotARegularFile) {
  std::ofstream(m_dir / "victim") << "keep";
  fs::create_symlink(m_dir / "victim", m_dir / "link");
  fs::create_symlink(m_dir / "nowhere", m_dir / "dangling");
  ASSERT_EQ(::mkfifo((m_dir / "fifo").c_str(), 0600), 0);
  fs::create_directory(m_dir / "folder");
  for (const fs::path& p :
       {m_dir / "link", m_dir / "dangling", m_dir / "fifo", m_dir / "folder", fs::path("/dev/null"),
        fs::path("/dev/full"), m_dir / "no" / "such" / "folder" / "x", fs::path()}) {
    EXPECT_THROW(AtomicFile{p}, UsageError) << p;
  }
  EXPECT_EQ(slurp(m_dir / "victim"), "keep");
  EXPECT_FALSE(fs::exists(m_dir / "nowhere"));
  EXPECT_EQ(entries(), 5u);
}

TEST_F(AtomicFileTest, ATargetThatBecomesALinkIsNotReplaced) {
  std::ofstream(m_dir / "victim") << "keep";
  AtomicFile f(m_dir / "out");
  f.write("x");
  fs::create_symlink(m_dir / "victim", m_dir / "out");
  EXPECT_THROW(f.commit(), UsageError);
  EXPECT_TRUE(fs::is_symlink(m_dir / "out"));
  EXPECT_EQ(slurp(m_dir / "victim"), "keep");
}

TEST_F(AtomicFileTest, ASignalWhileWritingRemovesTheTemporary) {
  for (const int sig : {SIGINT, SIGTERM, SIGHUP}) {
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      ::signal(sig, SIG_DFL);
      install_interrupt_handlers();
      AtomicFile f(m_dir / "result.json");
      f.write("half a result");
      InterruptCleanup note(InterruptCleanup::Action::mark_folder, m_dir);
      ::raise(sig);
      ::_exit(0);  // not reached
    }
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFSIGNALED(status)) << sig;
    EXPECT_EQ(WTERMSIG(status), sig);
    EXPECT_FALSE(fs::exists(m_dir / "result.json"));
    EXPECT_TRUE(fs::exists(m_dir / kInterruptedNote));
    fs::remove(m_dir / kInterruptedNote);
    EXPECT_EQ(entries(), 0u) << "no temporary left for signal " << sig;
  }
}

}  // namespace
}  // namespace hwbench
