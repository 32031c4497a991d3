// What hwbench writes: never through a link, a device or a FIFO it was pointed at; every output path
// checked before anything is measured; one run per --out folder at a time; nothing half-written or
// left over when a signal stops it; "-" for standard output.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/cli_fixture.hpp"

namespace {

using namespace hwbench::testing;

std::string fmt(const char* stem, int sig) { return stem + std::to_string(sig); }

class Outputs : public Cli {
 protected:
  static std::string run_args(const fs::path& out) {
    return "run vecadd --sizes 1K --backend cpu-serial " + std::string(kFast) + " --out " + out.string();
  }

  // Every file under `dir` whose name says it is a temporary or a lock.
  static std::vector<std::string> leftovers(const fs::path& dir) {
    std::vector<std::string> out;
    if (!fs::exists(dir)) return out;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
      const std::string name = e.path().filename().string();
      if (name.find(".tmp.") != std::string::npos || name == ".hwbench.lock")
        out.push_back(e.path().string());
    }
    return out;
  }

  static bool is_char_device(const fs::path& p) {
    struct stat st {};
    return ::lstat(p.c_str(), &st) == 0 && S_ISCHR(st.st_mode);
  }
};

TEST_F(Outputs, DevicesFifosAndLinksAreNeverReplacedOrFollowed) {
  ASSERT_TRUE(is_char_device("/dev/full"));
  const Result full = hwbench(run_args(m_dir / "res") + " --prometheus /dev/full");
  EXPECT_EQ(full.exit_code, 2) << full.err;
  EXPECT_NE(full.err.find("a device, not a regular file"), std::string::npos) << full.err;
  EXPECT_TRUE(is_char_device("/dev/full")) << "the device node is still a device";
  EXPECT_FALSE(fs::exists(m_dir / "res")) << "the folder the refused run created is gone";

  ASSERT_EQ(::mkfifo((m_dir / "fifo").c_str(), 0600), 0);
  const fs::path victim = m_dir / "victim.txt";
  std::ofstream(victim) << "keep me";
  fs::create_symlink(victim, m_dir / "link");
  fs::create_directory(m_dir / "elsewhere");
  fs::create_directory_symlink(m_dir / "elsewhere", m_dir / "dirlink");
  ASSERT_EQ(hwbench(run_args(m_dir / "res")).exit_code, 0);
  const std::string result = (m_dir / "res" / "result.json").string();
  for (const std::string& target :
       {std::string("/dev/null"), (m_dir / "fifo").string(), (m_dir / "link").string()}) {
    for (const std::string& args :
         {"report " + result + " --out " + target, "merge " + result + " --out " + target,
          "compare " + result + " " + result + " --out " + target,
          run_args(m_dir / "res2") + " --prometheus " + target}) {
      const Result r = shell("timeout -s KILL 20 \"$HWBENCH\" " + args);
      EXPECT_EQ(r.exit_code, 2) << args << "\n" << r.err;
      EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << args << ": " << r.err;
    }
  }
  // --out itself: a link to a folder, a FIFO, a device.
  for (const std::string& target :
       {(m_dir / "dirlink").string(), (m_dir / "fifo").string(), std::string("/dev/null")}) {
    const Result r = hwbench(run_args(target));
    EXPECT_EQ(r.exit_code, 2) << target << ": " << r.err;
  }
  // A link planted inside the out folder where result.json goes.
  fs::create_directory(m_dir / "planted");
  fs::create_symlink(victim, m_dir / "planted" / "result.json");
  const Result planted = hwbench(run_args(m_dir / "planted") + " --overwrite");
  EXPECT_EQ(planted.exit_code, 2) << planted.err;
  EXPECT_NE(planted.err.find("a symbolic link"), std::string::npos) << planted.err;
  EXPECT_EQ(slurp(victim), "keep me");
  EXPECT_TRUE(fs::is_symlink(m_dir / "link"));
  EXPECT_TRUE(fs::is_empty(m_dir / "elsewhere"));
  struct stat st {};
  ASSERT_EQ(::lstat((m_dir / "fifo").c_str(), &st), 0);
  EXPECT_TRUE(S_ISFIFO(st.st_mode));
  EXPECT_TRUE(leftovers(m_dir).empty()) << leftovers(m_dir)[0];
}

TEST_F(Outputs, EveryOutputPathIsCheckedBeforeMeasuring) {
  // A run that would measure for many seconds is refused at once.
  const std::string slow =
      "run vecadd --sizes 1K --backend cpu-serial --repetitions 50 --min-time 1 --quiet --out ";
  for (const std::string& bad : {" --prometheus " + (m_dir / "no" / "such" / "x.prom").string(),
                                 " --prometheus " + m_dir.string(), std::string(" --prometheus ''")}) {
    const auto start = std::chrono::steady_clock::now();
    const Result r = shell("timeout -s KILL 20 \"$HWBENCH\" " + slow + (m_dir / "res").string() + bad);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_EQ(r.exit_code, 2) << bad << ": " << r.err;
    EXPECT_NE(r.err.find("--prometheus"), std::string::npos) << r.err;
    EXPECT_LT(seconds, 5) << bad;
    EXPECT_FALSE(fs::exists(m_dir / "res"));
  }
  // report and merge check --out before reading their inputs.
  const Result report = hwbench("report " + (m_dir / "missing.json").string() + " --out /dev/full");
  EXPECT_NE(report.err.find("--out"), std::string::npos) << report.err;
  // calibrate takes its profile path before it measures (here it stops first: no GPU, exit 3).
}

TEST_F(Outputs, OneRunPerOutFolderAndNoSilentOverwrite) {
  const fs::path out = m_dir / "shared";
  // Three runs started at once: one writes the folder, the others are refused and say why.
  std::string line;
  for (int i = 0; i < 3; ++i) {
    line += "( \"$HWBENCH\" " + run_args(out) + " >/dev/null 2>" +
            (m_dir / ("err" + std::to_string(i))).string() + "; echo $? >" +
            (m_dir / ("rc" + std::to_string(i))).string() + " ) & ";
  }
  ASSERT_EQ(shell(line + "wait").exit_code, 0);
  int ok = 0, refused = 0;
  for (int i = 0; i < 3; ++i) {
    const int rc = std::stoi(slurp(m_dir / ("rc" + std::to_string(i))));
    const std::string err = slurp(m_dir / ("err" + std::to_string(i)));
    if (rc == 0) ++ok;
    if (rc == 2) {
      ++refused;
      EXPECT_TRUE(err.find("another hwbench is writing") != std::string::npos ||
                  err.find("holds files already") != std::string::npos)
          << err;
    }
  }
  EXPECT_EQ(ok, 1);
  EXPECT_EQ(refused, 2);
  EXPECT_TRUE(fs::exists(out / "result.json"));
  // Again, later: refused without --overwrite, taken with it.
  const Result again = hwbench(run_args(out));
  EXPECT_EQ(again.exit_code, 2) << again.err;
  EXPECT_NE(again.err.find("--overwrite"), std::string::npos) << again.err;
  EXPECT_EQ(hwbench(run_args(out) + " --overwrite").exit_code, 0);
  EXPECT_TRUE(leftovers(out).empty());
  // --dump and --out may not be one folder.
  EXPECT_EQ(hwbench(run_args(m_dir / "same") + " --dump " + (m_dir / "same").string()).exit_code, 2);
  // The default folder gets a unique name per run, also within one second.
  const Result two =
      shell("cd " + m_dir.string() + " && \"$HWBENCH\" run vecadd --sizes 1K --backend cpu-serial " + kFast +
            " && \"$HWBENCH\" run vecadd --sizes 1K --backend cpu-serial " + kFast);
  ASSERT_EQ(two.exit_code, 0) << two.err;
  int folders = 0;
  for (const auto& e : fs::directory_iterator(m_dir / "hwbench-results"))
    folders += fs::exists(e.path() / "result.json");
  EXPECT_EQ(folders, 2);
}

TEST_F(Outputs, ASignalLeavesANoteAndNoTemporaries) {
  // A run stopped while it measures: INTERRUPTED in the out and dump folders, no result half-written,
  // no temporary, no lock; the exit status is the signal's.
  for (const int sig : {SIGINT, SIGTERM}) {
    const fs::path out = m_dir / fmt("out-", sig), dump = m_dir / fmt("dump-", sig);
    std::vector<std::string> args = {
        binary(),     "run",           "vecadd",     "sha256",     "--sizes",    "1K,2K,4K,8K", "--backend",
        "cpu-serial", "--repetitions", "20",         "--min-time", "0.2",        "--warmup",    "0",
        "--quiet",    "--out",         out.string(), "--dump",     dump.string()};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, 1, "/dev/null", O_WRONLY, 0);
    // The signals at their default in the child, whatever this test process inherited.
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTERM);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);
    pid_t pid = 0;
    ASSERT_EQ(::posix_spawn(&pid, argv[0], &files, &attr, argv.data(), environ), 0);
    posix_spawn_file_actions_destroy(&files);
    posix_spawnattr_destroy(&attr);
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    ::kill(pid, sig);
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == sig) << sig << ": status " << status;
    EXPECT_TRUE(fs::exists(out / "INTERRUPTED")) << sig;
    EXPECT_TRUE(fs::exists(dump / "INTERRUPTED")) << sig;
    EXPECT_FALSE(fs::exists(out / "result.json")) << sig;
    EXPECT_TRUE(leftovers(out).empty()) << leftovers(out)[0];
    EXPECT_TRUE(leftovers(dump).empty()) << leftovers(dump)[0];
    // The next run in that folder replaces the note (with --overwrite: the folder holds it).
    ASSERT_EQ(hwbench(run_args(out) + " --overwrite").exit_code, 0);
    EXPECT_FALSE(fs::exists(out / "INTERRUPTED"));
  }
}

TEST_F(Outputs, DashIsStandardOutput) {
  ASSERT_EQ(hwbench(run_args(m_dir / "res")).exit_code, 0);
  const std::string result = (m_dir / "res" / "result.json").string();
  const Result html = hwbench("report " + result + " --out -");
  ASSERT_EQ(html.exit_code, 0) << html.err;
  EXPECT_EQ(html.out.rfind("<!DOCTYPE html>", 0), 0u) << html.out.substr(0, 100);
  EXPECT_FALSE(fs::exists("-"));
  const Result merged = hwbench("merge " + result + " " + result + " --out -");
  ASSERT_EQ(merged.exit_code, 0) << merged.err;
  EXPECT_EQ(nlohmann::json::parse(merged.out)["sources"].size(), 2u);
  const Result prom = hwbench(run_args(m_dir / "res2") + " --prometheus -");
  ASSERT_EQ(prom.exit_code, 0) << prom.err;
  EXPECT_NE(prom.out.find("# TYPE hwbench_case_duration_seconds summary"), std::string::npos) << prom.out;
  // Without --quiet the table would share standard output with the metrics.
  const Result mixed =
      hwbench("run vecadd --sizes 1K --backend cpu-serial --repetitions 2 --min-time 0.001 --out " +
              (m_dir / "res3").string() + " --prometheus -");
  EXPECT_EQ(mixed.exit_code, 2) << mixed.err;
  // Standard output that cannot be written is no success.
  const Result closed = shell("\"$HWBENCH\" list >/dev/full; echo rc=$?");
  EXPECT_NE(closed.out.find("rc=2"), std::string::npos) << closed.out << closed.err;
}

}  // namespace
