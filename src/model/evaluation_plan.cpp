// The evaluation part of an item's plan: the item's expressions lowered to
// predicate code where they can be, and its materials' properties as
// bitsets. Built once at load (finish_rulebook); read by every decision.
#include "expr/predicate.hpp"
#include "model/data.hpp"

namespace shenpi::detail {
namespace {

bool is_logic(PredicateOp op) {
  return op == PredicateOp::logical_and || op == PredicateOp::logical_or ||
         op == PredicateOp::logical_not;
}

/// The shape of predicate code [begin, end) (TestPlan::Kind). A flat
/// any_of / all_of keeps its `or` / `and` node last, unread by evaluation.
TestPlan::Kind shape(const PredicateNode* begin, const PredicateNode* end) {
  const auto n = end - begin;
  if (n == 1) return TestPlan::Kind::leaf;
  const PredicateNode& last = end[-1];
  if (last.op == PredicateOp::logical_not || !is_logic(last.op) || last.a != n - 1) {
    return TestPlan::Kind::predicate;
  }
  for (const PredicateNode* p = begin; p + 1 != end; ++p) {
    if (is_logic(p->op)) return TestPlan::Kind::predicate;
  }
  return last.op == PredicateOp::logical_and ? TestPlan::Kind::all_of : TestPlan::Kind::any_of;
}

TestPlan plan_test(const Expression& e, ItemPlan& plan) {
  TestPlan t;
  const Program* program = ExpressionAccess::program(e);
  if (program == nullptr) return t;  // no expression: the test always holds
  t.begin = static_cast<std::int32_t>(plan.predicates.size());
  const bool lowered = lower_predicate(*program, plan.predicates, plan.predicate_pool);
  t.end = static_cast<std::int32_t>(plan.predicates.size());
  t.kind = lowered ? shape(plan.predicates.data() + t.begin, plan.predicates.data() + t.end)
                   : TestPlan::Kind::program;
  return t;
}

void add_test(IndexedTests& list, std::size_t index, TestPlan test) {
  list.index.push_back(static_cast<std::int32_t>(index));
  list.tests.push_back(test);
}

void set(std::vector<std::uint64_t>& bits, std::size_t i, bool value) {
  if (value) bits[i / 64] |= std::uint64_t{1} << (i % 64);
}

}  // namespace

void plan_evaluation(const Item& item, ItemPlan& plan) {
  for (const Condition& c : item.conditions) {
    plan.condition_tests.push_back(plan_test(c.when, plan));
    plan.condition_flags.push_back(static_cast<std::uint8_t>(
        (c.commitment_allowed ? kConditionCommittable : 0) |
        (c.on_fail == Condition::OnFail::reject ? kConditionRejects : 0)));
  }
  // Zeros to a whole group of sixteen: condition_records reads them.
  plan.condition_flags.resize((item.conditions.size() + 15) / 16 * 16, 0);
  const auto words = static_cast<std::size_t>(plan.word_count);
  for (auto* bits : {&plan.always_required, &plan.shared, &plan.committable, &plan.tolerable}) {
    bits->assign(words, 0);
  }
  for (std::size_t i = 0; i < item.materials.size(); ++i) {
    const Material& m = item.materials[i];
    set(plan.always_required, i, m.requirement == Material::Requirement::always);
    set(plan.shared, i, m.source == Material::Source::shared);
    set(plan.committable, i, m.commitment_allowed);
    set(plan.tolerable, i, m.tolerable && !m.core);
    if (m.requirement == Material::Requirement::when) {
      add_test(plan.required, i, plan_test(m.required, plan));
    }
  }
  for (std::size_t i = 0; i < item.steps.size(); ++i) {
    if (item.steps[i].special) add_test(plan.special_steps, i, plan_test(item.steps[i].when, plan));
  }
  plan.tolerance_test = plan_test(item.tolerance.when, plan);
}

}  // namespace shenpi::detail
