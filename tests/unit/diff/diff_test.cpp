// The impact diff: structural changes of an item, and outcome transitions
// of a small caseload decided under both rulebooks.
#include "shenpi/diff.hpp"
#include "load/diag_helpers.hpp"

using namespace shenpi;
using namespace shenpi::test;

namespace {

constexpr std::string_view kOld = R"(item:
  code: T-0001
  name: 测试事项
  version: "old"
  kind: administrative_license
  authority: 区审批局
  basis:
    - { id: law, title: 《测试法》第一条 }
materials:
  - { id: form, name: 申请书, basis: law }
  - { id: plan, name: 平面图, basis: law }
time_limit: { statutory: 20 working days, promised: 10 working days }
)";

constexpr std::string_view kNew = R"(item:
  code: T-0001
  name: 测试事项
  version: "new"
  kind: administrative_license
  authority: 区审批局
  basis:
    - { id: law, title: 《测试法》第一条 }
materials:
  - { id: form, name: 申请书, basis: law, commitment: allowed }
  - { id: plan, name: 平面图, basis: law, required: applicant.credit == "dishonest" }
time_limit: { statutory: 20 working days, promised: 5 working days }
)";

Application on(std::vector<std::string> materials) {
  Application a;
  a.item = "T-0001";
  a.submitted_on = *Date::parse("2025-03-03");
  a.facts.push_back({"applicant.credit", FactValue(std::string("good")), {}, {}});
  for (auto& m : materials) a.materials.push_back({std::move(m), {}});
  return a;
}

struct Books {
  TempBook old_book, new_book;
  std::shared_ptr<const Rulebook> old_rules, new_rules;
  Books() {
    // Value labels, so the diff's sentences can use them.
    constexpr std::string_view kFacts =
        "facts:\n  applicant.credit: { type: enum, values: { good: 良好, normal: 一般, dishonest: "
        "严重失信 }, label: 信用状况 }\n";
    old_book.write("facts.yaml", kFacts).item(std::string(kOld));
    new_book.write("facts.yaml", kFacts).item(std::string(kNew));
    old_rules = old_book.load().rulebook;
    new_rules = new_book.load().rulebook;
    REQUIRE(old_rules != nullptr);
    REQUIRE(new_rules != nullptr);
  }
};

}  // namespace

TEST_CASE("diff_rules lists each change of an item in Chinese") {
  Books b;
  const RulebookDiff diff = diff_rules(*b.old_rules, *b.new_rules);
  REQUIRE(diff.items.size() == 1);
  CHECK(diff.items[0].old_version == "old");
  CHECK(diff.items[0].new_version == "new");
  // Names, sentences and 证照分离's words: no ids, paths or operators.
  CHECK(diff.items[0].changes ==
        std::vector<std::string>{
            "材料「申请书」可告知承诺：由「否」改为「是」",
            "材料「平面图」提交条件：由「一律提交」改为「信用状况为严重失信的，提交」",
            "承诺时限：由「10个工作日」改为「5个工作日」",
            "告知承诺：由「改革方式：未列入“证照分离”改革；不实行告知承诺」改为「改革方式：未列入“"
            "证照分离”改革；可承诺：『申请书』」",
        });
  CHECK(diff_rules(*b.old_rules, *b.old_rules).items.empty());
}

TEST_CASE("diff_applications counts transitions with examples, materials asked and due shift") {
  Books b;
  const std::vector<Application> apps = {on({"form", "plan"}), on({"form"}), on({"plan"}),
                                         on({"form", "plan"})};
  const std::vector<std::string> ids = {"A", "B", "C", "D"};
  for (const int threads : {1, 2, 3}) {
    const Impact impact = diff_applications(*b.old_rules, *b.new_rules, apps, ids, threads);
    CHECK(impact.applications == 4);
    REQUIRE(impact.transitions.size() == 3);
    // Sorted by (from, to) in Outcome order.
    CHECK(impact.transitions[0].from == "accept");
    CHECK(impact.transitions[0].to == "accept");
    CHECK(impact.transitions[0].count == 2);
    CHECK(impact.transitions[0].examples == std::vector<std::string>{"A", "D"});
    CHECK(impact.transitions[1].from == "supplement");
    CHECK(impact.transitions[1].to == "accept");
    CHECK(impact.transitions[1].examples == std::vector<std::string>{"B"});
    CHECK(impact.transitions[2].from == "supplement");
    CHECK(impact.transitions[2].to == "supplement");
    CHECK(impact.transitions[2].examples == std::vector<std::string>{"C"});
    // Old: form and plan from everyone; new: the form only (the plan is not
    // required of a good-credit applicant, even when brought).
    CHECK(impact.mean_asked_old == doctest::Approx(2.0));
    CHECK(impact.mean_asked_new == doctest::Approx(1.0));
    CHECK(impact.due_compared == 2);
    CHECK(impact.mean_due_shift == doctest::Approx(-5.0));
  }
}

TEST_CASE("an application one side cannot decide is the transition to `invalid`") {
  Books b;
  // `plan` is not a material of the new version: SP605 there.
  TempBook narrower;
  narrower.item(std::string(kNew).substr(0, std::string(kNew).find("  - { id: plan")) +
                "time_limit: { statutory: 20 working days, promised: 5 working days }\n");
  const auto new_rules = narrower.load().rulebook;
  REQUIRE(new_rules != nullptr);
  const Impact impact =
      diff_applications(*b.old_rules, *new_rules, {on({"form", "plan"})}, {"X"}, 2);
  REQUIRE(impact.transitions.size() == 1);
  CHECK(impact.transitions[0].from == "accept");
  CHECK(impact.transitions[0].to == "invalid");
  CHECK(impact.mean_asked_new == doctest::Approx(0.0));
}
