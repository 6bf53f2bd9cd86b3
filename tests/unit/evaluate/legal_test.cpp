// Issue #12 section 1: a commitment cannot contradict the applicant's own
// facts; a rule defect at runtime goes to manual review; an application
// says each thing once; a refusal refers the applicant where to go.
#include "evaluate/eval_test_util.hpp"

namespace shenpi {
namespace {

using namespace eval_test;

std::size_t condition_index(const Decision& d, std::string_view id) {
  const auto& cs = d.item().conditions;
  for (std::size_t i = 0; i < cs.size(); ++i) {
    if (cs[i].id == id) return i;
  }
  FAIL("no condition ", std::string(id));
  return 0;
}

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

TEST_SUITE("evaluate.legal") {
  TEST_CASE("a commitment cannot turn the applicant's own failing facts into a pass") {
    Application a = good_application();
    set_fact(a, "premises.area_m2", 3.0);  // `area` needs >= 10 and allows 告知承诺
    add(a.commitments, {"area"});
    const Decision d = decide(a);
    CHECK(condition(d, "area") == ConditionStatus::unmet);
    CHECK(d.commitment_conflicts[condition_index(d, "area")]);
    CHECK(*d.outcome == Outcome::supplement);
    const std::string notice = render_notice(d);
    CHECK(contains(notice, "承诺不予采信"));
    // The 补正 notice no longer invites a commitment it would have to refuse.
    CHECK_FALSE(contains(notice, "也可以书面承诺方式办理"));
    CHECK(contains(decision_to_json(d), "\"commitment_conflict\": true"));
  }

  TEST_CASE("only a condition whose facts are not given can be met by commitment") {
    Application a = good_application();
    drop_fact(a, "premises.area_m2");
    add(a.commitments, {"area"});
    const Decision d = decide(a);
    CHECK(condition(d, "area") == ConditionStatus::committed);
    CHECK_FALSE(d.commitment_conflicts[condition_index(d, "area")]);

    Application b = good_application();
    drop_fact(b, "premises.area_m2");
    const Decision unknown = decide(b);
    CHECK(condition(unknown, "area") == ConditionStatus::unknown);
    CHECK(contains(render_notice(unknown), "也可以书面承诺方式办理"));
  }

  TEST_CASE("a commitment offered for a condition that allows none is reported") {
    Application a = good_application();
    drop_fact(a, "shop.has_manager");
    add(a.commitments, {"manager"});
    const Decision d = decide(a);
    CHECK(condition(d, "manager") == ConditionStatus::unknown);
    CHECK(d.commitment_refused[condition_index(d, "manager")]);
    CHECK(contains(render_notice(d), "该条件不适用告知承诺方式"));
    CHECK(contains(decision_to_json(d), "\"commitment_refused\": true"));
  }

  TEST_CASE("the supplement notice marks materials a commitment may replace") {
    Application a = good_application();
    drop_material(a, "rules");  // `rules` allows 告知承诺
    const Decision d = decide(a);
    CHECK(status(d, "rules") == MaterialStatus::missing);
    CHECK(contains(render_notice(d), "也可以书面承诺方式替代该材料"));
  }

  TEST_CASE("an application says each thing once") {
    const char* text = R"(application:
  item: T-EV-0001
  submitted_on: 2025-09-26
  facts:
    applicant.credit: dishonest
    shop.staff: 3
    applicant.credit: good
  materials: [form, plan, form]
  commitments: [tolerance-letter, tolerance-letter]
)";
    const ApplicationResult r = parse_application(text, "app.yaml");
    CHECK_FALSE(r.application.has_value());
    CHECK_DIAG(r.diagnostics, "SP601", 7, 5);
    CHECK_DIAG(r.diagnostics, "SP601", 8, 27);
    CHECK_DIAG(r.diagnostics, "SP601", 9, 35);
  }
}

TEST_SUITE("evaluate.runtime-error") {
  const Rulebook& runtime() {
    static const auto book = load_book(SHENPI_FIXTURES "/evaluate/runtime");
    return *book;
  }

  Application ratio(double area, std::int64_t capacity, bool revoked) {
    Application a;
    a.item = "T-RT-0001";
    a.submitted_on = date("2025-09-26");
    set_fact(a, "shop.area_m2", area);
    set_fact(a, "shop.seats", std::int64_t{10});
    set_fact(a, "shop.capacity", capacity);
    set_fact(a, "shop.revoked", revoked);
    add(a.materials, {"form"});
    return a;
  }

  TEST_CASE("division by zero is a rule defect: status error, outcome review, SP613") {
    const Decision d = decide(ratio(0, 50, false), runtime());
    CHECK(*d.outcome == Outcome::review);
    CHECK(condition(d, "density") == ConditionStatus::error);
    CHECK(condition(d, "capacity") == ConditionStatus::met);
    CHECK(material(d, "plan").requirement_error);
    REQUIRE(d.diagnostics.size() == 2);  // the condition and the material's requirement
    CHECK(d.diagnostics[0].code == "SP613");
    CHECK(d.diagnostics[0].severity == Severity::warning);
    const std::string notice = render_notice(d);
    CHECK(contains(notice, "转人工审查告知书"));
    CHECK(contains(notice, "此非申请人原因"));
    // Never blame the applicant: no request for facts they gave.
    CHECK_FALSE(contains(notice, "请补充填报"));
    CHECK_FALSE(d.deadlines.promised.has_value());
  }

  TEST_CASE("overflow is a rule defect too; other gaps are told beside it") {
    Application a = ratio(40, 9223372036854775807, false);
    a.materials.clear();
    const Decision d = decide(a, runtime());
    CHECK(*d.outcome == Outcome::review);
    CHECK(condition(d, "capacity") == ConditionStatus::error);
    CHECK(condition(d, "density") == ConditionStatus::met);
    const std::string notice = render_notice(d);
    CHECK(contains(notice, "转人工审查告知书"));
    CHECK(contains(notice, "申请书"));  // the missing form, told at once
  }

  TEST_CASE("a refusal decided by the facts outranks the rule defect") {
    const Decision d = decide(ratio(0, 50, true), runtime());
    CHECK(*d.outcome == Outcome::reject);
    CHECK(condition(d, "density") == ConditionStatus::error);
  }

  TEST_CASE("an unknown fact is not an error") {
    Application a = ratio(0, 50, false);
    drop_fact(a, "shop.area_m2");
    const Decision d = decide(a, runtime());
    CHECK(condition(d, "density") == ConditionStatus::unknown);
    CHECK(d.diagnostics.empty());
    CHECK(*d.outcome == Outcome::supplement);
  }
}

TEST_SUITE("evaluate.referral") {
  TEST_CASE("the prepackaged-only food case is referred to the filing item") {
    Application a;
    a.item = "TJ-SCJG-XK-0012";
    a.submitted_on = date("2025-09-26");
    set_fact(a, "food.only_prepackaged", true);
    set_fact(a, "food.license_revoked_5y", false);
    const Decision d = decide(a, tianjin());
    CHECK(*d.outcome == Outcome::reject);
    const std::string notice = render_notice(d);
    CHECK(contains(notice, "请向天津市滨海新区市场监督管理局申请办理“仅销售预包装食品备案”"));
    CHECK(contains(notice, "TJ-SCJG-BA-0020"));
    const std::string json = decision_to_json(d);
    CHECK(contains(json, "\"refer_to\""));
    CHECK(contains(json, "\"item\": \"TJ-SCJG-BA-0020\""));
  }
}

TEST_SUITE("notice.settings") {
  TEST_CASE("notices.yaml gives header, 文号, reply period, contact and receipt") {
    Application a;
    a.item = "TJ-SCJG-XK-0012";
    a.submitted_on = date("2025-09-26");
    set_fact(a, "food.only_prepackaged", false);
    const std::string notice = render_notice(decide(a, tianjin()));
    // The shipped 文号 leaves the unverified 机关代字 blank (docs/decision.md).
    CHECK(contains(notice, "\n____补字〔2025〕第____号\n"));
    CHECK(contains(notice, "请于收到本告知书之日起30日内"));
    CHECK(contains(notice, "咨询电话：12345"));
    CHECK(contains(notice, "经办人："));
    CHECK(contains(notice, "申请人（代理人）签收："));
  }

  TEST_CASE("without notices.yaml the notice keeps the default wording") {
    Application a = good_application();
    drop_material(a, "form");
    const std::string notice = render_notice(decide(a));
    CHECK(contains(notice, "（印章）"));
    CHECK_FALSE(contains(notice, "第____号"));
    CHECK_FALSE(contains(notice, "签收"));
  }
}

}  // namespace
}  // namespace shenpi
