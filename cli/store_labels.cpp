#include "cli/store_labels.hpp"

#include <fmt/format.h>

#include "core/error.hpp"

namespace hwbench::cli {
namespace {

constexpr std::size_t kMaxLabelLength = 256;

}  // namespace

void add_label_options(CLI::App& cmd, store::RunLabels& labels) {
  cmd.add_option("--tag", labels.tag, "A label for the stored run, such as the branch (main)");
  cmd.add_option("--commit", labels.commit, "The measured project's commit the run measured");
}

store::StoreUrl plain_store_url(const std::string& text) {
  store::StoreUrl url = store::parse_store_url(text);
  if (!url.query.empty())
    throw UsageError(
        fmt::format("store '{}': ?{}= chooses a baseline to compare against, not a store to write or list",
                    text, url.query.begin()->first));
  return url;
}

void check_labels(const store::RunLabels& labels) {
  for (const auto& [option, value] :
       {std::pair{"--tag", &labels.tag}, std::pair{"--commit", &labels.commit}}) {
    if (value->size() > kMaxLabelLength)
      throw UsageError(fmt::format("{}: longer than {} characters", option, kMaxLabelLength));
    for (const char ch : *value) {
      if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f)
        throw UsageError(fmt::format("{}: holds a control character", option));
    }
  }
}

}  // namespace hwbench::cli
