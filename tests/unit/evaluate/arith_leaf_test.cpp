// Decimal arithmetic by a constant in predicate code (the fact_arith_dec
// leaf; docs/architecture.md "Evaluation hot path"): the evaluator decides
// it without run() until the arithmetic overflows, and then gives what
// run() gives, the condition's error and SP613 with run()'s message.
#include <cmath>
#include <optional>

#include "evaluate/bound.hpp"
#include "evaluate/eval_test_util.hpp"
#include "model/data.hpp"

namespace shenpi {
namespace {

using namespace eval_test;

const std::shared_ptr<const Rulebook>& scaled() {
  static const auto book = load_book(SHENPI_FIXTURES "/evaluate/runtime-scaled");
  return book;
}

Application application(std::optional<double> area, std::optional<bool> chain) {
  Application a;
  a.item = "T-RT-0002";
  a.submitted_on = date("2025-09-26");
  if (area) set_fact(a, "shop.area_m2", *area);
  if (chain) set_fact(a, "shop.chain", *chain);
  add(a.materials, {"form", "plan"});
  return a;
}

/// A condition's status as run() decides its test, with no commitment.
ConditionStatus by_run(const Expression& e, const BoundApplication& bound) {
  const BoundApplication::Impl& app = detail::BoundAccess::impl(bound);
  detail::RunError error = detail::RunError::none;
  const detail::EvalContext context{app.facts, app.submitted, app.submitted_on.days(), &error};
  const detail::Value v = detail::run(*detail::ExpressionAccess::program(e), context);
  if (v.kind == detail::Value::Kind::boolean) {
    return v.b ? ConditionStatus::met : ConditionStatus::unmet;
  }
  return error == detail::RunError::none ? ConditionStatus::unknown : ConditionStatus::error;
}

TEST_SUITE("evaluate.arith_leaf") {
  TEST_CASE("the item's arithmetic tests are predicate code") {
    const detail::ItemPlan& plan = detail::RulebookAccess::data(*scaled()).plans[0];
    for (const auto& t : plan.condition_tests) CHECK(t.lowered());
    REQUIRE(plan.required.tests.size() == 1);
    CHECK(plan.required.tests[0].lowered());
  }

  TEST_CASE("every condition as run() decides it, across the rounding and the overflow") {
    // DBL_MAX / 1.5 and its neighbours: where `area * 1.5` stops being finite.
    const double edge = 1.7976931348623157e308 / 1.5;
    const std::optional<double> areas[] = {std::nullopt,
                                           0.0,
                                           6.666666666666666,
                                           6.666666666666667,
                                           66666.66666666667,
                                           66666.66666666666,
                                           66666.66666666669,
                                           1e307,
                                           std::nextafter(edge, 0.0),
                                           edge,
                                           std::nextafter(edge, HUGE_VAL),
                                           -1e308,
                                           1.7976931348623157e308};
    const std::optional<bool> chains[] = {std::nullopt, true, false};
    const Item& item = scaled()->items()[0];
    Decision d;
    int errors = 0;
    for (const auto& area : areas) {
      for (const auto& chain : chains) {
        const BindResult bound = bind_application(scaled(), application(area, chain));
        REQUIRE_MESSAGE(bound.application, dump(bound.diagnostics));
        scaled()->evaluate(bound.application, d);
        int failed = 0;
        for (std::size_t i = 0; i < item.conditions.size(); ++i) {
          const ConditionStatus want = by_run(item.conditions[i].when, *bound.application);
          CHECK(d.conditions[i] == want);
          failed += want == ConditionStatus::error ? 1 : 0;
        }
        errors += failed;
        CHECK(d.diagnostics.size() == static_cast<std::size_t>(failed));
        if (failed > 0) CHECK(*d.outcome == Outcome::review);
      }
    }
    CHECK(errors > 0);  // the overflow is reached
  }

  TEST_CASE("an overflow is SP613 with run()'s message; a decided `or` around it is not") {
    Decision d;
    const auto decide_scaled = [&](std::optional<bool> chain) {
      const BindResult bound = bind_application(scaled(), application(1.5e308, chain));
      REQUIRE(bound.application);
      scaled()->evaluate(bound.application, d);
    };
    decide_scaled(false);
    CHECK(*d.outcome == Outcome::review);
    CHECK(condition(d, "scaled-area") == ConditionStatus::error);
    CHECK(condition(d, "chain-or-small") == ConditionStatus::error);
    REQUIRE(d.diagnostics.size() == 2);
    CHECK(d.diagnostics[0].code == "SP613");
    CHECK(d.diagnostics[0].message ==
          "condition 'scaled-area' of item T-RT-0002: overflow in `shop.area_m2 * 1.5 <= "
          "100000`; the case goes to manual review");
    CHECK(material(d, "plan").status == MaterialStatus::submitted);
    CHECK_FALSE(material(d, "plan").requirement_error);

    decide_scaled(true);  // `shop.chain or …`: decided by the true operand
    CHECK(condition(d, "chain-or-small") == ConditionStatus::met);
    REQUIRE(d.diagnostics.size() == 1);
    CHECK(d.diagnostics[0].message.find("scaled-area") != std::string::npos);
  }
}

}  // namespace
}  // namespace shenpi
