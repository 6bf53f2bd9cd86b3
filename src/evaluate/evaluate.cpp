// Evaluation: conditions, materials, 容缺 policy, outcome, deadlines.
// The hot path touches slots and bitsets only: no strings, no maps, and no
// heap allocation once `out` has held a decision of the same item.
#include <fmt/format.h>

#include "evaluate/bound.hpp"
#include "shenpi/diagnostic_codes.hpp"

namespace shenpi {
namespace {

using detail::Value;

struct Evaluator {
  const Rulebook& book;
  const Item& item;
  const BoundApplication::Impl& app;
  Decision& out;

  /// What a rule expression gave: true, false, unknown (a fact it needs
  /// is missing) or a runtime error (a defect of the rule, SP613).
  enum class Test { yes, no, unknown, error };

  Test test(const Expression& e, std::string_view what, const std::string& id) {
    detail::RunError error = detail::RunError::none;
    const detail::EvalContext context{app.facts, app.submitted, app.submitted_on.days(), &error};
    const Value v = detail::run(*detail::ExpressionAccess::program(e), context);
    if (v.kind == Value::Kind::boolean) return v.b ? Test::yes : Test::no;
    if (error == detail::RunError::none) return Test::unknown;
    // Kleene logic may still decide an expression around a failed part;
    // only an undecided one is the rule's fault, reported once per entry.
    out.diagnostics.push_back(make_diagnostic(
        codes::rule_runtime_error, e.location(),
        fmt::format("{} '{}' of item {}: {} in `{}`; the case goes to manual review", what, id,
                    item.code, detail::to_string(error), e.text())));
    return Test::error;
  }

  void conditions() {
    out.conditions.resize(item.conditions.size());
    out.commitment_conflicts.assign(item.conditions.size(), false);
    out.commitment_refused.assign(item.conditions.size(), false);
    for (std::size_t i = 0; i < item.conditions.size(); ++i) {
      const Condition& c = item.conditions[i];
      const Test met = c.when.empty() ? Test::yes : test(c.when, "condition", c.id);
      const bool offered = detail::test_bit(app.condition_commit, i);
      ConditionStatus status = ConditionStatus::met;
      if (met == Test::error) {
        status = ConditionStatus::error;
      } else if (met == Test::unknown) {
        // 告知承诺: a signed commitment stands in for a proof the authority
        // would otherwise ask, which is only the case while the facts are not given.
        status =
            c.commitment_allowed && offered ? ConditionStatus::committed : ConditionStatus::unknown;
        out.commitment_refused[i] = offered && !c.commitment_allowed;
      } else if (met == Test::no) {
        // The applicant's own facts fail the condition: no commitment can
        // contradict them.
        status = ConditionStatus::unmet;
        out.commitment_conflicts[i] = offered;
      }
      out.conditions[i] = status;
    }
  }

  /// Statuses before the 容缺 policy; returns how many tolerable gaps there are.
  int materials() {
    out.materials.resize(item.materials.size());
    int tolerable_gaps = 0;
    for (std::size_t i = 0; i < item.materials.size(); ++i) {
      const Material& m = item.materials[i];
      MaterialDecision d;
      bool required = m.requirement == Material::Requirement::always;
      if (m.requirement == Material::Requirement::when) {
        const Test r = test(m.required, "material", m.id);
        d.requirement_unknown = r == Test::unknown;
        d.requirement_error = r == Test::error;
        required = r != Test::no;  // undecidable: ask for it rather than let it slip
      }
      const bool offered = detail::test_bit(app.committed, i);
      if (!required) {
        d.status = MaterialStatus::not_required;
      } else if (detail::test_bit(app.submitted, i)) {
        d.status = MaterialStatus::submitted;
      } else if (m.source == Material::Source::shared) {
        d.status = MaterialStatus::shared;
      } else if (offered && m.commitment_allowed) {
        d.status = MaterialStatus::committed;
      } else {
        d.commitment_refused = offered;
        d.status = MaterialStatus::missing;
        if (m.tolerable && !m.core) ++tolerable_gaps;
      }
      out.materials[i] = d;
    }
    return tolerable_gaps;
  }

  ToleranceState tolerance(int gaps) {
    const TolerancePolicy& t = item.tolerance;
    if (gaps == 0) return ToleranceState::not_needed;
    if (!t.present) return ToleranceState::no_policy;
    if (!t.when.empty() && test(t.when, "tolerance policy", "when") != Test::yes) {
      return ToleranceState::policy_not_met;
    }
    if (t.max_missing >= 0 && gaps > t.max_missing) return ToleranceState::too_many;
    if (t.letter_required && !app.tolerance_letter) return ToleranceState::letter_missing;
    return ToleranceState::applied;
  }

  Outcome outcome() const {
    bool incomplete = false;
    // A rule defect is no ground to refuse or to ask the applicant: only a
    // refusal the facts decide on their own outranks manual review.
    bool defect = false;
    for (const auto& diagnostic : out.diagnostics)
      defect = defect || diagnostic.code == codes::rule_runtime_error;
    for (std::size_t i = 0; i < item.conditions.size(); ++i) {
      const ConditionStatus s = out.conditions[i];
      // Refusal needs a known failure; a missing fact is asked for instead.
      if (s == ConditionStatus::unmet && item.conditions[i].on_fail == Condition::OnFail::reject) {
        return Outcome::reject;
      }
      incomplete = incomplete || s == ConditionStatus::unmet || s == ConditionStatus::unknown;
    }
    bool tolerated = false;
    for (const auto& m : out.materials) {
      incomplete = incomplete || m.status == MaterialStatus::missing;
      tolerated = tolerated || m.status == MaterialStatus::tolerated;
    }
    if (defect) return Outcome::review;
    if (incomplete) return Outcome::supplement;
    return tolerated ? Outcome::accept_with_deficiency : Outcome::accept;
  }

  void deadlines(Outcome o) {
    out.deadlines = {};
    const Calendar& cal = book.calendar();
    CalendarError error;
    const auto fail = [&](const char* which) {
      out.diagnostics.push_back(
          make_diagnostic(codes::date_outside_calendar, app.date_location,
                          std::string("the ") + which + " deadline of item " + item.code +
                              " falls outside the loaded calendar: " + error.message));
    };
    // A date counted across a provisional year is an estimate (预计).
    const auto provisional = [&](const std::optional<Date>& due) {
      return due && cal.provisional_between(app.submitted_on, *due);
    };
    if (o == Outcome::accept || o == Outcome::accept_with_deficiency) {
      out.deadlines.promised = cal.due_date(app.submitted_on, item.time_limit.promised, &error);
      if (!out.deadlines.promised) fail("promised");
      out.deadlines.statutory = cal.due_date(app.submitted_on, item.time_limit.statutory, &error);
      if (!out.deadlines.statutory) fail("statutory");
      out.deadlines.provisional.promised = provisional(out.deadlines.promised);
      out.deadlines.provisional.statutory = provisional(out.deadlines.statutory);
    }
    // Only an accepted case has a clock: a supplement or a refusal tolerates
    // nothing yet, even when the policy would.
    if (o == Outcome::accept_with_deficiency) {
      out.deadlines.tolerance =
          cal.due_date(app.submitted_on, item.tolerance.supply_within, &error);
      if (!out.deadlines.tolerance) fail("容缺 supply");
      out.deadlines.provisional.tolerance = provisional(out.deadlines.tolerance);
    }
  }

  /// Which special procedures (特别程序) apply: a special step whose `when`
  /// is false for this application does not; unknown counts as applying,
  /// since the authority may still need it. Recorded so renderers never
  /// re-run expressions.
  void special_steps() {
    out.special_steps.assign(item.steps.size(), false);
    for (std::size_t i = 0; i < item.steps.size(); ++i) {
      const Step& s = item.steps[i];
      if (!s.special) continue;
      out.special_steps[i] = s.when.empty() || test(s.when, "step", s.id) != Test::no;
    }
  }

  void run() {
    conditions();
    special_steps();
    out.tolerance = tolerance(materials());
    if (out.tolerance == ToleranceState::applied) {
      for (std::size_t i = 0; i < item.materials.size(); ++i) {
        const Material& m = item.materials[i];
        if (out.materials[i].status == MaterialStatus::missing && m.tolerable && !m.core) {
          out.materials[i].status = MaterialStatus::tolerated;
        }
      }
    }
    const Outcome o = outcome();
    deadlines(o);
    // SP613 is a warning: the decision stands, as a manual review.
    if (!has_errors(out.diagnostics)) out.outcome = o;
  }
};

}  // namespace

void Rulebook::evaluate(const std::shared_ptr<const BoundApplication>& application,
                        Decision& out) const {
  out.diagnostics.clear();
  out.outcome.reset();
  // Re-deciding the same application (the common loop) skips the two atomic
  // reference-count updates, which threads sharing one bound application
  // would otherwise contend on.
  if (out.application != application) out.application = application;
  // Slots and bitsets are only meaningful against the rulebook that bound
  // them: misuse is a diagnostic, not an out-of-bounds read.
  if (!application || detail::BoundAccess::impl(*application).book.get() != this) {
    out.application = nullptr;
    out.conditions.clear();  // keeps capacity: no allocation on reuse
    out.materials.clear();
    out.special_steps.clear();
    out.diagnostics.push_back(make_diagnostic(
        codes::unknown_item, {},
        application ? "the application was bound against another rulebook; bind it with this one"
                    : "no bound application to evaluate"));
    return;
  }
  const BoundApplication::Impl& app = detail::BoundAccess::impl(*application);
  const auto index = static_cast<std::size_t>(app.item);
  Evaluator{*this, data_->items[index], app, out}.run();
}

Decision Rulebook::evaluate(const Application& application) const {
  Decision decision;
  BindResult bound = bind_application(*this, application);
  if (!bound.application) {
    decision.diagnostics = std::move(bound.diagnostics);
    return decision;
  }
  evaluate(bound.application, decision);
  return decision;
}

const Item& Decision::item() const {
  // An invalid decision has no item; an empty one keeps callers that loop
  // over item().conditions safe instead of dereferencing null.
  static const Item none;
  return application ? application->item() : none;
}

int Decision::count(MaterialStatus status) const {
  int n = 0;
  for (const auto& m : materials) n += m.status == status ? 1 : 0;
  return n;
}

}  // namespace shenpi
