// 容缺受理: the policy's `when`, `max_missing`, the signed letter, items
// without a policy, and core materials (never tolerated).
#include "evaluate/eval_test_util.hpp"

namespace shenpi {
namespace {

using namespace eval_test;

/// T-EV-0001 with the plan missing and the 容缺承诺书 signed: tolerated.
Application one_gap() {
  Application a = good_application();
  drop_material(a, "plan");
  add(a.commitments, {"tolerance-letter"});
  return a;
}

TEST_SUITE("evaluate.tolerance") {
  TEST_CASE("exactly max_missing gaps are tolerated") {
    const Decision d = decide(one_gap());
    CHECK(d.tolerance == ToleranceState::applied);
    CHECK(*d.outcome == Outcome::accept_with_deficiency);
  }

  TEST_CASE("more gaps than max_missing: too_many, all of them missing") {
    Application a = one_gap();
    drop_material(a, "staff-list");
    const Decision d = decide(a);
    CHECK(d.tolerance == ToleranceState::too_many);
    CHECK(status(d, "plan") == MaterialStatus::missing);
    CHECK(status(d, "staff-list") == MaterialStatus::missing);
    CHECK(*d.outcome == Outcome::supplement);
    CHECK_FALSE(d.deadlines.tolerance.has_value());
  }

  TEST_CASE("credit below the policy: policy_not_met") {
    Application a = one_gap();
    set_fact(a, "applicant.credit", std::string("normal"));
    const Decision d = decide(a);
    CHECK(d.tolerance == ToleranceState::policy_not_met);
    CHECK(status(d, "plan") == MaterialStatus::missing);
    CHECK(*d.outcome == Outcome::supplement);
  }

  TEST_CASE("a prior false commitment excludes 容缺: policy_not_met") {
    Application a = one_gap();
    set_fact(a, "applicant.false_commitment", true);
    CHECK(decide(a).tolerance == ToleranceState::policy_not_met);
  }

  TEST_CASE("a policy that cannot be decided does not apply") {
    Application a = one_gap();
    drop_fact(a, "applicant.false_commitment");
    const Decision d = decide(a);
    CHECK(d.tolerance == ToleranceState::policy_not_met);
    CHECK(status(d, "plan") == MaterialStatus::missing);
  }

  TEST_CASE("no signed letter: letter_missing") {
    Application a = good_application();
    drop_material(a, "plan");
    const Decision d = decide(a);
    CHECK(d.tolerance == ToleranceState::letter_missing);
    CHECK(status(d, "plan") == MaterialStatus::missing);
    CHECK(*d.outcome == Outcome::supplement);
  }

  TEST_CASE("the checks run in order: policy, then count, then letter") {
    Application a = good_application();
    drop_material(a, "plan");
    drop_material(a, "staff-list");
    set_fact(a, "applicant.credit", std::string("normal"));
    CHECK(decide(a).tolerance == ToleranceState::policy_not_met);
    set_fact(a, "applicant.credit", std::string("good"));
    CHECK(decide(a).tolerance == ToleranceState::too_many);
  }

  TEST_CASE("an item without a policy: no_policy, the gap stays missing") {
    Application a;
    a.item = "T-EV-0002";
    a.submitted_on = date("2025-09-26");
    add(a.materials, {"form"});
    add(a.commitments, {"tolerance-letter"});
    const Decision d = decide(a);
    CHECK(d.tolerance == ToleranceState::no_policy);
    CHECK(status(d, "photo") == MaterialStatus::missing);
    CHECK(*d.outcome == Outcome::supplement);
  }

  TEST_CASE("an open policy without cap or letter tolerates every gap") {
    Application a;
    a.item = "T-EV-0003";
    a.submitted_on = date("2025-09-26");
    add(a.materials, {"form"});
    const Decision d = decide(a);
    CHECK(d.tolerance == ToleranceState::applied);
    CHECK(status(d, "roster") == MaterialStatus::tolerated);
    CHECK(status(d, "contract") == MaterialStatus::tolerated);
    CHECK(*d.outcome == Outcome::accept_with_deficiency);
    // 30 natural days from 09-26 is 10-26, a Sunday: the next working day.
    REQUIRE(d.deadlines.tolerance.has_value());
    CHECK(*d.deadlines.tolerance == date("2025-10-27"));
  }

  TEST_CASE("a core material is never tolerated") {
    Application a = good_application();
    drop_material(a, "form");
    add(a.commitments, {"tolerance-letter"});
    const Decision d = decide(a);
    CHECK(status(d, "form") == MaterialStatus::missing);
    CHECK(d.tolerance == ToleranceState::not_needed);  // the core gap does not count
    CHECK(*d.outcome == Outcome::supplement);
  }

  TEST_CASE("nothing missing: not_needed even when the letter is signed") {
    Application a = good_application();
    add(a.commitments, {"tolerance-letter"});
    const Decision d = decide(a);
    CHECK(d.tolerance == ToleranceState::not_needed);
    CHECK(*d.outcome == Outcome::accept);
    CHECK_FALSE(d.deadlines.tolerance.has_value());
  }
}

TEST_SUITE("notice.tolerance_reason") {
  // The one-time notice says why a tolerable material is asked for now.
  TEST_CASE("too many") {
    Application a = one_gap();
    drop_material(a, "staff-list");
    CHECK(render_notice(decide(a)).find("超过容缺受理上限（1项）") != std::string::npos);
  }
  TEST_CASE("policy not met") {
    Application a = one_gap();
    set_fact(a, "applicant.credit", std::string("normal"));
    const std::string notice = render_notice(decide(a));
    CHECK(notice.find("不符合容缺受理的适用条件") != std::string::npos);
    CHECK(notice.find("经核，申请人信用状况为normal，没有虚假承诺记录") != std::string::npos);
  }
  TEST_CASE("letter missing") {
    Application a = good_application();
    drop_material(a, "plan");
    CHECK(render_notice(decide(a)).find("未签署容缺承诺书") != std::string::npos);
  }
  TEST_CASE("no policy") {
    Application a;
    a.item = "T-EV-0002";
    a.submitted_on = date("2025-09-26");
    add(a.materials, {"form"});
    CHECK(render_notice(decide(a)).find("本事项未设容缺受理") != std::string::npos);
  }
  TEST_CASE("tolerable but held up by other deficiencies") {
    Application a = one_gap();
    drop_material(a, "form");
    const std::string notice = render_notice(decide(a));
    CHECK(notice.find("经营场所平面图") != std::string::npos);
    CHECK(notice.find("可容缺后补") != std::string::npos);
  }
}

}  // namespace
}  // namespace shenpi
