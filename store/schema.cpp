#include "store/schema.hpp"

namespace hwbench::store {

const std::vector<std::string_view>& migrations() {
  static const std::vector<std::string_view> all = {
      // 1: machines, the runs on them with their labels and full context, and every case of a run with
      // its identity, statistics, raw samples, verification and telemetry (the case's record in full).
      R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO meta (key, value) VALUES ('application', 'hwbench');
CREATE TABLE machines (
  id INTEGER PRIMARY KEY,
  fingerprint TEXT NOT NULL UNIQUE,
  cpu_model TEXT NOT NULL,
  gpu_name TEXT NOT NULL,
  host TEXT NOT NULL
);
CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  machine_id INTEGER NOT NULL REFERENCES machines (id),
  start_time TEXT NOT NULL,
  end_time TEXT NOT NULL,
  hwbench_version TEXT NOT NULL,
  git_revision TEXT NOT NULL,
  tag TEXT NOT NULL,
  commit_label TEXT NOT NULL,
  argv TEXT NOT NULL,
  context TEXT NOT NULL
);
CREATE INDEX runs_by_machine ON runs (machine_id, tag, start_time);
CREATE TABLE cases (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  case_key TEXT NOT NULL,
  workload TEXT NOT NULL,
  backend TEXT NOT NULL,
  variant TEXT NOT NULL,
  mode TEXT NOT NULL,
  size INTEGER NOT NULL,
  parameters TEXT NOT NULL,
  status TEXT NOT NULL,
  median_seconds REAL NOT NULL,
  mad_seconds REAL NOT NULL,
  samples TEXT NOT NULL,
  verified INTEGER NOT NULL,
  record TEXT NOT NULL,
  PRIMARY KEY (run_id, position)
);
CREATE INDEX cases_by_key ON cases (case_key, run_id);
)sql",
  };
  return all;
}

int schema_version() { return static_cast<int>(migrations().size()); }

}  // namespace hwbench::store
