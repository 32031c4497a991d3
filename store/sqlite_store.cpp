// The embedded store: one SQLite file, in WAL mode so that readers never wait for a writer and two
// writing processes take turns (each transaction begins IMMEDIATE, waiting up to kBusyTimeoutMs for the
// other); a run is one transaction, so a writer killed mid-run leaves nothing of it.
#include "store/sqlite_store.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <filesystem>
#include <memory>

#include "core/error.hpp"
#include "core/json_file.hpp"
#include "store/schema.hpp"
#include "store/store.hpp"

namespace hwbench::store {
namespace {

constexpr int kBusyTimeoutMs = 60000;

class Database {
 public:
  explicit Database(const std::string& path) : m_path(path) {
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &db,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    m_db.reset(db);
    if (rc != SQLITE_OK) fail("cannot open it");
    sqlite3_busy_timeout(m_db.get(), kBusyTimeoutMs);
    sqlite3_extended_result_codes(m_db.get(), 1);
  }

  sqlite3* get() const { return m_db.get(); }

  [[noreturn]] void fail(std::string_view what) const {
    throw UsageError(fmt::format("store sqlite:{}: {}: {}", m_path, what,
                                 m_db ? sqlite3_errmsg(m_db.get()) : "out of memory"));
  }

  void exec(const char* sql) const {
    char* error = nullptr;
    if (sqlite3_exec(m_db.get(), sql, nullptr, nullptr, &error) != SQLITE_OK) {
      const std::string message = error != nullptr ? error : sqlite3_errmsg(m_db.get());
      sqlite3_free(error);
      throw UsageError(fmt::format("store sqlite:{}: {}", m_path, message));
    }
  }

 private:
  struct Close {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
  };
  std::string m_path;
  std::unique_ptr<sqlite3, Close> m_db;
};

// A prepared statement whose parameters are bound by position from 1.
class Statement {
 public:
  Statement(const Database& db, const char* sql) : m_db(db) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db.get(), sql, -1, &s, nullptr) != SQLITE_OK) db.fail("cannot prepare a query");
    m_statement.reset(s);
  }
  Statement& bind(int i, const std::string& text) {
    check(sqlite3_bind_text(m_statement.get(), i, text.data(), static_cast<int>(text.size()),
                            SQLITE_TRANSIENT));
    return *this;
  }
  Statement& bind(int i, std::int64_t value) {
    check(sqlite3_bind_int64(m_statement.get(), i, value));
    return *this;
  }
  Statement& bind(int i, double value) {
    check(sqlite3_bind_double(m_statement.get(), i, value));
    return *this;
  }
  // True while there is a row; false when done.
  bool step() {
    const int rc = sqlite3_step(m_statement.get());
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) m_db.fail("a query failed");
    return false;
  }
  void run() {
    while (step()) {
    }
    sqlite3_reset(m_statement.get());
  }
  std::int64_t integer(int column) const { return sqlite3_column_int64(m_statement.get(), column); }
  std::string text(int column) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_statement.get(), column));
    return p != nullptr
               ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(m_statement.get(), column)))
               : std::string();
  }

 private:
  void check(int rc) const {
    if (rc != SQLITE_OK) m_db.fail("cannot bind a value");
  }
  struct Finalize {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
  };
  const Database& m_db;
  std::unique_ptr<sqlite3_stmt, Finalize> m_statement;
};

// BEGIN IMMEDIATE ... COMMIT, rolled back when left by an exception.
class Transaction {
 public:
  explicit Transaction(const Database& db) : m_db(db) { db.exec("BEGIN IMMEDIATE"); }
  ~Transaction() {
    if (!m_done) sqlite3_exec(m_db.get(), "ROLLBACK", nullptr, nullptr, nullptr);
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit() {
    m_db.exec("COMMIT");
    m_done = true;
  }

 private:
  const Database& m_db;
  bool m_done = false;
};

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(const std::string& path) : m_db(path) {
    // WAL persists in the file; the first opener switches it, later ones find it so.
    {
      Statement mode(m_db, "PRAGMA journal_mode=WAL");
      if (!mode.step() || mode.text(0) != "wal") m_db.fail("cannot switch to write-ahead logging");
    }
    m_db.exec("PRAGMA foreign_keys=ON");
    migrate();
  }

  int schema_version() const override {
    Statement s(m_db, "PRAGMA user_version");
    return s.step() ? static_cast<int>(s.integer(0)) : 0;
  }

  std::int64_t add(const ResultDocument& document, const RunLabels& labels) override {
    if (document.merged())
      throw UsageError("a merged document holds several runs: store each run's result.json instead");
    const RunContext& context = document.context;
    Transaction t(m_db);
    const std::string fingerprint = machine_fingerprint(context);
    Statement(m_db,
              "INSERT INTO machines (fingerprint, cpu_model, gpu_name, host) VALUES (?, ?, ?, ?) "
              "ON CONFLICT (fingerprint) DO NOTHING")
        .bind(1, fingerprint)
        .bind(2, string_at(context.host, {"cpu_model"}))
        .bind(3, gpu_model(context))
        .bind(4, context.host.dump())
        .run();
    // Statements are finished before COMMIT, which refuses to run beside an unfinished one.
    const std::int64_t machine_id = [&] {
      Statement machine(m_db, "SELECT id FROM machines WHERE fingerprint = ?");
      machine.bind(1, fingerprint);
      if (!machine.step()) m_db.fail("the machine was not stored");
      return machine.integer(0);
    }();
    Statement run(m_db,
                  "INSERT INTO runs (machine_id, start_time, end_time, hwbench_version, git_revision, tag, "
                  "commit_label, argv, context) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    run.bind(1, machine_id)
        .bind(2, context.start_time)
        .bind(3, context.end_time)
        .bind(4, context.hwbench_version)
        .bind(5, context.git_revision)
        .bind(6, labels.tag)
        .bind(7, labels.commit)
        .bind(8, nlohmann::json(context.argv).dump())
        .bind(9, to_json(context).dump())
        .run();
    const std::int64_t run_id = sqlite3_last_insert_rowid(m_db.get());
    Statement insert(m_db,
                     "INSERT INTO cases (run_id, position, case_key, workload, backend, variant, mode, size, "
                     "parameters, status, median_seconds, mad_seconds, samples, verified, record) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (std::size_t i = 0; i < document.cases.size(); ++i) {
      const CaseResult& c = document.cases[i];
      insert.bind(1, run_id)
          .bind(2, static_cast<std::int64_t>(i))
          .bind(3, case_key(c.name, c.parameters))
          .bind(4, c.workload)
          .bind(5, c.backend)
          .bind(6, c.variant)
          .bind(7, std::string(to_string(c.mode)))
          .bind(8, static_cast<std::int64_t>(c.size))
          .bind(9, c.parameters.dump())
          .bind(10, std::string(to_string(c.status)))
          .bind(11, c.time.median)
          .bind(12, c.time.mad)
          .bind(13, nlohmann::json(c.samples).dump())
          .bind(14, std::int64_t{c.verification.ok ? 1 : 0})
          .bind(15, to_json(c).dump())
          .run();
    }
    t.commit();
    return run_id;
  }

  std::vector<StoredRun> runs() const override {
    Statement s(
        m_db,
        "SELECT runs.id, machines.fingerprint, runs.start_time, runs.hwbench_version, runs.git_revision, "
        "runs.tag, runs.commit_label, (SELECT COUNT(*) FROM cases WHERE cases.run_id = runs.id) "
        "FROM runs JOIN machines ON machines.id = runs.machine_id ORDER BY runs.start_time, runs.id");
    std::vector<StoredRun> out;
    while (s.step()) {
      out.push_back(
          {s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), {s.text(5), s.text(6)}, s.integer(7)});
    }
    return out;
  }

  ResultDocument run(std::int64_t id) const override {
    const std::string source = fmt::format("store sqlite run {}", id);
    Statement r(m_db, "SELECT context FROM runs WHERE id = ?");
    r.bind(1, id);
    if (!r.step()) throw UsageError(fmt::format("{}: no such run", source));
    nlohmann::json doc = {{"schema", "hwbench-result"}, {"schema_version", kResultSchemaVersion}};
    doc["context"] = parse_json_text(r.text(0), source + " context");
    doc["cases"] = nlohmann::json::array();
    Statement c(m_db, "SELECT record FROM cases WHERE run_id = ? ORDER BY position");
    c.bind(1, id);
    while (c.step()) doc["cases"].push_back(parse_json_text(c.text(0), source + " case"));
    // A store may be hostile too: what it holds passes the checks a result file does.
    return result_document_from_json(doc, source);
  }

  std::vector<std::int64_t> recent_runs(const std::string& machine, const std::string* tag,
                                        std::size_t last) const override {
    Statement s(m_db,
                "SELECT runs.id FROM runs JOIN machines ON machines.id = runs.machine_id "
                "WHERE machines.fingerprint = ? AND (? = 0 OR runs.tag = ?) "
                "ORDER BY runs.start_time DESC, runs.id DESC LIMIT ?");
    s.bind(1, machine)
        .bind(2, std::int64_t{tag != nullptr ? 1 : 0})
        .bind(3, tag != nullptr ? *tag : std::string())
        .bind(4, static_cast<std::int64_t>(last));
    std::vector<std::int64_t> out;
    while (s.step()) out.push_back(s.integer(0));
    return out;
  }

 private:
  void migrate() {
    Transaction t(m_db);
    const int version = schema_version();
    const auto& steps = migrations();
    if (version > static_cast<int>(steps.size())) {
      throw UsageError(fmt::format("store sqlite:{}: schema version {} is newer than this hwbench's {}",
                                   path(), version, steps.size()));
    }
    if (!is_hwbench_store(version))
      throw UsageError(fmt::format("store sqlite:{}: a database that is not an hwbench store", path()));
    for (std::size_t i = static_cast<std::size_t>(version); i < steps.size(); ++i) {
      m_db.exec(std::string(steps[i]).c_str());
      m_db.exec(fmt::format("PRAGMA user_version = {}", i + 1).c_str());
    }
    t.commit();
  }
  // An empty database (version 0) becomes one; a versioned one says it is one.
  bool is_hwbench_store(int version) const {
    if (version == 0) {
      Statement tables(m_db, "SELECT COUNT(*) FROM sqlite_master");
      return tables.step() && tables.integer(0) == 0;
    }
    Statement app(m_db, "SELECT value FROM meta WHERE key = 'application'");
    return app.step() && app.text(0) == "hwbench";
  }
  std::string path() const { return sqlite3_db_filename(m_db.get(), "main"); }

  Database m_db;
};

}  // namespace

std::unique_ptr<Store> open_sqlite_store(const std::string& path) {
  const std::filesystem::path p(path);
  if (p.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(p.parent_path(), ec);
  }
  std::error_code ec;
  if (std::filesystem::exists(p, ec) && !std::filesystem::is_regular_file(p, ec))
    throw UsageError(fmt::format("store sqlite:{}: not a regular file", path));
  return std::make_unique<SqliteStore>(path);
}

}  // namespace hwbench::store
