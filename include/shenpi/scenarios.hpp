// Scenarios: an item's decision logic laid out as the distinct situations it
// leads to, computed by case splits over the facts its expressions read.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "shenpi/evaluate.hpp"
#include "shenpi/rulebook.hpp"

namespace shenpi {

/// Limits on the case split. The split runs over every combination of the
/// representative values (and `unknown`) of each fact the item reads.
struct ScenarioOptions {
  long max_cases = 200000;  ///< combinations examined before giving up
  /// Date of the example applications: 2025-09-01 (days since 1970-01-01).
  Date submitted_on = Date::from_days(20332);
};

/// One situation and the outcome it leads to.
struct Scenario {
  Outcome outcome = Outcome::accept;
  std::string
      kind;  ///< ASCII tag: `all-met`, `committed`, `tolerated`, `condition`, `facts`, `materials`
  std::string
      summary;  ///< one Chinese sentence, e.g. 信用良好…，可容缺：…中至多2项，须签容缺承诺书
  std::vector<std::string> when;       ///< conditions on facts, in Chinese
  std::vector<std::string> submit;     ///< material names the applicant hands in
  std::vector<std::string> commit;     ///< conditions or materials replaced by 告知承诺
  std::vector<std::string> tolerated;  ///< materials that may be missing (容缺)
  std::vector<std::string> missing;    ///< materials or facts whose absence leads here
  Application example;                 ///< an application that reaches this scenario (checked)
};

/// All scenarios of an item, grouped by outcome in precedence order.
struct ScenarioSet {
  std::string item;
  std::string name;
  std::vector<std::string> facts;        ///< fact paths split on
  std::vector<std::string> fact_labels;  ///< their Chinese labels (the path when none)
  long cases_total = 0;                  ///< combinations the split has
  long cases_examined = 0;               ///< combinations examined (== total when complete)
  bool complete = true;                  ///< false: a limit stopped the split; see `diagnostics`
  std::vector<Scenario> scenarios;
  /// SP930 (item too large), SP931 (unknown item), SP932 (an example the
  /// evaluator decided otherwise: a bug in scenarios, never expected).
  std::vector<Diagnostic> diagnostics;
};

/// Lays out the scenarios of `item_code`. Every scenario's example is decided
/// by `book` and must reach the scenario's outcome. Const; thread-safe; the
/// result holds copies only.
ScenarioSet scenarios(const Rulebook& book, std::string_view item_code,
                      const ScenarioOptions& options = {});

/// Chinese text, grouped by outcome.
std::string to_text(const ScenarioSet& set);
/// JSON (ASCII keys); the shape is in docs/scenarios.md.
std::string to_json(const ScenarioSet& set);
/// A rule-test file (`tests:` as `shenpi test` reads it): one case per scenario.
std::string to_rule_tests(const ScenarioSet& set);

}  // namespace shenpi
