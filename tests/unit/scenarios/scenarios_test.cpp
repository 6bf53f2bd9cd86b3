// shenpi::scenarios on the fixture with a known answer, every example checked
// against the evaluator, and the limit on a large item.
#include <algorithm>

#include <doctest/doctest.h>

#include "shenpi/scenarios.hpp"

using namespace shenpi;

namespace {

std::shared_ptr<const Rulebook> book() {
  static const LoadResult r = load_rulebook({std::string(SHENPI_FIXTURES) + "/scenarios/book"});
  REQUIRE(r.ok());
  return r.rulebook;
}

int count(const ScenarioSet& s, Outcome o, std::string_view kind) {
  return static_cast<int>(
      std::count_if(s.scenarios.begin(), s.scenarios.end(),
                    [&](const Scenario& x) { return x.outcome == o && x.kind == kind; }));
}

}  // namespace

TEST_CASE("the shop item's scenarios: the known answer") {
  const ScenarioSet s = scenarios(*book(), "S-SHOP-0001");
  CHECK(s.complete);
  CHECK(s.diagnostics.empty());
  // credit: 3 values + unknown; uses_agent: 2 + unknown; area: 9, 10, 11 + unknown.
  CHECK(s.cases_total == 4 * 3 * 4);
  CHECK(s.cases_examined == s.cases_total);
  // Agent or not (unknown asks for it too): two sets of required materials.
  CHECK(count(s, Outcome::accept, "all-met") == 2);
  CHECK(count(s, Outcome::accept, "committed") == 1);
  CHECK(count(s, Outcome::accept_with_deficiency, "tolerated") == 1);
  CHECK(count(s, Outcome::supplement, "condition") == 1);
  CHECK(count(s, Outcome::supplement, "facts") == 1);
  CHECK(count(s, Outcome::supplement, "materials") == 1);
  CHECK(count(s, Outcome::supplement, "tolerance-refused") == 1);
  CHECK(count(s, Outcome::reject, "condition") == 1);
  const auto tolerated = std::find_if(s.scenarios.begin(), s.scenarios.end(),
                                      [](const Scenario& x) { return x.kind == "tolerated"; });
  CHECK(tolerated->summary ==
        "申请人信用状况为good，可容缺：平面图、租赁合同中至多1项，3个工作日内补齐，须签容缺承诺书");
  const auto reject = std::find_if(s.scenarios.begin(), s.scenarios.end(),
                                   [](const Scenario& x) { return x.outcome == Outcome::reject; });
  CHECK(reject->when == std::vector<std::string>{"申请人信用状况为dishonest"});
}

TEST_CASE("every example reaches its scenario's outcome in the evaluator") {
  for (const char* code : {"S-SHOP-0001"}) {
    const ScenarioSet s = scenarios(*book(), code);
    for (const auto& x : s.scenarios) {
      CAPTURE(x.summary);
      const Decision d = book()->evaluate(x.example);
      REQUIRE(d.outcome.has_value());
      CHECK(*d.outcome == x.outcome);
    }
  }
}

TEST_CASE("an item too large to enumerate stops at the limit and says so") {
  ScenarioOptions options;
  options.max_cases = 1000;
  const ScenarioSet s = scenarios(*book(), "S-MANY-0002", options);
  CHECK_FALSE(s.complete);
  CHECK(s.cases_examined == 1000);
  CHECK(s.cases_total == 43046721);  // 3^16
  REQUIRE(s.diagnostics.size() == 1);
  CHECK(s.diagnostics[0].code == "SP930");
}

TEST_CASE("an unknown item is SP931") {
  const ScenarioSet s = scenarios(*book(), "NO-SUCH");
  REQUIRE(s.diagnostics.size() == 1);
  CHECK(s.diagnostics[0].code == "SP931");
  CHECK(s.scenarios.empty());
}
