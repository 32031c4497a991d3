// `hwbench store add URL RESULT.json...`: import runs into a results store; `hwbench store list URL`:
// the runs it holds.
#include "store/store.hpp"

#include <fmt/format.h>

#include <memory>

#include "cli/commands.hpp"
#include "cli/option_checks.hpp"
#include "cli/store_labels.hpp"
#include "core/error.hpp"
#include "core/result_document.hpp"
#include "report/text_table.hpp"

namespace hwbench::cli {

void add_store_command(CLI::App& app, int& exit_code) {
  CLI::App* cmd = app.add_subcommand("store", "Keep runs in a results store (sqlite:PATH) and list them");
  cmd->require_subcommand(1);

  struct AddArgs {
    std::string url;
    std::vector<std::string> files;
    store::RunLabels labels;
  };
  auto add = std::make_shared<AddArgs>();
  CLI::App* add_cmd = cmd->add_subcommand("add", "Store result.json files, each run whole or not at all");
  add_cmd->add_option("url", add->url, "The store: sqlite:PATH")->required();
  add_cmd->add_option("results", add->files, "result.json files of single runs")->required();
  add_label_options(*add_cmd, add->labels);
  add_cmd->footer(kExitCodesHelp);
  add_cmd->callback([add, &exit_code] {
    check_labels(add->labels);
    // Every file is read and checked before the first is stored.
    std::vector<ResultDocument> documents;
    for (const auto& f : add->files) documents.push_back(read_result_document(f));
    const auto s = store::open_store(plain_store_url(add->url));
    for (std::size_t i = 0; i < documents.size(); ++i) {
      const std::int64_t id = s->add(documents[i], add->labels);
      fmt::print(stderr, "stored {} ({} cases) as run {} in {}\n", add->files[i], documents[i].cases.size(),
                 id, add->url);
    }
    exit_code = kExitOk;
  });

  auto list_url = std::make_shared<std::string>();
  CLI::App* list_cmd = cmd->add_subcommand("list", "The runs a store holds, oldest first");
  list_cmd->add_option("url", *list_url, "The store: sqlite:PATH")->required();
  list_cmd->callback([list_url, &exit_code] {
    const auto s = store::open_store(plain_store_url(*list_url));
    std::vector<std::vector<std::string>> rows;
    for (const store::StoredRun& r : s->runs()) {
      rows.push_back({std::to_string(r.id), r.start_time, r.machine, r.labels.tag, r.labels.commit,
                      r.hwbench_version + " (" + r.git_revision + ")", std::to_string(r.cases)});
    }
    fmt::print("{}", text_table({"run", "start", "machine", "tag", "commit", "hwbench", "cases"}, rows,
                                {true, false, false, false, false, false, true}));
    exit_code = kExitOk;
  });
}

}  // namespace hwbench::cli
