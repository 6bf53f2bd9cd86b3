// SP201–SP205 through the loader: a column inside an expression lands on
// the offending character of the YAML file, whether the expression is a
// plain scalar, a quoted scalar or a `|` block scalar.
#include "diag_helpers.hpp"

using namespace shenpi;
using namespace shenpi::test;

namespace {

/// An item whose single condition's `when:` is `when_value` (line 11).
std::string condition(std::string_view when_value) {
  return item_with("conditions:\n  - id: c\n    when: " + std::string(when_value) +
                   "\n    text: 条件\n    basis: law\n");
}

}  // namespace

TEST_CASE("SP202 in a plain scalar points at the fact") {
  // `    when: applicant.credt == "good"`: the path starts at column 11.
  const auto d = item_diagnostics(condition("applicant.credt == \"good\""));
  CHECK_DIAG(d, "SP202", 11, 11);
  REQUIRE(d.size() == 1);
  CHECK(d[0].message.find("applicant.credt") != std::string::npos);
}

TEST_CASE("SP204 in a double-quoted scalar skips the quote") {
  // `    when: 'applicant.credit == "dishonset"'`: the quote is column 11,
  // the expression starts at 12 and its string literal at 32.
  CHECK_DIAG(item_diagnostics(condition("'applicant.credit == \"dishonset\"'")), "SP204", 11, 32);
  // Double quotes with escaped inner quotes: the literal's `\"` starts at 32.
  const auto d = item_diagnostics(condition("\"applicant.credit == \\\"dishonset\\\"\""));
  CHECK_DIAG(d, "SP204", 11, 32);
  // A mistake before any escape is exact: `applicant.credt` at 12.
  CHECK_DIAG(item_diagnostics(condition("\"applicant.credt == \\\"good\\\"\"")), "SP202", 11, 12);
}

TEST_CASE("SP203 on the second line of a | block scalar") {
  const std::string item = item_with(
      "conditions:\n"
      "  - id: c\n"
      "    text: 条件\n"
      "    basis: law\n"
      "    when: |\n"
      "      applicant.uses_agent\n"
      "        and premises.area_m2 == \"big\"\n");
  // Line 15 is `        and premises.area_m2 == "big"`: the block's
  // indentation is 6, the line's own extra indentation 2, and the `==`
  // that cannot compare a decimal with a string is at column 30.
  const auto d = item_diagnostics(item);
  CHECK_DIAG(d, "SP203", 15, 30);
  CHECK(d.size() == 1);
}

TEST_CASE("SP202 on the second line of a | block scalar, exact column") {
  const std::string item = item_with(
      "conditions:\n"
      "  - id: c\n"
      "    text: 条件\n"
      "    basis: law\n"
      "    when: |\n"
      "      applicant.uses_agent\n"
      "      or premises.aera_m2 > 10\n");
  CHECK_DIAG(item_diagnostics(item), "SP202", 15, 10);
}

TEST_CASE("SP201: a syntax error in a folded block scalar and after CJK text") {
  const std::string folded = item_with(
      "conditions:\n"
      "  - id: c\n"
      "    text: 条件\n"
      "    basis: law\n"
      "    when: >\n"
      "      applicant.uses_agent and\n"
      "      )\n");
  const auto d = item_diagnostics(folded);
  CHECK(count_code(d, "SP201") == 1);
  // Columns count bytes, as yaml-cpp's marks do, so CJK before the
  // expression shifts it by three per character: the quote is at 46, the
  // text 'true and' at 47..54, and the missing operand at its end, 55.
  CHECK_DIAG(item_diagnostics(item_with(
                 "conditions:\n  - { id: c, text: 条件, basis: law, when: 'true and' }\n")),
             "SP201", 10, 55);
}

TEST_CASE("SP201: an expression that does not parse") {
  const auto d = item_diagnostics(condition("applicant.uses_agent and"));
  REQUIRE(count_code(d, "SP201") == 1);
  CHECK(d[0].location.line == 11);
  CHECK(d[0].location.column >= 11);
  // `=` instead of `==`: the column is the `=`.
  CHECK_DIAG(item_diagnostics(condition("applicant.kind = \"person\"")), "SP201", 11, 26);
}

TEST_CASE("SP203: a non-bool expression where a condition is needed") {
  CHECK_DIAG(item_diagnostics(condition("premises.area_m2 + 1")), "SP203", 11, 11);
  // An operator applied to the wrong types: the operator.
  CHECK_DIAG(item_diagnostics(condition("premises.area_m2 >= \"ten\"")), "SP203", 11, 28);
}

TEST_CASE("SP205: unknown function and submitted() of an unknown material") {
  CHECK_DIAG(item_diagnostics(condition("sumbitted(\"plan\")")), "SP205", 11, 11);
  const auto d = item_diagnostics(
      item_with("materials:\n"
                "  - { id: plan, name: 平面图, basis: law }\n"
                "  - { id: form, name: 申请书, basis: law, required: submitted(\"plna\") }\n"));
  REQUIRE(count_code(d, "SP205") == 1);
  CHECK(std::find_if(d.begin(), d.end(), [](const Diagnostic& x) {
          return x.code == "SP205" && x.location.line == 11 && x.location.column >= 46;
        }) != d.end());
}

TEST_CASE("expressions in required:, step when: and tolerance.when are located too") {
  const auto d = item_diagnostics(item_with(
      "materials:\n"
      "  - { id: a, name: 委托书, basis: law, required: applicant.agent, tolerable: true }\n"
      "steps:\n"
      "  - { id: s, name: 核查, takes: 1 day, when: premises.size > 1 }\n"
      "tolerance:\n"
      "  when: applicant.credit == \"gud\"\n"
      "  supply_within: 5 working days\n"));
  // Three-byte CJK names before the values: 委托书 is 9 bytes, 核查 6.
  CHECK_DIAG(d, "SP202", 10, 53);
  CHECK_DIAG(d, "SP202", 12, 48);
  CHECK_DIAG(d, "SP204", 14, 29);
  CHECK(d.size() == 3);
}

TEST_CASE("item-local facts are visible to the item's expressions only") {
  TempBook book;
  book.item(
      item_with("facts:\n  sells.bulk_food: { type: bool, label: 散装食品 }\n"
                "conditions:\n  - { id: c, text: 条件, when: sells.bulk_food, basis: law }\n"),
      "a.yaml");
  book.item(
      "item:\n  code: T-0002\n  name: 另一事项\n  kind: other\n  authority: 局\n"
      "  basis: [{ id: law, title: 《法》 }]\ntime_limit: { statutory: 1 day }\n"
      "conditions:\n  - { id: c, text: 条件, when: sells.bulk_food, basis: law }\n",
      "b.yaml");
  const auto d = book.diagnostics();
  CHECK(count_code(d, "SP202") == 1);
  CHECK(d.front().location.file == book.path("items/b.yaml"));
  CHECK_DIAG(d, "SP202", 9, 34);
}

TEST_CASE("a | block scalar that starts with a blank line keeps its line numbers") {
  const std::string item = item_with(
      "conditions:\n"
      "  - id: c\n"
      "    text: 条件\n"
      "    basis: law\n"
      "    when: |\n"
      "\n"
      "      applicant.uses_agent\n"
      "      or premises.aera_m2 > 10\n");
  // Line 14 is blank but part of the text; the unknown fact is on line 16.
  CHECK_DIAG(item_diagnostics(item), "SP202", 16, 10);
}

TEST_CASE("an empty | block scalar is reported at its indicator, not past the file") {
  const auto d = item_diagnostics(
      item_with("conditions:\n  - id: c\n    text: 条件\n    basis: law\n    when: |\n\n\n"));
  // `    when: |` is line 13; the `|` is column 11.
  CHECK_DIAG(d, "SP201", 13, 11);
}
