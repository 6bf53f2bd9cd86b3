// Rule tests for rule authors: passing cases, a failing case reported with
// its line and differences, malformed test files (SP801).
#include "evaluate/eval_test_util.hpp"

namespace shenpi {
namespace {

using namespace eval_test;

std::string fixture(const char* name) {
  return std::string(SHENPI_FIXTURES "/evaluate/rule-tests/") + name;
}

bool has_difference(const RuleTestFailure& f, std::string_view text) {
  return std::find(f.differences.begin(), f.differences.end(), text) != f.differences.end();
}

TEST_SUITE("evaluate.rule_tests") {
  TEST_CASE("passing cases") {
    const RuleTestReport r = run_rule_tests(basic(), {fixture("passing.yaml")});
    CHECK(r.cases == 2);
    CHECK(r.passed == 2);
    CHECK(r.failures.empty());
    CHECK_MESSAGE(r.diagnostics.empty(), dump(r.diagnostics));
  }

  TEST_CASE("a failing case names its line and every difference") {
    const RuleTestReport r = run_rule_tests(basic(), {fixture("failing.yaml")});
    CHECK(r.cases == 2);
    CHECK(r.passed == 1);
    CHECK_MESSAGE(r.diagnostics.empty(), dump(r.diagnostics));
    REQUIRE(r.failures.size() == 1);
    const RuleTestFailure& f = r.failures[0];
    CHECK(f.name == "平面图容缺（忘记签署容缺承诺书）");
    CHECK(f.location.file == fixture("failing.yaml"));
    CHECK(f.location.line == 4);
    CHECK(f.location.column == 5);
    CHECK(has_difference(f, "outcome: expected accept_with_deficiency, got supplement"));
    CHECK(has_difference(f, "tolerance: expected applied, got letter_missing"));
    CHECK(has_difference(f, "material plan: expected tolerated, got missing"));
    CHECK(has_difference(f, "due.promised: expected 2025-10-10, got none"));
    CHECK(has_difference(f, "due.tolerance: expected 2025-10-10, got none"));
    CHECK(f.differences.size() == 5);  // what matched is not reported
  }

  TEST_CASE("SP801: malformed rule tests, each at its place") {
    const RuleTestReport r = run_rule_tests(basic(), {fixture("malformed.yaml")});
    const auto& out = r.diagnostics;
    CHECK_DIAG(out, "SP801", 3, 5);    // a case that is not a mapping
    CHECK_DIAG(out, "SP801", 4, 5);    // no expect
    CHECK_DIAG(out, "SP801", 8, 24);   // outcome `accepted`
    CHECK_DIAG(out, "SP801", 11, 28);  // no material `paint`
    CHECK_DIAG(out, "SP801", 11, 52);  // status `handed_in`
    CHECK_DIAG(out, "SP801", 14, 32);  // key `deadline`
    CHECK_DIAG(out, "SP801", 15, 5);   // key `note`
    CHECK_DIAG(out, "SP605", 17, 81);  // the application itself names an unknown material
    CHECK_DIAG(out, "SP801", 21, 26);  // tolerance `granted`
    CHECK_DIAG(out, "SP801", 21, 49);  // no condition `nothing`
    CHECK_DIAG(out, "SP801", 21, 82);  // due `soon`
    CHECK(out.size() == 11);
    for (const auto& d : out)
      CHECK_MESSAGE((d.code == "SP801" || d.code == "SP605"), format_diagnostic(d));
  }

  TEST_CASE("SP801: a file whose tests are not a list") {
    const RuleTestReport r = run_rule_tests(basic(), {fixture("not-a-list.yaml")});
    CHECK(r.cases == 0);
    CHECK_DIAG(r.diagnostics, "SP801", 1, 8);
  }

  TEST_CASE("an unreadable test file is SP100") {
    const RuleTestReport r = run_rule_tests(basic(), {fixture("missing.yaml")});
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].code == "SP100");
  }
}

TEST_SUITE("evaluate.shipped_rules") {
  // The shipped rule tests pass; the evaluator's own view of a few cases.
  TEST_CASE("rules/tianjin: every rule test passes") {
    std::vector<std::string> files;
    for (const char* f : {"gcjs.yaml", "qykb.yaml", "xuke.yaml"}) {
      files.push_back(std::string(SHENPI_SOURCE_DIR "/rules/tianjin/tests/") + f);
    }
    const RuleTestReport r = run_rule_tests(tianjin(), files);
    CHECK(r.cases > 10);
    CHECK(r.passed == r.cases);
    CHECK_MESSAGE(r.diagnostics.empty(), dump(r.diagnostics));
  }

  TEST_CASE("rules/tianjin: each sample application decides its outcome") {
    const std::pair<const char*, Outcome> samples[] = {
        {"food-accept.yaml", Outcome::accept},
        {"food-tolerated.yaml", Outcome::accept_with_deficiency},
        {"food-supplement.yaml", Outcome::supplement},
        {"food-reject.yaml", Outcome::reject},
        {"food-commitment.yaml", Outcome::accept},
    };
    for (const auto& sample : samples) {  // no structured binding: clang 14 cannot capture one
      const auto& file = sample.first;
      const auto outcome = sample.second;
      CAPTURE(file);
      const ApplicationResult r =
          read_application_file(std::string(SHENPI_SOURCE_DIR "/examples/applications/") + file);
      REQUIRE_MESSAGE(r.application.has_value(), dump(r.diagnostics));
      CHECK(*decide(*r.application, tianjin()).outcome == outcome);
    }
  }

  TEST_CASE("rules/tianjin: food licence tolerated across National Day") {
    const ApplicationResult r =
        read_application_file(SHENPI_SOURCE_DIR "/examples/applications/food-tolerated.yaml");
    REQUIRE(r.application.has_value());
    const Decision d = decide(*r.application, tianjin());
    CHECK(status(d, "layout-plan") == MaterialStatus::tolerated);
    CHECK(status(d, "business-license") == MaterialStatus::shared);
    CHECK(*d.deadlines.tolerance == date("2025-10-10"));
    CHECK(*d.deadlines.promised == date("2025-10-10"));
  }
}

}  // namespace
}  // namespace shenpi
