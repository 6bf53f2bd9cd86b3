// Reading and binding applications: malformed input is a diagnostic with
// its line and column (SP601–SP607), never a crash or a silent default.
#include "evaluate/eval_test_util.hpp"

namespace shenpi {
namespace {

using namespace eval_test;

/// Parses and binds `text` against the fixture rulebook; all diagnostics.
std::vector<Diagnostic> problems(std::string_view text) {
  ApplicationResult parsed = parse_application(text, "app.yaml");
  if (!parsed.application) return parsed.diagnostics;
  BindResult bound = bind_application(basic(), *parsed.application);
  CHECK(bound.application == nullptr);
  return bound.diagnostics;
}

constexpr std::string_view kHead =
    "application:\n"
    "  item: T-EV-0001\n"
    "  submitted_on: 2025-09-26\n";

TEST_SUITE("evaluate.application") {
  TEST_CASE("a well-formed application reads with its locations") {
    const ApplicationResult r =
        parse_application(std::string(kHead) +
                              "  facts: { shop.staff: 3, shop.opened_on: 2025-01-02 }\n"
                              "  materials: [form]\n"
                              "  commitments: [tolerance-letter]\n",
                          "ok.yaml");
    REQUIRE_MESSAGE(r.application.has_value(), dump(r.diagnostics));
    const Application& a = *r.application;
    CHECK(a.item == "T-EV-0001");
    CHECK(a.submitted_on == date("2025-09-26"));
    CHECK(a.item_location.line == 2);
    CHECK(a.item_location.column == 9);
    REQUIRE(a.facts.size() == 2);
    CHECK(std::get<std::int64_t>(a.facts[0].value) == 3);
    CHECK(std::get<Date>(a.facts[1].value) == date("2025-01-02"));
    REQUIRE(a.materials.size() == 1);
    CHECK(a.materials[0].location.line == 5);
    CHECK(a.materials[0].location.column == 15);
  }

  TEST_CASE("JSON reads like YAML, with locations") {
    const ApplicationResult r = parse_application(
        R"({"application": {"item": "T-EV-0001", "submitted_on": "2025-09-26",
  "facts": {"shop.staff": "three"}, "materials": ["form"]}})",
        "app.json");
    REQUIRE_MESSAGE(r.application.has_value(), dump(r.diagnostics));
    const BindResult b = bind_application(basic(), *r.application);
    CHECK_DIAG(b.diagnostics, "SP604", 2, 13);
  }

  TEST_CASE("SP601: the shape of an application") {
    CHECK_DIAG(problems("app: {}\n"), "SP601", 1, 1);
    CHECK_DIAG(problems("application: [1, 2]\n"), "SP601", 1, 14);
    CHECK_DIAG(problems(std::string(kHead) + "  materails: [form]\n"), "SP601", 4, 3);
    CHECK_DIAG(problems(std::string(kHead) + "  materials: form\n"), "SP601", 4, 14);
    CHECK_DIAG(problems(std::string(kHead) + "  materials: [{id: form}]\n"), "SP601", 4, 15);
    CHECK_DIAG(problems(std::string(kHead) + "  facts: [a, b]\n"), "SP601", 4, 10);
    CHECK_DIAG(problems("application:\n  submitted_on: 2025-09-26\n"), "SP601", 2, 3);
  }

  TEST_CASE("SP602: an item not in the rulebook") {
    CHECK_DIAG(problems("application:\n  item: T-EV-9999\n  submitted_on: 2025-09-26\n"), "SP602",
               2, 9);
  }

  TEST_CASE("SP603: a fact the item does not declare") {
    const auto out = problems(std::string(kHead) + "  facts:\n    shop.colour: red\n");
    CHECK_DIAG(out, "SP603", 5, 5);
    // A fact of another item is unknown here too.
    CHECK_DIAG(problems(std::string(kHead) + "  facts: { food.bulk_food: true }\n"), "SP603", 4,
               12);
  }

  TEST_CASE("SP604: a fact of the wrong type or enum value") {
    const auto out = problems(std::string(kHead) +
                              "  facts:\n"
                              "    applicant.credit: excellent\n"       // 5: not an enum value
                              "    premises.area_m2: big\n"             // 6: not a number
                              "    shop.staff: 3.5\n"                   // 7: not an int
                              "    shop.has_manager: yes\n"             // 8: only true/false
                              "    shop.opened_on: 2025-13-01\n"        // 9: not a date
                              "    shop.scope: catering\n"              // 10: not a list
                              "    applicant.uses_agent: \"true\"\n");  // 11: a quoted string
    CHECK_DIAG(out, "SP604", 5, 5);
    CHECK_DIAG(out, "SP604", 6, 5);
    CHECK_DIAG(out, "SP604", 7, 5);
    CHECK_DIAG(out, "SP604", 8, 5);
    CHECK_DIAG(out, "SP604", 9, 5);
    CHECK_DIAG(out, "SP604", 10, 5);
    CHECK_DIAG(out, "SP604", 11, 5);
    const auto it = std::find_if(out.begin(), out.end(),
                                 [](const Diagnostic& d) { return d.location.line == 5; });
    REQUIRE(it != out.end());
    CHECK(it->message.find("good, normal, dishonest") != std::string::npos);
    CHECK(it->message.find("'excellent'") != std::string::npos);
  }

  TEST_CASE("SP604: a mapping, or a list holding one, is no fact value, in YAML and JSON") {
    CHECK_DIAG(problems(std::string(kHead) + "  facts:\n    shop.staff: { n: 3 }\n"), "SP604", 5,
               17);
    CHECK_DIAG(problems(std::string(kHead) + "  facts:\n    shop.scope: [a, [b]]\n"), "SP604", 5,
               21);
    CHECK_DIAG(problems(std::string(kHead) + "  facts:\n    shop.scope: [{a: 1}]\n"), "SP604", 5,
               18);
    const auto json = [](std::string_view facts) {
      return parse_application(
                 std::string(R"({"application": {"item": "T-EV-0001", "submitted_on": )"
                             R"("2025-09-26", "facts": )") +
                     std::string(facts) + "}}",
                 "app.json")
          .diagnostics;
    };
    CHECK_DIAG(json(R"({"shop.name": {"a": 1}})"), "SP604", 1, 92);
    // Lines of a JSON file saved with CR alone count as YAML's do.
    const auto cr = parse_application(
        "{\"application\": {\"item\": \"T-EV-0001\",\r\"submitted_on\": \"2025-09-26\",\r"
        "\"facts\": {\"shop.name\": {\"a\": 1}}}}",
        "cr.json");
    CHECK_DIAG(cr.diagnostics, "SP604", 3, 24);
    CHECK_DIAG(json(R"({"shop.scope": [{"a": 1}]})"), "SP604", 1, 94);
  }

  TEST_CASE("numbers and dates convert to the declared type") {
    ApplicationResult r =
        parse_application(std::string(kHead) +
                              "  facts: { premises.area_m2: 45, shop.name: 2025-01-01, "
                              "shop.opened_on: 2025-01-02, shop.scope: [a, b] }\n",
                          "app.yaml");
    REQUIRE(r.application.has_value());
    const BindResult b = bind_application(basic(), *r.application);
    CHECK_MESSAGE(b.application != nullptr, dump(b.diagnostics));
  }

  TEST_CASE("SP605: a material the item does not list") {
    CHECK_DIAG(problems(std::string(kHead) + "  materials: [form, paint]\n"), "SP605", 4, 21);
  }

  TEST_CASE("SP606: a commitment that is no material, condition or letter") {
    CHECK_DIAG(problems(std::string(kHead) + "  commitments: [wish]\n"), "SP606", 4, 17);
  }

  TEST_CASE("SP607: a malformed date, a missing one, one outside the calendar") {
    CHECK_DIAG(problems("application:\n  item: T-EV-0001\n  submitted_on: 2025-02-30\n"), "SP607",
               3, 17);
    CHECK_DIAG(problems("application:\n  item: T-EV-0001\n  submitted_on: [2025]\n"), "SP607", 3,
               17);
    CHECK_DIAG(problems("application:\n  item: T-EV-0001\n"), "SP607", 2, 3);
    CHECK_DIAG(problems("application:\n  item: T-EV-0001\n  submitted_on: 2023-05-04\n"), "SP607",
               3, 17);
  }

  TEST_CASE("every problem of an application is reported at once, sorted") {
    const auto out = problems(std::string(kHead) +
                              "  facts: { shop.colour: red, shop.staff: many }\n"
                              "  materials: [paint]\n"
                              "  commitments: [wish]\n");
    CHECK_DIAG(out, "SP603", 4, 12);
    CHECK_DIAG(out, "SP604", 4, 30);
    CHECK_DIAG(out, "SP605", 5, 15);
    CHECK_DIAG(out, "SP606", 6, 17);
    CHECK(std::is_sorted(out.begin(), out.end(), [](const Diagnostic& x, const Diagnostic& y) {
      return x.location < y.location;
    }));
  }

  TEST_CASE("malformed input gives a decision without outcome, never an exception") {
    Application a = good_application();
    a.item = "NOPE";
    const Decision d = basic().evaluate(a);
    CHECK_FALSE(d.valid());
    REQUIRE(d.diagnostics.size() == 1);
    CHECK(d.diagnostics[0].code == "SP602");
    CHECK(render_notice(d).find("SP602") != std::string::npos);
    CHECK(decision_to_json(d).find("\"outcome\": null") != std::string::npos);
  }

  TEST_CASE("not YAML at all") {
    const ApplicationResult r = parse_application("application: [unclosed\n", "bad.yaml");
    CHECK_FALSE(r.application.has_value());
    CHECK_FALSE(r.diagnostics.empty());
  }

  TEST_CASE("an unreadable file is SP100") {
    const ApplicationResult r =
        read_application_file(SHENPI_FIXTURES "/evaluate/no-such-file.yaml");
    CHECK_FALSE(r.application.has_value());
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].code == "SP100");
  }

  TEST_CASE("built in code: dates as text, enums as strings, lists") {
    Application a = good_application();
    set_fact(a, "shop.opened_on", std::string("2025-01-02"));
    set_fact(a, "shop.scope", std::vector<std::string>{"retail", "新词"});
    set_fact(a, "shop.name", std::string("小店"));
    const BindResult b = bind_application(basic(), a);
    REQUIRE_MESSAGE(b.application != nullptr, dump(b.diagnostics));
    CHECK(b.application->item().code == "T-EV-0001");
    CHECK(b.application->submitted_on() == date("2025-09-26"));
    set_fact(a, "shop.opened_on", std::string("soon"));
    CHECK(bind_application(basic(), a).diagnostics.at(0).code == "SP604");
  }
}

}  // namespace
}  // namespace shenpi

namespace shenpi {
namespace {

using namespace eval_test;

TEST_SUITE("evaluate.application") {
  TEST_CASE("the fast path refuses a bound application of another rulebook") {
    const auto other =
        load_book(SHENPI_FIXTURES "/evaluate/basic");  // same files, another rulebook
    const BindResult b = bind_application(*other, good_application());
    REQUIRE(b.application != nullptr);
    Decision d;
    basic().evaluate(b.application, d);
    CHECK_FALSE(d.valid());
    REQUIRE(d.diagnostics.size() == 1);
    CHECK(d.diagnostics[0].code == "SP602");
    other->evaluate(b.application, d);
    CHECK(d.valid());
    basic().evaluate(nullptr, d);
    CHECK_FALSE(d.valid());
  }

  TEST_CASE("the fast path reuses a decision across applications and items") {
    Decision d;
    Application a = good_application();
    const auto first = bind_application(basic(), a).application;
    drop_material(a, "form");
    const auto second = bind_application(basic(), a).application;
    Application other;
    other.item = "T-EV-0003";
    other.submitted_on = date("2025-09-26");
    add(other.materials, {"form", "roster", "contract"});
    const auto third = bind_application(basic(), other).application;
    REQUIRE((first && second && third));
    basic().evaluate(first, d);
    CHECK(*d.outcome == Outcome::accept);
    basic().evaluate(second, d);
    CHECK(*d.outcome == Outcome::supplement);
    basic().evaluate(third, d);
    CHECK(*d.outcome == Outcome::accept);
    CHECK(d.materials.size() == 3);
    CHECK(d.item().code == "T-EV-0003");
    basic().evaluate(first, d);
    CHECK(same_decision(d, decide(good_application())));
  }
}

}  // namespace
}  // namespace shenpi
