// Rule tests for rule authors: decided cases kept beside the rules, so an
// edit that changes a decision shows up at once. Lives with the loader
// because it reads YAML (the expectations are compared node by node, so
// their diagnostics point into the file); it decides through the public
// Rulebook::evaluate only.
#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "load/application.hpp"
#include "shenpi/diagnostic_codes.hpp"

namespace shenpi {
namespace {

namespace yaml = detail::yaml;

using detail::YamlReader;

bool is_tolerance_state(std::string_view text) {
  for (const auto s :
       {ToleranceState::not_needed, ToleranceState::applied, ToleranceState::no_policy,
        ToleranceState::policy_not_met, ToleranceState::too_many, ToleranceState::letter_missing}) {
    if (to_string(s) == text) return true;
  }
  return false;
}

struct CaseRunner {
  const Rulebook& book;
  const YamlReader& r;
  RuleTestFailure failure;

  void differ(std::string what, std::string_view expected, std::string_view actual) {
    failure.differences.push_back(fmt::format("{}: expected {}, got {}", what, expected, actual));
  }

  void compare_statuses(const yaml::Node& node, const Decision& d, bool materials) {
    if (!r.expect_map(node, materials ? "expect.materials" : "expect.conditions")) return;
    const Item& item = d.item();
    for (const auto& kv : node.entries()) {
      const std::string id = kv.first.scalar();
      const std::string want = kv.second.is_scalar() ? kv.second.scalar() : std::string();
      std::string got;
      bool valid = true;
      if (materials) {
        const int i = item.material_index(id);
        if (i >= 0) got = to_string(d.materials[static_cast<std::size_t>(i)].status);
        valid = parse_material_status(want).has_value();
        if (!valid) {
          r.report(codes::rule_test_shape, kv.second,
                   fmt::format("'{}' is not a material status", want));
        }
      } else {
        for (std::size_t i = 0; i < item.conditions.size(); ++i) {
          if (item.conditions[i].id == id) got = to_string(d.conditions[i]);
        }
        valid = parse_condition_status(want).has_value();
        if (!valid) {
          r.report(codes::rule_test_shape, kv.second,
                   fmt::format("'{}' is not a condition status", want));
        }
      }
      if (got.empty()) {
        r.report(codes::rule_test_shape, kv.first,
                 fmt::format("item {} has no {} '{}'", item.code,
                             materials ? "material" : "condition", id));
      } else if (valid && got != want) {
        differ(fmt::format("{} {}", materials ? "material" : "condition", id), want, got);
      }
    }
  }

  void compare_due(const yaml::Node& node, const Decision& d) {
    if (!r.expect_map(node, "expect.due")) return;
    r.check_keys(node, {"promised", "statutory", "tolerance"}, "expect.due");
    const std::pair<const char*, const std::optional<Date>*> fields[] = {
        {"promised", &d.deadlines.promised},
        {"statutory", &d.deadlines.statutory},
        {"tolerance", &d.deadlines.tolerance}};
    for (const auto& [key, actual] : fields) {
      if (!node[key]) continue;
      const auto want = r.date(node[key], fmt::format("expect.due.{}", key));
      if (!want) continue;
      const std::string got = *actual ? (*actual)->to_string() : std::string("none");
      if (got != want->to_string()) differ(fmt::format("due.{}", key), want->to_string(), got);
    }
  }

  /// `refer_to:` names where the refusal sends the applicant: the item code
  /// or authority of a failed reject condition's referral.
  void compare_referral(const yaml::Node& node, const Decision& d) {
    const auto want = r.scalar(node, "expect.refer_to");
    if (!want) return;
    std::vector<std::string> got;
    for (std::size_t i = 0; i < d.item().conditions.size(); ++i) {
      const Condition& c = d.item().conditions[i];
      if (c.refer_to.empty() || d.conditions[i] != ConditionStatus::unmet ||
          c.on_fail != Condition::OnFail::reject) {
        continue;
      }
      got.push_back(c.refer_to);
    }
    if (std::find(got.begin(), got.end(), *want) == got.end()) {
      differ("refer_to", *want, got.empty() ? "none" : fmt::format("{}", fmt::join(got, ", ")));
    }
  }

  /// `diagnostics: [SP601]`: the application must be refused as malformed
  /// with exactly these codes (each code once, any order).
  void compare_diagnostics(const yaml::Node& node, std::vector<std::string> got) {
    auto want = r.string_list(node, "expect.diagnostics");
    if (!want) return;
    const auto normal = [](std::vector<std::string>& codes) {
      std::sort(codes.begin(), codes.end());
      codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
    };
    normal(*want);
    normal(got);
    if (*want != got) {
      differ("diagnostics", fmt::format("[{}]", fmt::join(*want, ", ")),
             fmt::format("[{}]", fmt::join(got, ", ")));
    }
  }

  void compare(const yaml::Node& expect, const Decision& d) {
    r.check_keys(expect, {"outcome", "materials", "conditions", "due", "tolerance", "refer_to"},
                 "expect");
    if (expect["refer_to"]) compare_referral(expect["refer_to"], d);
    // A word that is not an outcome or state is SP801 alone: a difference
    // against it would only repeat the typo.
    if (expect["outcome"]) {
      const std::string want = expect["outcome"].scalar();
      if (!parse_outcome(want)) {
        r.report(codes::rule_test_shape, expect["outcome"],
                 fmt::format("'{}' is not an outcome", want));
      } else if (want != to_string(*d.outcome)) {
        differ("outcome", want, to_string(*d.outcome));
      }
    }
    if (expect["tolerance"]) {
      const std::string want = expect["tolerance"].scalar();
      if (!is_tolerance_state(want)) {
        r.report(codes::rule_test_shape, expect["tolerance"],
                 fmt::format("'{}' is not a tolerance state", want));
      } else if (want != to_string(d.tolerance)) {
        differ("tolerance", want, to_string(d.tolerance));
      }
    }
    if (expect["materials"]) compare_statuses(expect["materials"], d, true);
    if (expect["conditions"]) compare_statuses(expect["conditions"], d, false);
    if (expect["due"]) compare_due(expect["due"], d);
  }
};

/// A case whose application must be refused as malformed: its
/// diagnostics are the expectation, not a failure of the run.
void expect_malformed(const Rulebook& book, const YamlReader& r, const yaml::Node& c,
                      const ApplicationResult& parsed, RuleTestReport& report) {
  r.check_keys(c["expect"], {"diagnostics"}, "expect (with diagnostics)");
  std::vector<std::string> got;
  for (const auto& d : parsed.diagnostics) got.push_back(d.code);
  if (parsed.application) {
    const Decision d = book.evaluate(*parsed.application);
    for (const auto& diag : d.diagnostics) got.push_back(diag.code);
  }
  CaseRunner runner{book, r, {}};
  runner.failure.name = c["name"] ? c["name"].scalar() : std::string("rule test");
  runner.failure.location = r.location(c);
  runner.compare_diagnostics(c["expect"]["diagnostics"], std::move(got));
  if (runner.failure.differences.empty()) {
    ++report.passed;
  } else {
    report.failures.push_back(std::move(runner.failure));
  }
}

void run_case(const Rulebook& book, const detail::YamlDocument& doc, const YamlReader& r,
              const yaml::Node& c, RuleTestReport& report) {
  if (!r.expect_map(c, "a rule test")) return;
  const auto before = report.diagnostics.size();
  r.check_keys(c, {"name", "application", "expect"}, "a rule test");
  if (!r.require(c, "application", "a rule test") || !r.require(c, "expect", "a rule test")) return;
  ++report.cases;
  ApplicationResult parsed = detail::read_application(doc, c["application"]);
  if (c["expect"].is_map() && c["expect"]["diagnostics"]) {
    expect_malformed(book, r, c, parsed, report);
    return;
  }
  report.diagnostics.insert(report.diagnostics.end(), parsed.diagnostics.begin(),
                            parsed.diagnostics.end());
  if (!parsed.application) return;
  const Decision d = book.evaluate(*parsed.application);
  if (!d.valid()) {
    report.diagnostics.insert(report.diagnostics.end(), d.diagnostics.begin(), d.diagnostics.end());
    return;
  }
  CaseRunner runner{book, r, {}};
  runner.failure.name = c["name"] ? c["name"].scalar() : parsed.application->item;
  runner.failure.location = r.location(c);
  if (r.expect_map(c["expect"], "expect")) runner.compare(c["expect"], d);
  if (!runner.failure.differences.empty()) {
    report.failures.push_back(std::move(runner.failure));
  } else if (report.diagnostics.size() == before) {
    ++report.passed;  // a case with a malformed expectation proves nothing
  }
}

void run_file(const Rulebook& book, const std::string& file, RuleTestReport& report) {
  auto doc = detail::read_yaml_file(file, report.diagnostics);
  if (!doc) return;
  const YamlReader r(*doc, report.diagnostics);
  if (!r.expect_map(doc->root, "a rule test file")) return;
  r.check_keys(doc->root, {"tests"}, "a rule test file");
  if (!r.require(doc->root, "tests", "a rule test file") ||
      !r.expect_sequence(doc->root["tests"], "tests")) {
    return;
  }
  for (const auto& c : doc->root["tests"]) run_case(book, *doc, r, c, report);
}

}  // namespace

RuleTestReport run_rule_tests(const Rulebook& book, const std::vector<std::string>& files) {
  RuleTestReport report;
  for (const auto& file : files) {
    const auto first = report.diagnostics.size();
    run_file(book, file, report);
    // The reader's generic shape codes, in a rule test file, are SP801; the
    // applications inside keep their own SP6xx codes.
    for (auto d = report.diagnostics.begin() + static_cast<std::ptrdiff_t>(first);
         d != report.diagnostics.end(); ++d) {
      if (d->code == codes::unknown_key || d->code == codes::wrong_type ||
          d->code == codes::missing_key || d->code == codes::duplicate_id ||
          d->code == codes::bad_date) {
        d->code = codes::rule_test_shape;
      }
    }
  }
  sort_diagnostics(report.diagnostics);
  return report;
}

}  // namespace shenpi
