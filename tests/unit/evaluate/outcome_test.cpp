// Outcomes and their precedence, material statuses, conditions met by
// commitment, unknown facts and `required` expressions, on the fixture item
// T-EV-0001 (tests/fixtures/evaluate/basic/items/licence.yaml).
#include "evaluate/eval_test_util.hpp"

namespace shenpi {
namespace {

using namespace eval_test;

TEST_SUITE("evaluate.outcome") {
  TEST_CASE("a complete application is accepted") {
    const Decision d = decide(good_application());
    CHECK(*d.outcome == Outcome::accept);
    CHECK(d.tolerance == ToleranceState::not_needed);
    CHECK(d.diagnostics.empty());
    for (const auto& c : d.conditions) CHECK(c == ConditionStatus::met);
    CHECK(status(d, "form") == MaterialStatus::submitted);
    CHECK(status(d, "business-license") == MaterialStatus::shared);
    CHECK(status(d, "agent-authorization") == MaterialStatus::not_required);
    CHECK(status(d, "old-form") == MaterialStatus::not_required);
    CHECK(d.count(MaterialStatus::missing) == 0);
  }

  TEST_CASE("a missing tolerable material with policy and letter is accepted with deficiency") {
    Application a = good_application();
    drop_material(a, "plan");
    add(a.commitments, {"tolerance-letter"});
    const Decision d = decide(a);
    CHECK(*d.outcome == Outcome::accept_with_deficiency);
    CHECK(d.tolerance == ToleranceState::applied);
    CHECK(status(d, "plan") == MaterialStatus::tolerated);
    CHECK(d.count(MaterialStatus::tolerated) == 1);
    REQUIRE(d.deadlines.tolerance.has_value());
    CHECK(*d.deadlines.tolerance == date("2025-10-10"));
  }

  TEST_CASE("a missing core material asks for supplement") {
    Application a = good_application();
    drop_material(a, "form");
    const Decision d = decide(a);
    CHECK(*d.outcome == Outcome::supplement);
    CHECK(status(d, "form") == MaterialStatus::missing);
    CHECK_FALSE(d.deadlines.promised.has_value());
    CHECK_FALSE(d.deadlines.statutory.has_value());
  }

  TEST_CASE("an unmet supplement condition asks for supplement") {
    Application a = good_application();
    set_fact(a, "shop.has_manager", false);
    const Decision d = decide(a);
    CHECK(*d.outcome == Outcome::supplement);
    CHECK(condition(d, "manager") == ConditionStatus::unmet);
  }

  TEST_CASE("an unmet reject condition rejects") {
    Application a = good_application();
    set_fact(a, "applicant.credit", std::string("dishonest"));
    const Decision d = decide(a);
    CHECK(*d.outcome == Outcome::reject);
    CHECK(condition(d, "not-dishonest") == ConditionStatus::unmet);
    CHECK_FALSE(d.deadlines.promised.has_value());
    CHECK_FALSE(d.deadlines.tolerance.has_value());
  }

  TEST_CASE("precedence: reject > supplement > accept_with_deficiency > accept") {
    SUBCASE("reject beats supplement (missing material and unmet condition)") {
      Application a = good_application();
      set_fact(a, "applicant.credit", std::string("dishonest"));
      set_fact(a, "shop.has_manager", false);
      drop_material(a, "form");
      const Decision d = decide(a);
      CHECK(*d.outcome == Outcome::reject);
      // The other findings are still decided, for the trace.
      CHECK(condition(d, "manager") == ConditionStatus::unmet);
      CHECK(status(d, "form") == MaterialStatus::missing);
    }
    SUBCASE("reject beats accept_with_deficiency") {
      Application a = good_application();
      set_fact(a, "applicant.credit", std::string("dishonest"));
      drop_material(a, "plan");
      add(a.commitments, {"tolerance-letter"});
      CHECK(*decide(a).outcome == Outcome::reject);
    }
    SUBCASE("supplement beats accept_with_deficiency") {
      Application a = good_application();
      drop_material(a, "plan");
      drop_material(a, "form");
      add(a.commitments, {"tolerance-letter"});
      const Decision d = decide(a);
      CHECK(*d.outcome == Outcome::supplement);
      // The policy would tolerate the plan, but nothing is accepted yet:
      // no clock runs, so no supply date.
      CHECK(d.tolerance == ToleranceState::applied);
      CHECK(status(d, "plan") == MaterialStatus::tolerated);
      CHECK_FALSE(d.deadlines.tolerance.has_value());
    }
    SUBCASE("an unmet supplement condition beats a tolerated gap") {
      Application a = good_application();
      drop_material(a, "plan");
      add(a.commitments, {"tolerance-letter"});
      set_fact(a, "shop.has_manager", false);
      CHECK(*decide(a).outcome == Outcome::supplement);
    }
  }
}

TEST_SUITE("evaluate.materials") {
  TEST_CASE("each material gets exactly one status") {
    Application a = good_application();
    drop_material(a, "plan");
    drop_material(a, "rules");
    drop_material(a, "form");
    add(a.commitments, {"rules", "tolerance-letter"});
    const Decision d = decide(a);
    CHECK(status(d, "staff-list") == MaterialStatus::submitted);
    CHECK(status(d, "business-license") == MaterialStatus::shared);
    CHECK(status(d, "rules") == MaterialStatus::committed);
    CHECK(status(d, "plan") == MaterialStatus::tolerated);
    CHECK(status(d, "kitchen-plan") == MaterialStatus::not_required);
    CHECK(status(d, "form") == MaterialStatus::missing);
    CHECK(d.materials.size() == d.item().materials.size());
    int total = 0;
    for (const auto s :
         {MaterialStatus::submitted, MaterialStatus::shared, MaterialStatus::committed,
          MaterialStatus::tolerated, MaterialStatus::not_required, MaterialStatus::missing}) {
      total += d.count(s);
    }
    CHECK(total == static_cast<int>(d.materials.size()));
  }

  TEST_CASE("a material handed in counts as submitted, even when shared or committed") {
    Application a = good_application();
    add(a.materials, {"business-license"});
    add(a.commitments, {"rules"});
    const Decision d = decide(a);
    CHECK(status(d, "business-license") == MaterialStatus::submitted);
    CHECK(status(d, "rules") == MaterialStatus::submitted);
  }

  TEST_CASE("a commitment the material does not allow is refused") {
    Application a = good_application();
    drop_material(a, "form");
    add(a.commitments, {"form"});
    const Decision d = decide(a);
    CHECK(*d.outcome == Outcome::supplement);
    CHECK(status(d, "form") == MaterialStatus::missing);
    CHECK(material(d, "form").commitment_refused);
    CHECK(render_notice(d).find("不适用告知承诺") != std::string::npos);
    CHECK(decision_to_json(d).find("\"commitment_refused\": true") != std::string::npos);
  }

  TEST_CASE("a refused commitment on a tolerable material still lets 容缺 apply") {
    Application a = good_application();
    drop_material(a, "plan");
    add(a.commitments, {"plan", "tolerance-letter"});
    const Decision d = decide(a);
    CHECK(*d.outcome == Outcome::accept_with_deficiency);
    CHECK(status(d, "plan") == MaterialStatus::tolerated);
    CHECK(material(d, "plan").commitment_refused);
  }
}

TEST_SUITE("evaluate.conditions") {
  TEST_CASE("a condition that allows 告知承诺 is met by commitment") {
    Application a = good_application();
    drop_fact(a, "premises.area_m2");
    add(a.commitments, {"area"});
    const Decision d = decide(a);
    CHECK(condition(d, "area") == ConditionStatus::committed);
    CHECK(*d.outcome == Outcome::accept);
    CHECK(render_notice(d).find("告知承诺") != std::string::npos);
  }

  TEST_CASE("a commitment against the applicant's own failing facts is unmet (issue #12)") {
    Application a = good_application();
    set_fact(a, "premises.area_m2", 6.5);
    add(a.commitments, {"area"});
    const Decision d = decide(a);
    CHECK(condition(d, "area") == ConditionStatus::unmet);
    CHECK(*d.outcome == Outcome::supplement);
  }

  TEST_CASE("a commitment stands in for a fact the applicant does not state") {
    Application a = good_application();
    drop_fact(a, "premises.area_m2");
    add(a.commitments, {"area"});
    CHECK(condition(decide(a), "area") == ConditionStatus::committed);
  }

  TEST_CASE("a condition met on its own stays met when also committed") {
    Application a = good_application();
    add(a.commitments, {"area"});
    CHECK(condition(decide(a), "area") == ConditionStatus::met);
  }

  TEST_CASE("a commitment on a condition that does not allow it is ignored") {
    Application a = good_application();
    set_fact(a, "shop.has_manager", false);
    add(a.commitments, {"manager"});
    const Decision d = decide(a);
    CHECK(condition(d, "manager") == ConditionStatus::unmet);
    CHECK(*d.outcome == Outcome::supplement);
  }

  TEST_CASE("unmet without commitment: the values that decided it are in the notice") {
    Application a = good_application();
    set_fact(a, "premises.area_m2", 6.5);
    const Decision d = decide(a);
    CHECK(condition(d, "area") == ConditionStatus::unmet);
    const std::string notice = render_notice(d);
    CHECK(notice.find("经核，经营场所面积（平方米）为6.5，不符合要求。") != std::string::npos);
    // The facts given fail it: a commitment could not replace them.
    CHECK(notice.find("可以书面承诺方式办理") == std::string::npos);
  }
}

TEST_SUITE("evaluate.unknown") {
  TEST_CASE("a missing fact makes the condition unknown and the notice asks for it by label") {
    Application a = good_application();
    drop_fact(a, "shop.has_manager");
    const Decision d = decide(a);
    CHECK(condition(d, "manager") == ConditionStatus::unknown);
    CHECK(*d.outcome == Outcome::supplement);
    const std::string notice = render_notice(d);
    CHECK(notice.find("补正材料一次性告知书") != std::string::npos);
    CHECK(notice.find("申请未载明是否配备管理人员，请补充填报。") != std::string::npos);
  }

  TEST_CASE("an unknown reject condition is asked for, not refused") {
    Application a = good_application();
    drop_fact(a, "applicant.credit");
    const Decision d = decide(a);
    CHECK(condition(d, "not-dishonest") == ConditionStatus::unknown);
    CHECK(*d.outcome == Outcome::supplement);
  }

  TEST_CASE("a null fact in YAML stays unknown") {
    const ApplicationResult parsed = parse_application(R"(application:
  item: T-EV-0001
  submitted_on: 2025-09-26
  facts: { applicant.credit: good, applicant.false_commitment: false, applicant.uses_agent: false,
           premises.area_m2: 45, shop.has_manager: ~, shop.kind: retail, shop.staff: 3 }
  materials: [form, plan, staff-list, rules]
)",
                                                       "null.yaml");
    REQUIRE_MESSAGE(parsed.application.has_value(), dump(parsed.diagnostics));
    CHECK(condition(decide(*parsed.application), "manager") == ConditionStatus::unknown);
  }
}

TEST_SUITE("evaluate.required") {
  TEST_CASE("required expression true: the material is asked for") {
    Application a = good_application();
    set_fact(a, "applicant.uses_agent", true);
    Decision d = decide(a);
    CHECK(status(d, "agent-authorization") == MaterialStatus::missing);
    CHECK_FALSE(material(d, "agent-authorization").requirement_unknown);
    add(a.materials, {"agent-authorization"});
    d = decide(a);
    CHECK(status(d, "agent-authorization") == MaterialStatus::submitted);
  }

  TEST_CASE("required expression false: not_required, even when handed in") {
    Application a = good_application();
    add(a.materials, {"agent-authorization"});
    CHECK(status(decide(a), "agent-authorization") == MaterialStatus::not_required);
  }

  TEST_CASE("required expression unknown: asked for, flagged requirement_unknown") {
    Application a = good_application();
    drop_fact(a, "applicant.uses_agent");
    const Decision d = decide(a);
    CHECK(status(d, "agent-authorization") == MaterialStatus::missing);
    CHECK(material(d, "agent-authorization").requirement_unknown);
    CHECK(*d.outcome == Outcome::supplement);
    CHECK(decision_to_json(d).find("\"requirement_unknown\": true") != std::string::npos);
  }

  TEST_CASE("a compound requirement decided without the missing fact is decided") {
    Application a = good_application();
    drop_fact(a, "shop.staff");
    // retail: `kind == "catering" and staff >= 5` is false whatever staff is.
    CHECK(status(decide(a), "kitchen-plan") == MaterialStatus::not_required);
    set_fact(a, "shop.kind", std::string("catering"));
    const Decision d = decide(a);
    CHECK(status(d, "kitchen-plan") == MaterialStatus::missing);
    CHECK(material(d, "kitchen-plan").requirement_unknown);
    set_fact(a, "shop.staff", std::int64_t{8});
    CHECK(status(decide(a), "kitchen-plan") == MaterialStatus::missing);
    set_fact(a, "shop.staff", std::int64_t{4});
    CHECK(status(decide(a), "kitchen-plan") == MaterialStatus::not_required);
  }

  TEST_CASE("required: never is never asked for") {
    const Decision d = decide(good_application());
    CHECK(status(d, "old-form") == MaterialStatus::not_required);
  }
}

}  // namespace
}  // namespace shenpi
