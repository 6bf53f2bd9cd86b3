// Expressions YAML folded or unescaped on the way in (multi-line plain and
// quoted scalars, escapes): diagnostics still land on the right line and
// column of the file, and never on a line the file does not have.
#include "diag_helpers.hpp"

using namespace shenpi;
using namespace shenpi::test;

namespace {

/// An item with one condition whose `when:` (on line 13) is `when_value`.
std::string condition(std::string_view when_value) {
  return item_with("conditions:\n  - id: c\n    text: 条件\n    basis: law\n    when: " +
                   std::string(when_value) + "\n");
}

}  // namespace

TEST_CASE("a plain scalar folded over two lines") {
  // Line 14 is `      and premises.aera_m2 > 10`.
  CHECK_DIAG(item_diagnostics(condition("applicant.uses_agent\n      and premises.aera_m2 > 10")),
             "SP202", 14, 11);
  // Blank lines inside the scalar count as lines too.
  CHECK_DIAG(item_diagnostics(condition("applicant.uses_agent and\n\n      premises.size > 1")),
             "SP202", 15, 7);
}

TEST_CASE("a double-quoted scalar folded over two lines") {
  // Line 14 is `      and applicant.kind == \"persn\""`.
  CHECK_DIAG(item_diagnostics(
                 condition("\"applicant.uses_agent\n      and applicant.kind == \\\"persn\\\"\"")),
             "SP204", 14, 29);
}

TEST_CASE("escaped quotes do not shift the columns after them") {
  // `    when: "applicant.kind == \"person\" and applicant.knd == \"x\""`:
  // the second path starts at column 45 of the file, though at offset 32
  // of the unescaped text.
  CHECK_DIAG(
      item_diagnostics(condition(R"("applicant.kind == \"person\" and applicant.knd == \"x\"")")),
      "SP202", 13, 45);
  // `''` in a single-quoted scalar is one quote of the text.
  CHECK_DIAG(
      item_diagnostics(condition(R"('applicant.kind == "person" and ''x'' == applicant.kidn')")),
      "SP201", 13, 43);
}

TEST_CASE("newline escapes stay on the scalar's line") {
  // Eight `\n` escapes would have counted eight lines past line 13.
  const auto d =
      item_diagnostics(condition(R"x("applicant.uses_agent\n\n\n\n\n\n\n\n and \n )")x"));
  REQUIRE(count_code(d, "SP201") == 1);
  CHECK_DIAG(d, "SP201", 13, 56);  // the `)` where an operand belongs
}

TEST_CASE("a string literal folded over two lines keeps YAML's value") {
  const auto d = item_diagnostics(condition("applicant.kind == \"enter\n      prise\""));
  CHECK_DIAG(d, "SP204", 13, 29);
  REQUIRE(count_code(d, "SP204") == 1);
  CHECK(d.back().message.find("\"enter prise\"") != std::string::npos);
}

TEST_CASE("folded expressions that are correct still load and keep their text") {
  TempBook book;
  book.item(condition("applicant.uses_agent\n      and premises.area_m2 > 10"));
  const auto result = book.load();
  CHECK_CLEAN(result.diagnostics);
  REQUIRE(result.ok());
  CHECK(result.rulebook->items().front().conditions.front().when.text() ==
        "applicant.uses_agent and premises.area_m2 > 10");
}

TEST_CASE("a > folded block scalar maps each source line") {
  // Line 14 is the first line of the block, line 15 `      and premises.aera_m2 > 10`.
  const auto d =
      item_diagnostics(condition(">\n      applicant.uses_agent\n      and premises.aera_m2 > 10"));
  CHECK_DIAG(d, "SP202", 15, 11);
  CHECK(d.size() == 1);
  // A comment after the indicator changes nothing.
  CHECK_DIAG(item_diagnostics(condition(">-  # folded\n      applicant.uses_agnt\n      and true")),
             "SP202", 14, 7);
}
