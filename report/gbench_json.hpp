#pragma once

#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>
#include <vector>

namespace hwbench {

// Google Benchmark's own JSON (what --benchmark_out writes), from the runs its library measured, so
// that google/benchmark's tools/compare.py reads hwbench results. Each benchmark is named by its case
// only (case_key(): no min_time:, repeats: or real_time parts), so that runs with other settings pair
// case by case; the settings are fields of each entry instead ("min_time", "min_warmup_time",
// "time_type"; "repetitions" and "threads" as the library writes them). The context's
// "library_build_type" says what hwbench was built as, not the benchmark library.
std::string gbench_json(const std::vector<benchmark::BenchmarkReporter::Run>& runs, const char* executable);
void write_gbench_json(const std::filesystem::path& path,
                       const std::vector<benchmark::BenchmarkReporter::Run>& runs, const char* executable);

}  // namespace hwbench
