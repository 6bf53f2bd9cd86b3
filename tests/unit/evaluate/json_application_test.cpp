// JSON applications through simdjson: the same codes and messages as the
// YAML reader, locations as line:column of the offending value.
#include "load/json_application.hpp"
#include <regex>
#include "evaluate/eval_test_util.hpp"

namespace shenpi {
namespace {

using namespace eval_test;

ApplicationResult json(std::string_view body) {
  return parse_application_json(
      std::string(R"({"application": {"item": "T-EV-0001", "submitted_on": "2025-09-26")") +
          std::string(body) + "}}",
      "app.json");
}

/// Codes and messages (not locations) of a YAML text and of a JSON text.
/// Code and message; "first on line N" differs only because the YAML
/// cases start on line 4 while the JSON text is one line.
std::vector<std::string> words(const std::vector<Diagnostic>& out) {
  static const std::regex kLine(R"(first on line \d+)");
  std::vector<std::string> w;
  for (const auto& d : out)
    w.push_back(d.code + " " + std::regex_replace(d.message, kLine, "first on line N"));
  return w;
}

std::vector<Diagnostic> all_problems(const ApplicationResult& r) {
  if (!r.application) return r.diagnostics;
  return bind_application(basic(), *r.application).diagnostics;
}

TEST_SUITE("evaluate.json_application") {
  TEST_CASE("a well-formed JSON application reads with its locations and value types") {
    const ApplicationResult r = parse_application_json(
        "{\"application\": {\"item\": \"T-EV-0001\",\n"
        "  \"submitted_on\": \"2025-09-26\",\n"
        "  \"facts\": {\"shop.staff\": 3, \"premises.area_m2\": 45.5, \"shop.has_manager\": true,\n"
        "            \"shop.opened_on\": \"2025-01-02\", \"shop.scope\": [\"a\", \"b\"],\n"
        "            \"shop.name\": null},\n"
        "  \"materials\": [\"form\"], \"commitments\": [\"tolerance-letter\"]}}",
        "ok.json");
    REQUIRE_MESSAGE(r.application.has_value(), dump(r.diagnostics));
    const Application& a = *r.application;
    CHECK(a.item == "T-EV-0001");
    CHECK(a.item_location == SourceLocation{"ok.json", 1, 26});
    CHECK(a.submitted_on == date("2025-09-26"));
    CHECK(a.date_location == SourceLocation{"ok.json", 2, 19});
    REQUIRE(a.facts.size() == 5);  // the null fact states nothing
    CHECK(std::get<std::int64_t>(a.facts[0].value) == 3);
    CHECK(a.facts[0].location == SourceLocation{"ok.json", 3, 13});
    CHECK(std::get<double>(a.facts[1].value) == 45.5);
    CHECK(std::get<bool>(a.facts[2].value));
    CHECK(std::get<std::string>(a.facts[3].value) == "2025-01-02");
    CHECK(std::get<std::vector<std::string>>(a.facts[4].value).size() == 2);
    REQUIRE(a.materials.size() == 1);
    CHECK(a.materials[0].location == SourceLocation{"ok.json", 6, 17});
    CHECK(a.commitments.at(0).id == "tolerance-letter");
    const BindResult b = bind_application(basic(), a);
    CHECK_MESSAGE(b.application != nullptr, dump(b.diagnostics));
  }

  TEST_CASE("columns count characters, not bytes") {
    const ApplicationResult r = parse_application_json(
        R"({"application": {"item": "T-EV-0001", "submitted_on": "2025-09-26", "facts": {"shop.name": "张三", "x": 1}}})",
        "a.json");
    REQUIRE(r.application);
    CHECK_DIAG(bind_application(basic(), *r.application).diagnostics, "SP603", 1, 98);
  }

  TEST_CASE("the same problems as YAML give the same codes and words") {
    const std::pair<std::string_view, std::string_view> cases[] = {
        {R"(, "materails": ["form"])", "  materails: [form]\n"},
        {R"(, "materials": "form")", "  materials: form\n"},
        {R"(, "materials": [{"id": "form"}])", "  materials: [{id: form}]\n"},
        {R"(, "commitments": [["x"]])", "  commitments: [[x]]\n"},
        {R"(, "facts": ["a", "b"])", "  facts: [a, b]\n"},
        {R"(, "facts": {"shop.staff": {"n": 3}})", "  facts: {shop.staff: {n: 3}}\n"},
        {R"(, "facts": {"shop.scope": ["a", ["b"]]})", "  facts: {shop.scope: [a, [b]]}\n"},
        {R"(, "facts": {"shop.staff": 1, "shop.staff": 2})",
         "  facts: {shop.staff: 1, shop.staff: 2}\n"},
        {R"(, "facts": {"shop.colour": "red", "shop.staff": "many"})",
         "  facts: {shop.colour: red, shop.staff: many}\n"},
        {R"(, "facts": {"applicant.uses_agent": "true", "shop.staff": 3.5})",
         "  facts: {applicant.uses_agent: \"true\", shop.staff: 3.5}\n"},
        {R"(, "materials": ["paint"], "commitments": ["wish"])",
         "  materials: [paint]\n  commitments: [wish]\n"},
        {R"(, "item": "T-EV-0001")", "  item: T-EV-0001\n"},
    };
    for (const auto& entry : cases) {  // no structured binding: clang 14 cannot capture one
      const auto& body = entry.first;
      const auto& yaml = entry.second;
      CAPTURE(body);
      const auto from_json = all_problems(json(body));
      const auto from_yaml = all_problems(parse_application(
          std::string("application:\n  item: T-EV-0001\n  submitted_on: 2025-09-26\n") +
              std::string(yaml),
          "app.yaml"));
      CHECK_FALSE(from_json.empty());
      CHECK(words(from_json) == words(from_yaml));
    }
  }

  TEST_CASE("locations point at the offending key or value") {
    CHECK_DIAG(json(R"(, "materails": [])").diagnostics, "SP601", 1, 69);
    CHECK_DIAG(json(R"(, "materials": [1, {}])").diagnostics, "SP601", 1, 86);
    CHECK_DIAG(parse_application_json(R"({"application": {"item": "T-EV-0001",
 "submitted_on": "2025-02-30"}})",
                                      "a.json")
                   .diagnostics,
               "SP607", 2, 18);
    CHECK_DIAG(
        parse_application_json(R"({"application": {"item": "T-EV-0001"}})", "a.json").diagnostics,
        "SP607", 1, 17);
    CHECK_DIAG(
        parse_application_json(R"({"application": {"submitted_on": "2025-09-26"}})", "a.json")
            .diagnostics,
        "SP601", 1, 17);
    CHECK_DIAG(parse_application_json(R"({"app": {}})", "a.json").diagnostics, "SP601", 1, 1);
    CHECK_DIAG(parse_application_json(R"([1])", "a.json").diagnostics, "SP601", 1, 1);
    CHECK_DIAG(parse_application_json(R"({"application": 3})", "a.json").diagnostics, "SP601", 1,
               17);
  }

  TEST_CASE("SP608: JSON that is not JSON is reported alone, with its place") {
    const char* broken[] = {
        R"({"application": {"item": "T-EV-0001", "submitted_on": "2025-09-26",)",
        R"({"application": {"item": "T-EV-0001", "submitted_on": "2025-09-26"}} x)",
        R"({"application": {"item": "T-EV-0001", "submitted_on": "2025-09-26"}}{})",
        R"({"application": {"item": "T-EV-0001", "submitted_on": "2025-09-26", "facts": {"a": tru}}})",
        R"({"application": {"item": "T-EV-0001", "submitted_on": "2025-09-26", "facts": {"a": 1.2.3}}})",
        R"({"application": {"item": "T-EV-0001", "submitted_on": "2025-09-26", "facts": {"a": "x}}})",
        R"({"application": {"item": "T-EV-0001", "materails": [], "facts": {"a": 1,}}})",
    };
    for (const char* text : broken) {
      CAPTURE(text);
      const ApplicationResult r = parse_application(text, "bad.json");
      CHECK_FALSE(r.application);
      REQUIRE(r.diagnostics.size() == 1);
      CHECK(r.diagnostics[0].code == "SP608");
      CHECK(r.diagnostics[0].message.starts_with("invalid JSON: "));
      CHECK(r.diagnostics[0].location.line == 1);
    }
    const auto trailing = parse_application_json(
        R"({"application": {"item": "T-EV-0001", "submitted_on": "2025-09-26"}}{})", "a.json");
    CHECK_DIAG(trailing.diagnostics, "SP608", 1, 69);
  }

  TEST_CASE("a YAML flow mapping still reads as YAML outside .json files") {
    const char* text = "{application: {item: T-EV-0001, submitted_on: 2025-09-26}}";
    CHECK(parse_application(text, "flow.yaml").application.has_value());
    CHECK_DIAG(parse_application(text, "flow.json").diagnostics, "SP608", 1, 2);
  }

  TEST_CASE("one reader parses many documents in a shared buffer, lines counted on") {
    detail::JsonApplicationReader reader;
    std::string buffer =
        R"({"application": {"item": "A", "submitted_on": "2025-09-26", "facts": {"x": 1}}})"
        "\n"
        R"({"application": {"item": "B", "submitted_on": "2025-09-27", "materials": ["m"]}})";
    const std::size_t cut = buffer.find('\n');
    buffer.append(detail::kJsonPadding, ' ');
    Application app;
    std::vector<Diagnostic> out;
    REQUIRE(reader.read(std::string_view(buffer).substr(0, cut), buffer.size(), "in", 7, app, out));
    CHECK(app.item == "A");
    CHECK(app.facts.size() == 1);
    CHECK(app.item_location.line == 7);
    const std::string_view second =
        std::string_view(buffer).substr(cut + 1, buffer.size() - cut - 1 - detail::kJsonPadding);
    REQUIRE(reader.read(second, buffer.size() - cut - 1, "in", 8, app, out));
    CHECK(app.item == "B");
    CHECK(app.facts.empty());  // cleared from the first read
    CHECK(app.materials.size() == 1);
    CHECK(app.item_location == SourceLocation{"in", 8, 26});
    CHECK(out.empty());
  }
}

}  // namespace
}  // namespace shenpi
