// Expressions: running compiled programs — every operator, functions,
// Kleene logic over unknown facts, promotion and division by zero.
#include <string>

#include "expr_test_util.hpp"

namespace shenpi::detail::expr_testing {
namespace {

TEST_CASE("expr: comparison operators on every type") {
  ExprEnv env;
  App app(env);
  app.set("staff.count", Value::integer(12))
      .set("premises.area_m2", Value::decimal(45.5))
      .set("sells.bulk_food", Value::boolean(true))
      .text("applicant.name", "张三")
      .text("applicant.credit", "good")
      .text("guarantor.credit", "normal")
      .date("applicant.birth_date", "1990-05-20");
  CHECK(eval(app, "staff.count == 12") == "true");
  CHECK(eval(app, "staff.count != 12") == "false");
  CHECK(eval(app, "staff.count < 13") == "true");
  CHECK(eval(app, "staff.count <= 12") == "true");
  CHECK(eval(app, "staff.count > 12") == "false");
  CHECK(eval(app, "staff.count >= 13") == "false");
  CHECK(eval(app, "13 > staff.count") == "true");  // constant on the left
  CHECK(eval(app, "12 >= staff.count") == "true");
  CHECK(eval(app, "premises.area_m2 >= 10") == "true");
  CHECK(eval(app, "premises.area_m2 < 45.5") == "false");
  CHECK(eval(app, "sells.bulk_food == true") == "true");
  CHECK(eval(app, "sells.bulk_food != sells.bulk_food") == "false");
  CHECK(eval(app, "applicant.name == \"张三\"") == "true");
  CHECK(eval(app, "applicant.name != \"李四\"") == "true");
  CHECK(eval(app, "applicant.credit == \"good\"") == "true");
  CHECK(eval(app, "\"dishonest\" != applicant.credit") == "true");
  CHECK(eval(app, "applicant.credit == guarantor.credit") == "false");
  CHECK(eval(app, "applicant.birth_date < 2000-01-01") == "true");
  CHECK(eval(app, "applicant.birth_date == 1990-05-20") == "true");
  CHECK(eval(app, "2000-01-01 <= applicant.birth_date") == "false");
}

TEST_CASE("expr: in and not in") {
  ExprEnv env;
  App app(env);
  app.text("applicant.kind", "enterprise")
      .text("applicant.name", "王五")
      .list("business.scope", {"catering", "retail", "未登记的"});
  CHECK(eval(app, "applicant.kind in [\"enterprise\", \"individual_business\"]") == "true");
  CHECK(eval(app, "applicant.kind not in [\"individual_business\"]") == "true");
  CHECK(eval(app, "\"catering\" in business.scope") == "true");
  CHECK(eval(app, "\"wholesale\" in business.scope") == "false");
  CHECK(eval(app, "\"wholesale\" not in business.scope") == "true");
  // Strings no rule mentions get negative ids; equal strings, equal ids.
  CHECK(eval(app, "applicant.name in business.scope") == "false");
  app.text("applicant.name", "未登记的");
  CHECK(eval(app, "applicant.name in business.scope") == "true");
  CHECK(eval(app, "applicant.name in [\"王五\", \"赵六\"]") == "false");
  CHECK(eval(app, "(applicant.name) in [\"未登记的\"]") == "true");
}

TEST_CASE("expr: arithmetic and int to decimal promotion") {
  ExprEnv env;
  App app(env);
  app.set("staff.count", Value::integer(7)).set("premises.area_m2", Value::decimal(2.5));
  CHECK(eval(app, "staff.count + 1", FactType::integer) == "8");
  CHECK(eval(app, "staff.count - 10", FactType::integer) == "-3");
  CHECK(eval(app, "staff.count * 3", FactType::integer) == "21");
  CHECK(eval(app, "staff.count / 2", FactType::decimal) == "3.5");  // `/` is never integer division
  CHECK(eval(app, "staff.count * premises.area_m2", FactType::decimal) == "17.5");
  CHECK(eval(app, "premises.area_m2 + 1", FactType::decimal) == "3.5");
  CHECK(eval(app, "-premises.area_m2", FactType::decimal) == "-2.5");
  CHECK(eval(app, "staff.count", FactType::decimal) == "7");
  CHECK(eval(app, "staff.count == 7.0") == "true");
  CHECK(eval(app, "premises.area_m2 * 2 == 5") == "true");
  CHECK(eval(app, "staff.count > premises.area_m2") == "true");
  // A binder may hand an integer to a decimal fact.
  app.set("premises.area_m2", Value::integer(10));
  CHECK(eval(app, "premises.area_m2 >= 10") == "true");
  CHECK(eval(app, "premises.area_m2 / 4", FactType::decimal) == "2.5");
}

TEST_CASE("expr: division by zero and overflow are unknown, never a crash") {
  ExprEnv env;
  App app(env);
  app.set("staff.count", Value::integer(0)).set("premises.area_m2", Value::decimal(0));
  CHECK(eval(app, "10 / staff.count > 1") == "unknown");
  CHECK(eval(app, "1.5 / premises.area_m2", FactType::decimal) == "unknown");
  CHECK(eval(app, "10 / staff.count > 1 or true") == "true");
  CHECK(eval(app, "9223372036854775807 + 1 > 0") == "unknown");
  CHECK(eval(app, "9223372036854775807 * 2 > 0") == "unknown");
  CHECK(eval(app, "-9223372036854775807 - 2 > 0") == "unknown");
  CHECK(eval(app, "-(-9223372036854775807 - 1) > 0") == "unknown");
}

TEST_CASE("expr: Kleene logic with unknown facts") {
  ExprEnv env;
  App app(env);  // every fact unknown
  CHECK(eval(app, "sells.bulk_food") == "unknown");
  CHECK(eval(app, "not sells.bulk_food") == "unknown");
  CHECK(eval(app, "false and sells.bulk_food") == "false");
  CHECK(eval(app, "sells.bulk_food and false") == "false");
  CHECK(eval(app, "true and sells.bulk_food") == "unknown");
  CHECK(eval(app, "true or sells.bulk_food") == "true");
  CHECK(eval(app, "sells.bulk_food or true") == "true");
  CHECK(eval(app, "false or sells.bulk_food") == "unknown");
  CHECK(eval(app, "staff.count > 3") == "unknown");
  CHECK(eval(app, "staff.count + 1 > 3") == "unknown");
  CHECK(eval(app, "applicant.credit == \"good\"") == "unknown");
  CHECK(eval(app, "applicant.kind in [\"enterprise\"]") == "unknown");
  CHECK(eval(app, "\"x\" in business.scope") == "unknown");
  CHECK(eval(app, "age(applicant.birth_date) >= 18") == "unknown");
  CHECK(eval(app, "len(business.scope) > 0") == "unknown");
  CHECK(eval(app, "staff.count > 3 or premises.area_m2 >= 10 or notice.sent") == "unknown");
  app.set("premises.area_m2", Value::decimal(12));
  CHECK(eval(app, "staff.count > 3 or premises.area_m2 >= 10 or notice.sent") == "true");
  CHECK(eval(app, "staff.count > 3 and premises.area_m2 < 10") == "false");
}

TEST_CASE("expr: a fact of the wrong kind or a missing slot reads as unknown") {
  ExprEnv env;
  App app(env);
  app.set("staff.count", Value::boolean(true));
  CHECK(eval(app, "staff.count > 1") == "unknown");
  const CompileResult r = env.compile("license.expires > 2025-01-01");
  REQUIRE(r.program != nullptr);
  const Value none = run(*r.program, EvalContext{});
  CHECK(none.kind == Value::Kind::unknown);
}

TEST_CASE("expr: functions") {
  ExprEnv env;
  App app(env);
  app.today("2025-09-26")
      .date("applicant.birth_date", "2007-09-27")
      .list("business.scope", {"catering", "retail"})
      .submit("layout-plan");
  CHECK(eval(app, "age(applicant.birth_date)", FactType::integer) == "17");
  CHECK(eval(app, "age(2007-09-26)", FactType::integer) == "18");
  CHECK(eval(app, "age(2000-02-29) == 25") == "true");
  CHECK(eval(app, "age(2026-01-01)", FactType::integer) == "-1");
  CHECK(eval(app, "len(business.scope)", FactType::integer) == "2");
  CHECK(eval(app, "submitted(\"layout-plan\")") == "true");
  CHECK(eval(app, "submitted(\"application-form\")") == "false");
  CHECK(eval(app, "not submitted(\"safety-rules\") and len(business.scope) >= 2") == "true");
}

TEST_CASE("expr: date arithmetic counts natural days") {
  ExprEnv env;
  App app(env);
  app.date("license.expires", "2025-12-31");
  CHECK(eval(app, "license.expires + 1", FactType::date) == "2026-01-01");
  CHECK(eval(app, "license.expires - 365", FactType::date) == "2024-12-31");
  CHECK(eval(app, "license.expires - 2025-01-01", FactType::integer) == "364");
  CHECK(eval(app, "license.expires + 9223372036854775807 > 2025-01-01") == "unknown");
}

TEST_CASE("expr: fact_slots lists each slot read, ascending") {
  ExprEnv env;
  const auto slot = [&](const char* path) { return detail::FactAccess::slot(*env.fact(path)); };
  const CompileResult r = env.compile(
      "applicant.credit != \"dishonest\" and premises.area_m2 >= staff.count and "
      "(applicant.credit == \"good\" or \"a\" in business.scope)");
  REQUIRE(r.program != nullptr);
  Expression e("...", {}, r.program);
  CHECK(e.fact_slots() == std::vector<std::int32_t>{slot("staff.count"), slot("premises.area_m2"),
                                                    slot("applicant.credit"),
                                                    slot("business.scope")});
  CHECK(Expression().fact_slots().empty());
  CHECK(program_fact_slots(*env.compile("submitted(\"layout-plan\") or 1 < 2").program).empty());
}

TEST_CASE("expr: strings are interned once, enum values included") {
  ExprEnv env;
  REQUIRE(env.compile("applicant.credit == \"good\"").program != nullptr);
  const std::int32_t good = env.strings.find("good");
  CHECK(good >= 0);
  CHECK(env.strings.find("normal") >= 0);  // values of enums the expression reads
  CHECK(env.strings.find("never-mentioned") == -1);
  CHECK(env.strings.intern("good") == good);
  CHECK(env.strings.text(good) == "good");
  // A failed compilation interns nothing.
  const std::size_t before = env.strings.size();
  CHECK(env.compile("applicant.name == \"x\" and nope").program == nullptr);
  CHECK(env.strings.size() == before);
}

TEST_CASE("expr: format_value and to_string") {
  StringTable strings;
  const std::int32_t ids[] = {strings.intern("a"), strings.intern("say \"hi\"")};
  CHECK(format_value(Value::unknown(), strings) == "unknown");
  CHECK(format_value(Value::boolean(false), strings) == "false");
  CHECK(format_value(Value::integer(-45), strings) == "-45");
  CHECK(format_value(Value::decimal(0.25), strings) == "0.25");
  CHECK(format_value(Value::string(ids[0]), strings) == "\"a\"");
  CHECK(format_value(Value::string(-3), strings) == "\"?\"");
  CHECK(format_value(Value::date_value(days("2025-09-26")), strings) == "2025-09-26");
  CHECK(format_value(Value::list_value(ids, 2), strings) == R"(["a","say \"hi\""])");
  CHECK(std::string(to_string(FactType::string_list)) == "list<string>");
  CHECK(std::string(to_string(FactType::enumeration)) == "enum");
  CHECK(std::string(to_string(FactType::boolean)) == "bool");
}

}  // namespace
}  // namespace shenpi::detail::expr_testing
