#pragma once

// Google Benchmark's own JSON (what --benchmark_out writes), so that google/benchmark's tools/compare.py
// reads hwbench results. It is made from the result document alone, run or saved: per measured case,
// one "iteration" entry per repetition (its iterations, real and CPU time) and, with two or more
// repetitions, the library's aggregates (mean, median, stddev, cv) and hwbench's (min, max, p99), the
// way the library computes them. Each benchmark is named by its case only (case_key(): no min_time:,
// repeats: or real_time parts), so that runs with other settings pair case by case; the settings are
// fields of each entry instead ("min_time", "min_warmup_time", "time_type"). The context is the run's
// (date, host, executable, cores, load, hwbench_version), not the machine that renders it;
// "library_build_type" says what hwbench was built as, not the benchmark library.
#include <string>

#include "core/result_document.hpp"

namespace hwbench {

// `source` names the document in errors: a measured case without CPU times (written by an hwbench
// before they were recorded) cannot be rendered.
std::string gbench_json(const ResultDocument& document, const std::string& source);

}  // namespace hwbench
