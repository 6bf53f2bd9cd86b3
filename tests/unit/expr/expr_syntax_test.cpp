// Expressions: literals, precedence, keywords and syntax errors (SP201).
#include <string>

#include "expr_test_util.hpp"

namespace shenpi::detail::expr_testing {
namespace {

std::string message_of(const CompileResult& r) {
  return r.diagnostics.empty() ? std::string() : r.diagnostics.front().message;
}

TEST_CASE("expr: literals of every kind") {
  ExprEnv env;
  App app(env);
  CHECK(eval(app, "true") == "true");
  CHECK(eval(app, "false") == "false");
  CHECK(eval(app, "42", FactType::integer) == "42");
  CHECK(eval(app, "0042", FactType::integer) == "42");
  CHECK(eval(app, "4.5", FactType::decimal) == "4.5");
  CHECK(eval(app, "\"食品\"", FactType::string) == "\"食品\"");
  CHECK(eval(app, R"("say \"hi\" \\ bye")", FactType::string) == R"("say \"hi\" \\ bye")");
  CHECK(eval(app, "2025-09-26", FactType::date) == "2025-09-26");
  CHECK(eval(app, "2024-02-29 == 2024-02-29") == "true");
  CHECK(eval(app, "\"a\" in [\"a\", \"b\"]") == "true");
  CHECK(eval(app, "\"c\" in []") == "false");
  CHECK(eval(app, "9223372036854775807 > 0") == "true");
}

TEST_CASE("expr: precedence and associativity") {
  ExprEnv env;
  App app(env);
  CHECK(eval(app, "1 + 2 * 3 == 7") == "true");
  CHECK(eval(app, "(1 + 2) * 3 == 9") == "true");
  CHECK(eval(app, "10 - 2 - 3 == 5") == "true");
  CHECK(eval(app, "12 / 2 / 3 == 2") == "true");
  CHECK(eval(app, "-2 * 3 == -6") == "true");
  CHECK(eval(app, "- - 2 == 2") == "true");
  CHECK(eval(app, "2 - -2 == 4") == "true");
  // `and` binds tighter than `or`; `not` is looser than comparisons.
  CHECK(eval(app, "true or false and false") == "true");
  CHECK(eval(app, "(true or false) and false") == "false");
  CHECK(eval(app, "not true or true") == "true");
  CHECK(eval(app, "not (true or true)") == "false");
  CHECK(eval(app, "not 1 == 2") == "true");
  CHECK(eval(app, "!false && !(1 > 2)") == "true");
  CHECK(eval(app, "false || true && true") == "true");
  CHECK(eval(app, "not not true") == "true");
  CHECK(eval(app, "1 + 1 == 2 and 2 * 2 == 4 or false") == "true");
}

TEST_CASE("expr: keywords never match the start of an identifier") {
  ExprEnv env;
  App app(env);
  app.set("order.total", Value::integer(3))
      .set("notice.sent", Value::boolean(false))
      .set("index.value", Value::integer(7))
      .set("android", Value::boolean(true));
  CHECK(eval(app, "order.total == 3") == "true");
  CHECK(eval(app, "not notice.sent") == "true");
  CHECK(eval(app, "index.value > 5 and android") == "true");
  CHECK(eval(app, "android or notice.sent") == "true");
  CHECK(eval(app, "notice.sent==false&&android") == "true");
}

TEST_CASE("expr: whitespace, including newlines of block scalars") {
  ExprEnv env;
  App app(env);
  CHECK(eval(app, "  1\n  ==\t1\n") == "true");
  CHECK(eval(app, "(1==1)and(2==2)") == "true");
}

TEST_CASE("expr: SP201 messages and columns") {
  ExprEnv env;
  struct Case {
    const char* text;
    int column;  // 0-based offset inside the expression
    const char* message;
  };
  const Case cases[] = {
      {"applicant.credit == \"good\" and", 30, "expected an operand after 'and'"},
      {"(staff.count > 1", 16, "expected ')' after '1'"},
      {"staff.count > 1)", 15, "unexpected ')'"},
      {"staff.count = 1", 12, "unexpected '='; use '==' to compare"},
      {"1 < 2 < 3", 6, "comparisons cannot be chained; join them with 'and'"},
      {"\"unterminated", 13, "unterminated string: missing closing '\"'"},
      {"\"bad \\q escape\"", 6, "unknown escape '\\q' in a string; only \\\" and \\\\ are allowed"},
      {"applicant.kind in [1]", 19, "expected a string or ']' after '['"},
      {"applicant.kind in [\"a\",]", 23, "expected a string after ','"},
      {"", 0, "empty expression"},
      {"   ", 0, "empty expression"},
      {"sells.bulk_food android", 16, "unexpected 'android'"},
      {"staff.count > 1 & true", 16, "unexpected '&'; use 'and' or '&&'"},
      {"()", 1, "empty parentheses"},
      {"2025-02-30 == 2025-03-01", 0, "2025-02-30 is not a valid date"},
      {"99999999999999999999 > 1", 0, "number 99999999999999999999 is out of range"},
      {"age(applicant.birth_date,) > 1", 25, "expected an operand after ','"},
      {"not", 3, "expected an operand after 'not'"},
      {"1 +", 3, "expected an operand after '+'"},
      {"x.", 1, "unexpected '.'"},
      {"申请人 == \"a\"", 0, "unexpected '申'"},
  };
  for (const Case& c : cases) {
    INFO("expression: ", c.text);
    const CompileResult r = env.compile(c.text);
    CHECK(r.program == nullptr);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].code == "SP201");
    CHECK(r.diagnostics[0].location.file == kFile);
    CHECK(r.diagnostics[0].location.line == kLine);
    CHECK(r.diagnostics[0].location.column == kColumn + c.column);
    CHECK(r.diagnostics[0].message == c.message);
  }
}

TEST_CASE("expr: bytes that are not UTF-8 are escaped in messages") {
  ExprEnv env;
  const CompileResult r = env.compile("\xff\xfe");
  CHECK(message_of(r) == "unexpected '\\xFF'");
  // The JSON writer rejects invalid UTF-8; our messages must never contain it.
  CHECK_NOTHROW(diagnostics_to_json(r.diagnostics));
  const CompileResult s = env.compile("applicant.credit == \"\xc3\x28\"");
  REQUIRE(s.diagnostics.size() == 1);
  CHECK(s.diagnostics[0].message.find("\"\\xC3(\"") != std::string::npos);
  CHECK_NOTHROW(diagnostics_to_json(s.diagnostics));
}

TEST_CASE("expr: input size and nesting are capped") {
  ExprEnv env;
  const std::string long_text = "staff.count == 1" + std::string(70 * 1024, ' ');
  const CompileResult too_long = env.compile(long_text);
  CHECK_EXPR_DIAG(too_long, "SP201", kLine, kColumn);
  CHECK(message_of(too_long).find("expression too long") == 0);

  std::string deep;
  for (int i = 0; i < 1000; ++i) deep += '(';
  const CompileResult too_deep = env.compile(deep + "true" + std::string(1000, ')'));
  REQUIRE(too_deep.diagnostics.size() == 1);
  CHECK(too_deep.diagnostics[0].code == "SP201");
  CHECK(message_of(too_deep) == "expression nested too deeply (more than 32 levels)");
  CHECK(env.compile(std::string(5000, '!') + "true").diagnostics.at(0).code == "SP201");
  CHECK(env.compile(std::string(5000, '-') + "1 == 1").diagnostics.at(0).code == "SP201");

  // 32 levels are fine, the 33rd is not.
  std::string fine;
  for (int i = 0; i < 16; ++i) fine += "not (";
  App app(env);
  CHECK(eval(app, fine + "true" + std::string(16, ')')) == "true");
  const CompileResult one_more = env.compile(fine + "(true" + std::string(17, ')'));
  CHECK_EXPR_DIAG(one_more, "SP201", kLine, kColumn + 16 * 5 + 1);
}

TEST_CASE("expr: long flat chains do not recurse") {
  ExprEnv env;
  App app(env);
  std::string sum = "0";
  for (int i = 0; i < 20000; ++i) sum += "+1";
  CHECK(eval(app, sum + " == 20000") == "true");
  std::string all = "true";
  for (int i = 0; i < 5000; ++i) all += " and true";
  CHECK(eval(app, all) == "true");
}

}  // namespace
}  // namespace shenpi::detail::expr_testing
