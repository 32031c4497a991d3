#pragma once

// The hwbench binary run as a user runs it: a shell command line, its exit code, standard output and
// standard error, in a fresh folder per test.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace hwbench::testing {

namespace fs = std::filesystem;

struct Result {
  int exit_code = -1;  // -1 when killed by a signal
  int signal = 0;      // the signal that ended it, if any
  std::string out;
  std::string err;
};

inline std::string binary() {
  const char* env = std::getenv("HWBENCH_BIN");
  return env != nullptr ? env : HWBENCH_BIN_PATH;
}

inline std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = fs::temp_directory_path() /
            ("hwbench-cli-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) +
             "-" + std::to_string(::getpid()));
    fs::remove_all(m_dir);
    fs::create_directories(m_dir);
  }
  void TearDown() override { fs::remove_all(m_dir); }

  // `hwbench ARGS`, with standard input from /dev/null.
  Result hwbench(const std::string& args) { return shell(binary() + " " + args); }

  // A shell command line, where "$HWBENCH" names the binary; its output is captured as hwbench's.
  Result shell(const std::string& line) {
    const fs::path out = m_dir / "stdout", err = m_dir / "stderr";
    const std::string cmd = "HWBENCH='" + binary() + "'; { " + line + " ; } >" + out.string() + " 2>" +
                            err.string() + " </dev/null";
    const int status = std::system(cmd.c_str());
    Result r{-1, 0, slurp(out), slurp(err)};
    if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
    return r;
  }

  fs::path m_dir;
};

inline constexpr const char* kFast = "--repetitions 2 --min-time 0.001 --warmup 0 --quiet";

}  // namespace hwbench::testing
