#include "report/comparison_report.hpp"

namespace hwbench {

nlohmann::json comparison_json(const Comparison& comparison) {
  nlohmann::json doc = {
      {"schema", "hwbench-compare"},
      {"schema_version", 1},
      {"base", comparison.base_source},
      {"new", comparison.new_source},
      {"threshold", comparison.options.threshold},
      {"alpha", comparison.options.alpha},
      {"test", "mann-whitney-u, two-sided"},
      {"cases", nlohmann::json::array()},
      {"only_in_base", comparison.only_in_base},
      {"only_in_new", comparison.only_in_new},
      {"geomean_ratio",
       comparison.geomean_ratio ? nlohmann::json(*comparison.geomean_ratio) : nlohmann::json()},
      {"compared", comparison.compared},
      {"missing", comparison.missing},
      {"unpaired", comparison.unpaired},
      {"underpowered", comparison.underpowered},
      {"fail_on", nlohmann::json::array()},
      {"machine_differences", comparison.machine_differences},
      {"gate_failures", nlohmann::json::array()},
      {"result", comparison_result(comparison)},
      {"exit_code", comparison.exit_code()},
  };
  for (const auto condition : comparison.options.fail_on)
    doc["fail_on"].push_back(std::string(to_string(condition)));
  for (const auto& g : comparison.gate_failures)
    doc["gate_failures"].push_back({{"condition", g.condition}, {"message", g.message}});
  nlohmann::json summary = nlohmann::json::object();
  for (Verdict v :
       {Verdict::faster, Verdict::slower, Verdict::same, Verdict::noisy, Verdict::failed, Verdict::skipped}) {
    summary[std::string(to_string(v))] = comparison.count(v);
  }
  doc["summary"] = summary;
  for (const auto& c : comparison.cases) {
    nlohmann::json j = {{"key", c.key},
                        {"verdict", std::string(to_string(c.verdict))},
                        {"base", {{"median_seconds", c.base_median}, {"repetitions", c.base_repetitions}}},
                        {"new", {{"median_seconds", c.new_median}, {"repetitions", c.new_repetitions}}}};
    if (c.change) j["change"] = *c.change;
    if (c.test) j["u_test"] = {{"u", c.test->u}, {"p_value", c.test->p_value}, {"exact", c.test->exact}};
    if (!c.note.empty()) j["note"] = c.note;
    doc["cases"].push_back(std::move(j));
  }
  return doc;
}

}  // namespace hwbench
