// The results store end to end: `run --store` and `store add` keep each run whole in SQLite, many
// writers at once lose nothing, what is read back passes a result file's checks, and a file that is no
// store of this hwbench is refused with one line.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/result_document.hpp"
#include "store/store.hpp"
#include "tests/cli_fixture.hpp"

namespace {

using namespace hwbench::testing;
namespace store = hwbench::store;

class Store : public Cli {
 protected:
  // A verified run of two cases, its result.json under m_dir/name.
  fs::path run(const std::string& name) {
    const Result r = hwbench("run sha256 --sizes 8 --backend cpu-serial " + std::string(kFast) + " --out " +
                             (m_dir / name).string());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return m_dir / name / "result.json";
  }
  std::string url() const { return "sqlite:" + (m_dir / "h" / "history.sqlite").string(); }

  // Runs SQL on the store's file directly, as a hostile or careless hand would.
  void tamper(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((m_dir / "h" / "history.sqlite").string().c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK) << (error ? error : "");
    sqlite3_free(error);
    sqlite3_close(db);
  }
};

TEST_F(Store, RunAndAddKeepEachRunWhole) {
  const Result r = hwbench("run sha256 --sizes 8 --backend cpu-serial " + std::string(kFast) + " --out " +
                           (m_dir / "a").string() + " --store " + url() + " --tag main --commit abc123");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const fs::path file = m_dir / "a" / "result.json";
  ASSERT_EQ(hwbench("store add " + url() + " " + file.string() + " --tag pr").exit_code, 0);
  const auto s = store::open_store(store::parse_store_url(url()));
  EXPECT_EQ(s->schema_version(), 1);
  const auto runs = s->runs();
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0].labels.tag, "main");
  EXPECT_EQ(runs[0].labels.commit, "abc123");
  EXPECT_EQ(runs[1].labels.tag, "pr");
  EXPECT_EQ(runs[0].cases, 2);
  EXPECT_EQ(runs[0].machine, runs[1].machine) << "a run and its file are one machine";
  // What is read back is the document that was stored.
  const hwbench::ResultDocument original = hwbench::read_result_document(file);
  for (const auto& stored : runs) {
    const hwbench::ResultDocument back = s->run(stored.id);
    EXPECT_EQ(hwbench::to_json(back), hwbench::to_json(original));
  }
  const Result list = hwbench("store list " + url());
  EXPECT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find("abc123"), std::string::npos) << list.out;
}

// Two processes adding at once, each its own runs: WAL and IMMEDIATE transactions lose none.
TEST_F(Store, ConcurrentWritersLoseNothing) {
  const fs::path file = run("a");
  ASSERT_EQ(hwbench("store add " + url() + " " + file.string()).exit_code, 0) << "created before the race";
  std::string files;
  for (int i = 0; i < 10; ++i) files.append(" ").append(file.string());
  const Result r = shell("(\"$HWBENCH\" store add " + url() + files + " --tag one & \"$HWBENCH\" store add " +
                         url() + files + " --tag two & wait)");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const auto runs = store::open_store(store::parse_store_url(url()))->runs();
  EXPECT_EQ(runs.size(), 21u) << r.err;
  EXPECT_EQ(std::count_if(runs.begin(), runs.end(), [](const auto& x) { return x.labels.tag == "one"; }), 10);
}

// compare --baseline pools the last N stored runs of the new result's machine (and tag), never the new
// run itself, and gates on them as on a base file.
TEST_F(Store, CompareAgainstAPooledBaseline) {
  const std::string five = "--repetitions 5 --min-time 0.001 --warmup 0 --quiet";
  int stored = 0;
  for (const char* tag : {"main", "main", "main", "pr"}) {
    const Result r =
        hwbench("run sha256 --sizes 8 --backend cpu-serial " + five + " --out " +
                (m_dir / ("r" + std::to_string(++stored))).string() + " --store " + url() + " --tag " + tag);
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  const Result fresh = hwbench("run sha256 --sizes 8 --backend cpu-serial " + five + " --out " +
                               (m_dir / "new").string() + " --store " + url() + " --tag pr");
  ASSERT_EQ(fresh.exit_code, 0) << fresh.err;
  const std::string next = (m_dir / "new" / "result.json").string();
  const Result pooled = hwbench("compare --baseline '" + url() + "?tag=main&last=2' " + next +
                                " --threshold 1000% --format json");
  ASSERT_EQ(pooled.exit_code, 0) << pooled.out << pooled.err;
  const auto doc = nlohmann::json::parse(pooled.out);
  ASSERT_EQ(doc["cases"].size(), 2u);
  for (const auto& c : doc["cases"]) EXPECT_EQ(c["base"]["repetitions"], 10) << "2 runs of 5 repetitions";
  EXPECT_NE(doc["base"].get<std::string>().find("(runs 3, 2)"), std::string::npos) << doc["base"];
  // The new run is stored under pr already: the pr baseline is the other pr run alone.
  const Result pr =
      hwbench("compare --baseline '" + url() + "?tag=pr' " + next + " --threshold 1000% --format json");
  ASSERT_EQ(pr.exit_code, 0) << pr.err;
  EXPECT_NE(nlohmann::json::parse(pr.out)["base"].get<std::string>().find("(runs 4)"), std::string::npos);
  // A history far faster than the new run: a regression, exit 1.
  tamper(
      "UPDATE cases SET record = json_set(record, '$.samples_seconds', json('[1e-9,1e-9,1e-9,1e-9,1e-9]'))"
      " WHERE run_id IN (SELECT id FROM runs WHERE tag = 'main')");
  const Result slower = hwbench("compare --baseline '" + url() + "?tag=main' " + next);
  EXPECT_EQ(slower.exit_code, 1) << slower.out << slower.err;
  EXPECT_EQ(hwbench("compare --baseline '" + url() + "?tag=nightly' " + next).exit_code, 2) << "no such runs";
  EXPECT_EQ(hwbench("compare --baseline '" + url() + "?last=0' " + next).exit_code, 2);
  EXPECT_EQ(hwbench("compare --baseline " + url() + " " + next + " " + next).exit_code, 2);
  EXPECT_EQ(hwbench("compare " + next).exit_code, 2) << "BASE NEW, or --baseline";
}

// A writer killed while it stores leaves whole runs only: each stored run has every case of its file.
TEST_F(Store, AKilledWriterLeavesNoHalfRun) {
  const fs::path file = run("a");
  ASSERT_EQ(hwbench("store add " + url() + " " + file.string()).exit_code, 0);
  std::string files;
  for (int i = 0; i < 400; ++i) files.append(" ").append(file.string());
  const Result r = shell("\"$HWBENCH\" store add " + url() + files +
                         " 2>/dev/null & pid=$!; sleep 0.3; kill -9 $pid; wait $pid; true");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const auto s = store::open_store(store::parse_store_url(url()));
  const auto runs = s->runs();
  ASSERT_GE(runs.size(), 1u);
  for (const auto& stored : runs) {
    EXPECT_EQ(stored.cases, 2) << "run " << stored.id;
    EXPECT_EQ(s->run(stored.id).cases.size(), 2u);
  }
  // Still a store that takes more.
  EXPECT_EQ(hwbench("store add " + url() + " " + file.string()).exit_code, 0);
  EXPECT_EQ(s->runs().size(), runs.size() + 1);
}

// A store is hostile input too: tampered records fail a result file's checks; other databases, newer
// schemas, non-databases and bad URLs or labels are refused with one line, exit 2.
TEST_F(Store, HostileStoresAndArgumentsAreRefused) {
  const fs::path file = run("a");
  ASSERT_EQ(hwbench("store add " + url() + " " + file.string()).exit_code, 0);
  tamper("UPDATE cases SET record = json_set(record, '$.time_seconds.median', -1)");
  const auto s = store::open_store(store::parse_store_url(url()));
  EXPECT_THROW(s->run(s->runs().front().id), hwbench::UsageError);
  EXPECT_THROW(s->run(12345), hwbench::UsageError);

  auto refused = [&](const std::string& args, const std::string& says) {
    const Result r = hwbench(args);
    EXPECT_EQ(r.exit_code, 2) << args << "\n" << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << args << ": " << r.err;
    EXPECT_NE(r.err.find(says), std::string::npos) << args << ": " << r.err;
  };
  tamper("PRAGMA user_version = 99");
  refused("store list " + url(), "schema version 99 is newer than this hwbench's 1");
  std::ofstream(m_dir / "not.sqlite") << "not a database at all, just text that is long enough to be read";
  refused("store list sqlite:" + (m_dir / "not.sqlite").string(), "not.sqlite");
  {
    sqlite3* db = nullptr;
    sqlite3_open((m_dir / "other.sqlite").string().c_str(), &db);
    sqlite3_exec(db, "CREATE TABLE t (x)", nullptr, nullptr, nullptr);
    sqlite3_close(db);
  }
  refused("store list sqlite:" + (m_dir / "other.sqlite").string(), "not an hwbench store");
  refused("store list sqlite:", "names no file");
  refused("store list mysql://x", "not sqlite:PATH or postgresql://");
  refused("store list 'sqlite:x.sqlite?last=3&last=4'", "given twice");
  refused("store list 'sqlite:x.sqlite?limit=3'", "no option 'limit'");
  refused("store list 'sqlite:x.sqlite?tag=main'", "?tag= chooses a baseline");
  refused("store add sqlite:" + (m_dir / "n.sqlite").string() + " " + file.string() + " --tag " +
              std::string(300, 'x'),
          "--tag: longer than 256");
  refused("run sha256 --sizes 8 --tag main --quiet", "add --store");
  EXPECT_FALSE(fs::exists(m_dir / "n.sqlite")) << "a refused label creates no store";
}

}  // namespace
