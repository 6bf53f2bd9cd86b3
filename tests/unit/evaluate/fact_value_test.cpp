// Typed facts: check_fact_value, set_fact and fact_type_error give the one
// sentence the binder gives for the same value read from YAML.
#include <cmath>
#include <limits>

#include "evaluate/eval_test_util.hpp"

namespace shenpi {
namespace {

using namespace eval_test;

const Item& licence() {
  return *basic().find_item("T-EV-0001");
}

const Fact& fact(std::string_view path) {
  const Fact* f = basic().find_fact(licence(), path);
  REQUIRE(f != nullptr);
  return *f;
}

/// The message check_fact_value gives, or "" when the value fits.
std::string check(std::string_view path, const FactValue& value, std::string_view text = {}) {
  const auto error = check_fact_value(fact(path), value, {"here", 1, 2}, text);
  if (!error) return "";
  CHECK(error->code == "SP604");
  CHECK(error->location == SourceLocation{"here", 1, 2});
  return error->message;
}

/// The SP603/SP604 message the binder gives for `path: scalar` in YAML.
std::string bound_message(const std::string& path, const std::string& scalar) {
  const ApplicationResult r = parse_application(
      "application:\n  item: T-EV-0001\n  submitted_on: 2025-09-26\n  facts:\n    " + path + ": " +
          scalar + "\n",
      "app.yaml");
  REQUIRE_MESSAGE(r.application.has_value(), dump(r.diagnostics));
  const BindResult b = bind_application(basic(), *r.application);
  REQUIRE(b.diagnostics.size() == 1);
  return b.diagnostics[0].message;
}

TEST_SUITE("evaluate.fact_value") {
  TEST_CASE("values that fit their fact") {
    CHECK(check("shop.has_manager", true) == "");
    CHECK(check("shop.staff", std::int64_t{3}) == "");
    CHECK(check("premises.area_m2", std::int64_t{45}) == "");
    CHECK(check("premises.area_m2", 45.5) == "");
    CHECK(check("shop.name", std::string("天津某某餐饮")) == "");
    CHECK(check("shop.name", std::int64_t{45}, "45") == "");  // a file's `name: 45` is text
    CHECK(check("applicant.credit", std::string("good")) == "");
    CHECK(check("shop.opened_on", date("2025-01-02")) == "");
    CHECK(check("shop.opened_on", std::string("2025-01-02")) == "");
    CHECK(check("shop.scope", std::vector<std::string>{"a", "b"}) == "");
  }

  TEST_CASE("one sentence for every wrong value") {
    CHECK(check("shop.has_manager", std::int64_t{1}) ==
          "fact 'shop.has_manager' must be a bool (true or false); got 1");
    CHECK(check("shop.staff", 3.5) ==
          "fact 'shop.staff' must be an int (a whole number within 64 bits); got 3.5");
    CHECK(check("premises.area_m2", std::string("45")) ==
          "fact 'premises.area_m2' must be a decimal (a finite number); got '45'");
    CHECK(check("applicant.credit", std::string("gud")) ==
          "fact 'applicant.credit' must be one of: good, normal, dishonest; got 'gud'");
    CHECK(check("shop.opened_on", std::string("2025-02-30")) ==
          "fact 'shop.opened_on' must be a date (YYYY-MM-DD); got '2025-02-30'");
    CHECK(check("shop.scope", std::string("a")) ==
          "fact 'shop.scope' must be a list of strings; got 'a'");
    CHECK(check("shop.name", true) == "fact 'shop.name' must be a string (UTF-8 text); got true");
  }

  TEST_CASE("NaN and infinities are no decimal") {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    CHECK(check("premises.area_m2", nan) ==
          "fact 'premises.area_m2' must be a decimal (a finite number); got NaN");
    CHECK(check("premises.area_m2", inf).ends_with("; got infinity"));
    CHECK(check("premises.area_m2", -inf).ends_with("; got -infinity"));
  }

  TEST_CASE("text that is no UTF-8 is refused and quoted as \\xNN") {
    CHECK(check("shop.name", std::string("go\xFFod")) ==
          "fact 'shop.name' must be a string (UTF-8 text); got 'go\\xFFod'");
    CHECK(check("applicant.credit", std::string("\xED\xB3\xBF"))
              .ends_with("; got '\\xED\\xB3\\xBF'"));
    CHECK(check("shop.scope", std::vector<std::string>{"a", "\xFF"}) ==
          "fact 'shop.scope' must be a list of strings; got a list with '\\xFF' at [1]");
  }

  TEST_CASE("the binder says the same as check_fact_value") {
    CHECK(bound_message("premises.area_m2", "big") ==
          "fact 'premises.area_m2' must be a decimal (a finite number); got 'big'");
    CHECK(bound_message("applicant.credit", "gud") ==
          check("applicant.credit", std::string("gud")));
    CHECK(bound_message("shop.staff", "3.5") == check("shop.staff", 3.5, "3.5"));
    // YAML has no NaN or infinity for a fact, and nothing past 64 bits.
    CHECK(bound_message("premises.area_m2", ".nan").ends_with("; got '.nan'"));
    CHECK(bound_message("premises.area_m2", "1e400").ends_with("; got '1e400'"));
    CHECK(bound_message("shop.staff", "99999999999999999999")
              .ends_with("; got '99999999999999999999'"));
    CHECK(bound_message("shop.colour", "red") == "item T-EV-0001 declares no fact 'shop.colour'");
  }

  TEST_CASE("JSON numbers past a double or 64 bits are SP604 too, not SP608") {
    const ApplicationResult r = parse_application_json(
        R"({"application": {"item": "T-EV-0001", "submitted_on": "2025-09-26",
  "facts": {"premises.area_m2": 1e400, "shop.staff": 99999999999999999999}}})",
        "app.json");
    REQUIRE_MESSAGE(r.application.has_value(), dump(r.diagnostics));
    const BindResult b = bind_application(basic(), *r.application);
    CHECK_DIAG(b.diagnostics, "SP604", 2, 13);
    CHECK_DIAG(b.diagnostics, "SP604", 2, 40);
    REQUIRE(b.diagnostics.size() == 2);
    CHECK(b.diagnostics[0].message ==
          "fact 'premises.area_m2' must be a decimal (a finite number); got '1e400'");
    // A malformed number stays a syntax error.
    const ApplicationResult bad = parse_application_json(
        R"({"application": {"item": "T-EV-0001", "submitted_on": "2025-09-26",
  "facts": {"premises.area_m2": 1.e5}}})",
        "app.json");
    REQUIRE(bad.diagnostics.size() == 1);
    CHECK(bad.diagnostics[0].code == "SP608");
  }

  TEST_CASE("set_fact stores a checked value or returns the diagnostic") {
    Application app;
    app.item = "T-EV-0001";
    app.submitted_on = date("2025-09-26");
    CHECK_FALSE(set_fact(app, basic(), licence(), "premises.area_m2", 45.5, {"form", 3, 0}));
    CHECK_FALSE(set_fact(app, basic(), licence(), "applicant.credit", std::string("normal")));
    // A setter: the second value of a path replaces the first.
    CHECK_FALSE(set_fact(app, basic(), licence(), "applicant.credit", std::string("good")));
    REQUIRE(app.facts.size() == 2);
    CHECK(app.facts[0].location == SourceLocation{"form", 3, 0});
    CHECK(std::get<std::string>(app.facts[1].value) == "good");

    const auto unknown = set_fact(app, basic(), licence(), "shop.colour", std::string("red"));
    REQUIRE(unknown);
    CHECK(unknown->code == "SP603");
    CHECK(unknown->message == "item T-EV-0001 declares no fact 'shop.colour'");
    const auto wrong = set_fact(app, basic(), licence(), "shop.staff", std::string("three"));
    REQUIRE(wrong);
    CHECK(wrong->code == "SP604");
    CHECK(app.facts.size() == 2);  // unchanged by a refused value

    const BindResult b = bind_application(basic(), app);
    CHECK_MESSAGE(b.application != nullptr, dump(b.diagnostics));
  }

  TEST_CASE("fact_type_error: the sentence for a value with no FactValue") {
    const Diagnostic d = fact_type_error(fact("shop.scope"), "dict ({'a': 1})", {"field", 0, 0});
    CHECK(d.code == "SP604");
    CHECK(d.severity == Severity::error);
    CHECK(d.message == "fact 'shop.scope' must be a list of strings; got dict ({'a': 1})");
  }
}

}  // namespace
}  // namespace shenpi
