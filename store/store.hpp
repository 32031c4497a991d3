#pragma once

// Results history: every run stored whole (its context and every case with its samples), by machine,
// so that trends and baselines pooled over recent runs can be read back. One schema for every kind of
// store (store/schema.hpp); a run is stored in one transaction, all of it or nothing.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/result_document.hpp"
#include "store/url.hpp"

namespace hwbench::store {

// What the measured project calls the run (`--tag main`, `--commit abc123`).
struct RunLabels {
  std::string tag;
  std::string commit;
};

// One stored run, as history lists it.
struct StoredRun {
  std::int64_t id = 0;
  std::string machine;  // fingerprint (calibration::fingerprint_of)
  std::string start_time;
  std::string hwbench_version, git_revision;
  RunLabels labels;
  std::int64_t cases = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  virtual int schema_version() const = 0;
  // Stores the run (a document of one run, not merged) whole; returns its id. Throws UsageError for a
  // merged document and for a store that cannot be written; nothing is stored then.
  virtual std::int64_t add(const ResultDocument& document, const RunLabels& labels) = 0;
  // The stored runs, oldest first.
  virtual std::vector<StoredRun> runs() const = 0;
  // A stored run as the document it was stored from, read through the result file's checks.
  virtual ResultDocument run(std::int64_t id) const = 0;
  // The ids of the last `last` runs of a machine (fingerprint), newest first; of one tag when given.
  virtual std::vector<std::int64_t> recent_runs(const std::string& machine, const std::string* tag,
                                                std::size_t last) const = 0;
};

// Opens (creating and migrating where needed) the store; throws UsageError for a store that cannot be
// had: a file that is no hwbench store, a schema newer than this hwbench's, a server that refuses.
std::unique_ptr<Store> open_store(const StoreUrl& url);

// The machine a run measured on, as the fingerprint calibration names profiles by.
std::string machine_fingerprint(const RunContext& context);

}  // namespace hwbench::store
