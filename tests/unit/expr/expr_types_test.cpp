// Expressions: the type checker (SP202–SP205) and mapping columns back to
// the rule file for quoted and block scalars.
#include <string>

#include "expr_test_util.hpp"

namespace shenpi::detail::expr_testing {
namespace {

std::string only_message(const CompileResult& r, const char* code) {
  INFO(describe(r.diagnostics));
  CHECK(r.program == nullptr);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].code == code);
  return r.diagnostics[0].message;
}

TEST_CASE("expr: SP202 unknown fact") {
  ExprEnv env;
  const CompileResult r = env.compile("applicant.credt == \"good\"");
  CHECK_EXPR_DIAG(r, "SP202", kLine, kColumn);
  CHECK(only_message(r, "SP202") == "unknown fact 'applicant.credt'");
  // Every unknown fact is reported, each at its own column.
  const CompileResult two = env.compile("a.b and staff.count > 1 and c.d");
  CHECK(two.diagnostics.size() == 2);
  CHECK_EXPR_DIAG(two, "SP202", kLine, kColumn + 0);
  CHECK_EXPR_DIAG(two, "SP202", kLine, kColumn + 28);
}

TEST_CASE("expr: SP204 names the allowed enum values") {
  ExprEnv env;
  const CompileResult r = env.compile("applicant.credit != \"dishonset\"");
  CHECK_EXPR_DIAG(r, "SP204", kLine, kColumn + 20);
  CHECK(only_message(r, "SP204") ==
        "\"dishonset\" is not a value of applicant.credit (enum: good, normal, dishonest)");
  CHECK_EXPR_DIAG(env.compile("\"gud\" == applicant.credit"), "SP204", kLine, kColumn);
  const CompileResult list = env.compile("applicant.kind in [\"enterprise\", \"persn\", \"x\"]");
  CHECK(list.diagnostics.size() == 2);
  CHECK_EXPR_DIAG(list, "SP204", kLine, kColumn + 33);
  CHECK_EXPR_DIAG(list, "SP204", kLine, kColumn + 42);
  CHECK(env.compile("applicant.credit not in [\"good\", \"normal\"]").program != nullptr);
}

TEST_CASE("expr: enums compare with strings and with enums of the same values") {
  ExprEnv env;
  CHECK(env.compile("applicant.credit == guarantor.credit").program != nullptr);
  CHECK(env.compile("applicant.credit == applicant.credit").program != nullptr);
  CHECK(env.compile("applicant.credit == applicant.name").program != nullptr);
  const CompileResult r = env.compile("applicant.credit == applicant.kind");
  CHECK(only_message(r, "SP203") ==
        "cannot compare enum applicant.credit with enum applicant.kind: their values differ");
}

TEST_CASE("expr: SP203 type mismatches") {
  ExprEnv env;
  struct Case {
    const char* text;
    int column;
    const char* message;
  };
  const Case cases[] = {
      {"staff.count == \"3\"", 12, "cannot compare int with string using '=='"},
      {"applicant.name < \"b\"", 15, "'<' needs two numbers or two dates, not string and string"},
      {"applicant.birth_date > 3", 21, "'>' needs two numbers or two dates, not date and int"},
      {"staff.count and true", 0, "'and' needs bool operands, not int"},
      {"true or premises.area_m2", 8, "'or' needs bool operands, not decimal"},
      {"not staff.count", 4, "'not' needs a bool operand, not int"},
      {"-applicant.name == 1", 0, "'-' needs a number, not string"},
      {"applicant.name + 1 == 2", 15,
       "'+' needs numbers, or a date and a number of days, not string and int"},
      {"staff.count * true == 1", 12, "'*' needs numbers, not int and bool"},
      {"staff.count in [\"a\"]", 0, "'in' looks for a string or enum value, not int"},
      {"\"a\" in applicant.name", 7, "'in' needs a list on its right, not string"},
      {"[\"a\"] == applicant.name", 0, "a list literal is only allowed on the right of 'in'"},
      {"business.scope == business.scope", 15,
       "cannot compare list<string> with list<string> using '=='"},
      {"staff.count + 1", 0, "expected a bool expression, not int"},
      {"applicant.credit", 0, "expected a bool expression, not enum applicant.credit"},
      {"[\"a\"]", 0, "a list literal is only allowed on the right of 'in'"},
  };
  for (const Case& c : cases) {
    INFO("expression: ", c.text);
    const CompileResult r = env.compile(c.text);
    CHECK(only_message(r, "SP203") == c.message);
    CHECK_EXPR_DIAG(r, "SP203", kLine, kColumn + c.column);
  }
}

TEST_CASE("expr: the expected type decides what a whole expression may be") {
  ExprEnv env;
  CHECK(env.compile("staff.count + 1", FactType::integer).type == FactType::integer);
  CHECK(env.compile("staff.count + 1", FactType::decimal).program != nullptr);
  CHECK(env.compile("premises.area_m2", FactType::integer).program == nullptr);
  CHECK(env.compile("applicant.credit", FactType::enumeration).program != nullptr);
}

TEST_CASE("expr: SP205 unknown functions and wrong arguments") {
  ExprEnv env;
  struct Case {
    const char* text;
    int column;
    const char* message;
  };
  const Case cases[] = {
      {"sumbitted(\"layout-plan\")", 0,
       "unknown function 'sumbitted' (functions: submitted, age, len)"},
      {"submitted(\"floor-plan\")", 10, "submitted(): unknown material \"floor-plan\""},
      {"submitted(layout)", 10,
       "submitted() takes one material id in quotes, e.g. submitted(\"layout-plan\")"},
      {"submitted()", 0,
       "submitted() takes one material id in quotes, e.g. submitted(\"layout-plan\")"},
      {"age(staff.count) > 1", 4, "age() takes one date, e.g. age(applicant.birth_date); not int"},
      {"age() > 1", 0, "age() takes one date, e.g. age(applicant.birth_date); got 0 arguments"},
      {"len(applicant.name) > 1", 4,
       "len() takes one list<string> fact, e.g. len(business.scope); not string"},
      {"len(business.scope, business.scope) > 1", 0,
       "len() takes one list<string> fact, e.g. len(business.scope); got 2 arguments"},
  };
  for (const Case& c : cases) {
    INFO("expression: ", c.text);
    const CompileResult r = env.compile(c.text);
    CHECK(only_message(r, "SP205") == c.message);
    CHECK_EXPR_DIAG(r, "SP205", kLine, kColumn + c.column);
  }
}

TEST_CASE("expr: one mistake gives one diagnostic") {
  ExprEnv env;
  // The unknown fact is typed `error`, which silences the comparison and `and`.
  const CompileResult r = env.compile("(nope.fact + 1) * 2 > 3 and true");
  CHECK(only_message(r, "SP202") == "unknown fact 'nope.fact'");
}

TEST_CASE("expr: origin of a quoted scalar") {
  // when: "applicant.credit == \"gud\""  — the text starts after the quote,
  // at line 7 column 12; the loader has already removed the YAML escapes.
  ExprEnv env;
  TextOrigin origin = TextOrigin::single({kFile, 7, 12});
  const CompileResult r = env.compile_at("applicant.credit == \"gud\"", origin);
  CHECK_EXPR_DIAG(r, "SP204", 7, 12 + 20);
  CHECK(r.diagnostics.at(0).location.file == kFile);
}

TEST_CASE("expr: origin of a two-line block scalar") {
  // when: |
  //     premises.area_m2 >= 10
  //       and applicant.credt == "good"
  ExprEnv env;
  TextOrigin origin;
  origin.file = kFile;
  origin.lines = {{21, 5}, {22, 5}};
  const std::string text = "premises.area_m2 >= 10\n  and applicant.credt == \"good\"\n";
  const CompileResult r = env.compile_at(text, origin);
  CHECK_EXPR_DIAG(r, "SP202", 22, 5 + 6);
  const CompileResult syntax = env.compile_at("premises.area_m2 >= 10\n  and\n", origin);
  CHECK_EXPR_DIAG(syntax, "SP201", 22, 5 + 5);
}

TEST_CASE("expr: TextOrigin::at edge cases") {
  TextOrigin origin;
  CHECK(origin.at(3, "abc").line == 0);
  origin = TextOrigin::single({"f.yaml", 3, 9});
  CHECK(origin.at(0, "abc") == SourceLocation{"f.yaml", 3, 9});
  CHECK(origin.at(100, "abc") == SourceLocation{"f.yaml", 3, 12});
  // More lines than described: the last described line's indentation goes on.
  CHECK(origin.at(6, "ab\ncd\nef") == SourceLocation{"f.yaml", 5, 9});
}

}  // namespace
}  // namespace shenpi::detail::expr_testing
