#pragma once

#include <benchmark/benchmark.h>

#include <filesystem>
#include <vector>

namespace hwbench {

// Google Benchmark's own JSON (what --benchmark_out writes), from the runs its library measured,
// so that google/benchmark's tools/compare.py reads hwbench results.
void write_gbench_json(const std::filesystem::path& path,
                       const std::vector<benchmark::BenchmarkReporter::Run>& runs, const char* executable);

}  // namespace hwbench
