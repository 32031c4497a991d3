#pragma once

// --tag and --commit: what the measured project calls a stored run, for `run --store` and `store add`;
// the store URL those take.
#include <CLI/CLI.hpp>

#include "store/store.hpp"

namespace hwbench::cli {

void add_label_options(CLI::App& cmd, store::RunLabels& labels);

// A store URL for writing or listing: its options (?tag=, ?last=) choose a baseline, so they are
// refused here rather than ignored.
store::StoreUrl plain_store_url(const std::string& text);

// Throws UsageError for a label longer than 256 characters or holding a control character.
void check_labels(const store::RunLabels& labels);

}  // namespace hwbench::cli
