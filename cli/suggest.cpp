#include "cli/suggest.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "core/error.hpp"
#include "core/registry.hpp"

namespace hwbench::cli {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[n][m];
}

const Workload& known_workload(std::string_view name) {
  const Registry& registry = Registry::instance();
  if (const Workload* w = registry.find_workload(name)) return *w;
  std::vector<std::string> known;
  for (const auto& w : registry.workloads()) known.emplace_back(w->name());
  throw UsageError(fmt::format("unknown workload '{}'{} (known: {})", name, did_you_mean(name, known),
                               fmt::join(known, ", ")));
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  // A typed word longer than any name is no typo of one; also bounds the work on hostile input.
  if (word.empty() || word.size() > 64) return {};
  const std::string* best = nullptr;
  std::size_t best_distance = std::max<std::size_t>(1, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    const std::size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best = &c;
      best_distance = d;
    }
  }
  return best == nullptr ? std::string() : fmt::format(" (did you mean '{}'?)", *best);
}

std::string typo_hint(const CLI::App& app) {
  const CLI::App* at = &app;
  for (const CLI::App* sub : app.get_subcommands({})) {
    if (sub->parsed()) at = sub;
  }
  std::vector<std::string> extras = at->remaining();
  if (extras.empty() && at != &app) extras = app.remaining();
  if (extras.empty()) return {};
  const std::string& word = extras.front();
  std::vector<std::string> candidates;
  if (at == &app) {
    for (const CLI::App* sub : app.get_subcommands({})) candidates.push_back(sub->get_name());
  } else {
    for (const CLI::Option* o : at->get_options()) {
      for (const auto& name : o->get_lnames()) candidates.push_back("--" + name);
    }
  }
  return did_you_mean(word.substr(0, word.find('=')), candidates);
}

}  // namespace hwbench::cli
