// Divisors (SP315 constant zero, SP316 unguarded) and runtime errors
// reported to the caller (division by zero, overflow: SP613 upstream).
#include "expr/expr_test_util.hpp"

namespace shenpi::detail::expr_testing {
namespace {

bool has(const CompileResult& r, std::string_view code) {
  for (const auto& d : r.diagnostics) {
    if (d.code == code) return true;
  }
  return false;
}

RunError run_error(App& app, std::string_view text) {
  CompileResult r = app.env.compile(text);
  REQUIRE(r.program != nullptr);
  RunError error = RunError::none;
  EvalContext context = app.context();
  context.error = &error;
  run(*r.program, context);
  return error;
}

TEST_CASE("expr: a constant zero divisor is SP315, an error") {
  ExprEnv env;
  const CompileResult r = env.compile("staff.count / 0 > 1");
  CHECK(has(r, "SP315"));
  CHECK(r.program == nullptr);
  CHECK_EXPR_DIAG(r, "SP315", kLine, kColumn + 14);
  CHECK(has(env.compile("premises.area_m2 / -0.0 > 1"), "SP315"));
  CHECK_FALSE(has(env.compile("staff.count / 4 > 1"), "SP315"));
}

TEST_CASE("expr: an unguarded divisor is SP316, a warning") {
  ExprEnv env;
  const CompileResult r = env.compile("10 / staff.count > 1");
  CHECK(has(r, "SP316"));
  CHECK(r.program != nullptr);  // a warning: the expression still compiles
  CHECK_EXPR_DIAG(r, "SP316", kLine, kColumn + 5);
  // `>= 0` lets zero through; `or` guards nothing; a compound divisor is no fact.
  CHECK(has(env.compile("staff.count >= 0 and 10 / staff.count > 1"), "SP316"));
  CHECK(has(env.compile("staff.count > 0 or 10 / staff.count > 1"), "SP316"));
  CHECK(has(env.compile("staff.count > 0 and 10 / (staff.count + 1) > 1"), "SP316"));
  CHECK(has(env.compile("10 / staff.count > 1 and staff.count > 0"), "SP316"));  // too late
}

TEST_CASE("expr: a guard in an earlier operand of `and` silences SP316") {
  ExprEnv env;
  for (const char* text : {
           "staff.count > 0 and 10 / staff.count > 1",
           "staff.count != 0 and 10 / staff.count > 1",
           "0 < staff.count and 10 / staff.count > 1",
           "0 != staff.count and (10 / staff.count > 1 or sells.bulk_food)",
           "staff.count >= 1 and 10 / staff.count > 1",
           "staff.count < 0 and 10 / staff.count < -1",
           "(sells.bulk_food and premises.area_m2 > 0) and 10 / premises.area_m2 > 1",
       }) {
    INFO(text);
    const CompileResult r = env.compile(text);
    CHECK(r.diagnostics.empty());
    CHECK(r.program != nullptr);
  }
}

TEST_CASE("expr: runtime errors are reported to the caller, unknown facts are not") {
  ExprEnv env;
  App app(env);
  app.set("staff.count", Value::integer(0)).set("premises.area_m2", Value::decimal(0));
  CHECK(run_error(app, "10 / staff.count > 1") == RunError::division_by_zero);
  CHECK(run_error(app, "staff.count + 9223372036854775807 + 1 > 0") == RunError::overflow);
  app.set("staff.count", Value::integer(3));
  CHECK(run_error(app, "staff.count * 9223372036854775807 > 0") == RunError::overflow);
  app.set("premises.area_m2", Value::decimal(1e308));
  CHECK(run_error(app, "premises.area_m2 * 10 > 0") == RunError::overflow);
  CHECK(run_error(app, "10 / staff.count > 1") == RunError::none);
  App unknown(env);
  CHECK(run_error(unknown, "10 / staff.count > 1") == RunError::none);
}

}  // namespace
}  // namespace shenpi::detail::expr_testing
