#include "report/gbench_json.hpp"

#include <sstream>

#include "core/atomic_file.hpp"

namespace hwbench {

void write_gbench_json(const std::filesystem::path& path,
                       const std::vector<benchmark::BenchmarkReporter::Run>& runs, const char* executable) {
  std::ostringstream text;
  benchmark::JSONReporter reporter;
  reporter.SetOutputStream(&text);
  reporter.SetErrorStream(&text);
  benchmark::BenchmarkReporter::Context::executable_name = executable;
  benchmark::BenchmarkReporter::Context context;
  reporter.ReportContext(context);
  if (!runs.empty()) reporter.ReportRuns(runs);
  reporter.Finalize();
  write_file_atomically(path, text.str());
}

}  // namespace hwbench
