// Predicate code (expr/predicate.hpp): which expressions are lowered, and
// that the lowered code gives run()'s value for every mix of known,
// unknown and wrongly kinded facts.
#include <optional>
#include <random>
#include <string>

#include "expr/predicate.hpp"
#include "expr_test_util.hpp"

namespace shenpi::detail::expr_testing {
namespace {

struct Lowered {
  std::shared_ptr<const Program> program;
  std::vector<PredicateNode> nodes;
  std::vector<std::int32_t> pool;
  bool ok = false;
};

Lowered lower(ExprEnv& env, std::string_view text) {
  Lowered l;
  const CompileResult r = env.compile(text);
  INFO("expression: ", text, "\n", describe(r.diagnostics));
  REQUIRE(r.program != nullptr);
  l.program = r.program;
  l.ok = lower_predicate(*r.program, l.nodes, l.pool);
  return l;
}

/// Whether `nodes` are leaves under one `and` (true) or `or` (false), the
/// shape run_flat takes (TestPlan::Kind all_of / any_of).
std::optional<bool> flat_join(const std::vector<PredicateNode>& nodes) {
  if (nodes.size() < 2) return std::nullopt;
  const auto logic = [](const PredicateNode& n) {
    return n.op == PredicateOp::logical_and || n.op == PredicateOp::logical_or ||
           n.op == PredicateOp::logical_not;
  };
  const PredicateNode& last = nodes.back();
  if (last.op == PredicateOp::logical_not || !logic(last) ||
      static_cast<std::size_t>(last.a) != nodes.size() - 1) {
    return std::nullopt;
  }
  for (std::size_t i = 0; i + 1 < nodes.size(); ++i) {
    if (logic(nodes[i])) return std::nullopt;
  }
  return last.op == PredicateOp::logical_and;
}

/// run()'s value as predicate code would give it.
std::uint8_t reference(const Program& program, const EvalContext& context) {
  const Value v = run(program, context);
  if (v.kind != Value::Kind::boolean) return kUnknown;
  return v.b ? kTrue : kFalse;
}

/// A random application over ExprEnv's facts: each fact unknown, a value
/// from a small set (so comparisons hit equal, less and greater), or a
/// value of another kind (which both paths must read as unknown).
App random_app(ExprEnv& env, std::mt19937& random) {
  App app(env);
  const auto roll = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
  const auto maybe = [&] { return roll(4) != 0; };
  if (maybe()) app.set("sells.bulk_food", Value::boolean(roll(2) == 0));
  if (maybe()) app.set("notice.sent", Value::boolean(roll(2) == 0));
  if (maybe()) app.set("staff.count", Value::integer(roll(3) * 5));  // 0, 5, 10
  if (maybe()) {
    app.set("premises.area_m2",
            roll(3) == 0 ? Value::integer(roll(3) * 10) : Value::decimal(roll(5) * 5.0));
  }
  if (maybe()) app.text("applicant.credit", roll(2) == 0 ? "good" : roll(2) ? "normal" : "新的");
  if (maybe()) app.text("applicant.kind", roll(2) == 0 ? "enterprise" : "individual_business");
  if (maybe()) app.date("applicant.birth_date", roll(2) == 0 ? "1990-05-20" : "2001-01-01");
  if (maybe()) {
    std::vector<std::string> scope;
    if (roll(2) == 0) scope.emplace_back("catering");
    if (roll(2) == 0) scope.emplace_back("retail");
    if (roll(2) == 0) scope.emplace_back("未登记的");
    app.list("business.scope", scope);
  }
  if (roll(5) == 0) app.set("staff.count", Value::decimal(5.0));  // a wrong kind
  if (roll(2) == 0) app.submit("layout-plan");
  return app;
}

TEST_CASE("predicate: gives run()'s value on every shape it lowers") {
  ExprEnv env;
  const char* const texts[] = {
      "sells.bulk_food",
      "not sells.bulk_food",
      "staff.count >= 5",
      "staff.count != 5",
      "10 > staff.count",
      "premises.area_m2 >= 10",
      "premises.area_m2 < 10.0",
      "premises.area_m2 == 10",
      "applicant.credit == \"good\"",
      "applicant.credit != \"dishonest\"",
      "applicant.kind in [\"enterprise\"]",
      "applicant.credit not in [\"good\", \"normal\"]",
      "\"catering\" in business.scope",
      "\"retail\" not in business.scope",
      "applicant.birth_date < 2000-01-01",
      "applicant.birth_date >= 1990-05-20",
      "submitted(\"layout-plan\")",
      "not submitted(\"safety-rules\")",
      "true",
      "staff.count >= 5 and staff.count <= 10",
      "not sells.bulk_food or notice.sent",
      "\"catering\" in business.scope or \"retail\" in business.scope",
      "applicant.credit == \"good\" and not notice.sent",
      "(sells.bulk_food or staff.count > 0) and not (applicant.kind in [\"enterprise\"] and "
      "premises.area_m2 < 20) or applicant.birth_date == 2001-01-01",
      "sells.bulk_food and notice.sent and staff.count == 10 and submitted(\"layout-plan\")",
      "premises.area_m2 * 1.5 <= 15",
      "premises.area_m2 * 2 > 10",
      "premises.area_m2 + 2.5 >= 12.5",
      "premises.area_m2 - 5 != 0",
      "premises.area_m2 / 4 < 2.5",
      "20 >= premises.area_m2 * 2",
      "sells.bulk_food or premises.area_m2 * 1.5 <= 100000",
      "not staff.count >= 5",
      "not premises.area_m2 < 10.0",
      "not applicant.credit == \"good\"",
      "not applicant.birth_date < 2000-01-01",
      "not true",
      "not \"catering\" in business.scope",
      "not applicant.kind in [\"enterprise\"]",
      "not premises.area_m2 * 1.5 <= 15",
      "not not sells.bulk_food",
      "not (sells.bulk_food and notice.sent)",
      "not submitted(\"layout-plan\") or not notice.sent or staff.count < 5",
  };
  std::mt19937 random(20261202);
  for (const char* text : texts) {
    const Lowered l = lower(env, text);
    INFO("expression: ", std::string(text));
    REQUIRE(l.ok);
    for (int trial = 0; trial < 200; ++trial) {
      App app = random_app(env, random);
      const EvalContext context = app.context();
      CHECK(run_predicate(l.nodes.data(), l.nodes.data() + l.nodes.size(), l.pool.data(),
                          context) == reference(*l.program, context));
      if (const auto join = flat_join(l.nodes)) {
        CHECK(run_flat(l.nodes.data(), l.nodes.data() + l.nodes.size() - 1, l.pool.data(), context,
                       *join) == reference(*l.program, context));
      }
    }
  }
}

TEST_CASE("predicate: `not` over one leaf is that leaf negated, not a node of its own") {
  ExprEnv env;
  for (const char* text :
       {"not sells.bulk_food", "not staff.count >= 5", "not true", "not submitted(\"layout-plan\")",
        "not applicant.kind in [\"enterprise\"]", "not \"retail\" in business.scope",
        "not premises.area_m2 * 2 > 10", "not not sells.bulk_food"}) {
    INFO("expression: ", std::string(text));
    const Lowered l = lower(env, text);
    REQUIRE(l.ok);
    CHECK(l.nodes.size() == 1);
  }
  const Lowered flat = lower(env, "not sells.bulk_food or notice.sent");
  REQUIRE(flat.ok);
  CHECK(flat.nodes.size() == 3);
  CHECK(flat_join(flat.nodes) == std::optional<bool>(false));
  const Lowered over_and = lower(env, "not (sells.bulk_food and notice.sent)");
  REQUIRE(over_and.ok);
  REQUIRE(over_and.nodes.size() == 4);
  CHECK(over_and.nodes.back().op == PredicateOp::logical_not);
  CHECK_FALSE(flat_join(over_and.nodes));
}

TEST_CASE("predicate: what may fail at runtime, or compares two operands, stays with run()") {
  ExprEnv env;
  for (const char* text :
       {"staff.count * 2 > 10", "premises.area_m2 / staff.count > 1",
        "premises.area_m2 * staff.count > 1", "premises.area_m2 * 2 * 3 > 1",
        "premises.area_m2 * 2 > premises.area_m2", "age(applicant.birth_date) >= 18",
        "len(business.scope) > 1", "sells.bulk_food and staff.count + 1 > 3", "-staff.count < 0",
        "sells.bulk_food == notice.sent"}) {
    INFO("expression: ", std::string(text));
    const Lowered l = lower(env, text);
    CHECK_FALSE(l.ok);
    CHECK(l.nodes.empty());  // nothing half-emitted is left behind
    CHECK(l.pool.empty());
  }
}

TEST_CASE("predicate: an arithmetic leaf that overflows gives kFailed, and run() the error") {
  ExprEnv env;
  for (const char* text :
       {"premises.area_m2 * 10 <= 100000", "sells.bulk_food or premises.area_m2 * 10.0 > 1"}) {
    INFO("expression: ", std::string(text));
    const Lowered l = lower(env, text);
    REQUIRE(l.ok);
    App app(env);
    app.set("premises.area_m2", Value::decimal(1e308));
    app.set("sells.bulk_food", Value::boolean(false));
    RunError error = RunError::none;
    EvalContext context = app.context();
    context.error = &error;
    CHECK(run_predicate(l.nodes.data(), l.nodes.data() + l.nodes.size(), l.pool.data(), context) ==
          kFailed);
    CHECK(run(*l.program, context).kind == Value::Kind::unknown);
    CHECK(error == RunError::overflow);
    // Below the overflow both give the same value.
    app.set("premises.area_m2", Value::decimal(1e307));
    const EvalContext small = app.context();
    CHECK(run_predicate(l.nodes.data(), l.nodes.data() + l.nodes.size(), l.pool.data(), small) ==
          reference(*l.program, small));
  }
}

TEST_CASE("predicate: a slot beyond the application reads as unknown") {
  ExprEnv env;
  const Lowered l = lower(env, "staff.count >= 5 or applicant.kind in [\"enterprise\"]");
  REQUIRE(l.ok);
  const std::vector<Value> none;
  const std::vector<std::uint64_t> materials{0};
  const EvalContext context{none, materials, 0};
  CHECK(run_predicate(l.nodes.data(), l.nodes.data() + l.nodes.size(), l.pool.data(), context) ==
        kUnknown);
}

}  // namespace
}  // namespace shenpi::detail::expr_testing
