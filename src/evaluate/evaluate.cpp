// Evaluation: conditions, materials, 容缺 policy, outcome, deadlines.
// The hot path touches slots and bitsets only: no strings, no maps, and no
// heap allocation once `out` has held a decision of the same item.
#include <fmt/format.h>

#include <algorithm>
#include <bit>

#include "evaluate/bound.hpp"
#include "evaluate/records.hpp"
#include "expr/predicate.hpp"
#include "shenpi/diagnostic_codes.hpp"

namespace shenpi {
namespace {

using detail::Value;

/// Bits set in `bits`, without a branch (the count varies from one
/// application to the next, so a loop's exit is mispredicted); std::popcount
/// is a library call without -mpopcnt.
constexpr int count_bits(std::uint64_t bits) {
  bits -= (bits >> 1) & 0x5555555555555555ULL;
  bits = (bits & 0x3333333333333333ULL) + ((bits >> 2) & 0x3333333333333333ULL);
  bits = (bits + (bits >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
  return static_cast<int>((bits * 0x0101010101010101ULL) >> 56);
}
static_assert(count_bits(0) == 0 && count_bits(~0ULL) == 64 && count_bits(0b1011'0001) == 4);

/// `flags` sized `n`; every word is then written by store_flag_word.
void size_flags(std::vector<bool>& flags, std::size_t n) {
  if (flags.size() != n) flags.assign(n, false);
}

/// Flags [64 w, 64 w + 64) of `flags` from `bits`, whose bits past the
/// size are clear. libstdc++ keeps vector<bool>'s bits in words an iterator
/// points into, so that is one store where clearing and setting flag by
/// flag cost a decision about a twentieth of its instructions.
void store_flag_word(std::vector<bool>& flags, std::size_t w, std::uint64_t bits) {
#if defined(__GLIBCXX__) && !defined(_GLIBCXX_DEBUG)
  static_assert(sizeof(*flags.begin()._M_p) == sizeof(bits));
  flags.begin()._M_p[w] = bits;
#else
  for (std::size_t j = 0; j < 64 && w * 64 + j < flags.size(); ++j) {
    flags[w * 64 + j] = ((bits >> j) & 1U) != 0;
  }
#endif
}

struct Evaluator {
  const Rulebook& book;
  const Item& item;
  const detail::ItemPlan& plan;
  const BoundApplication::Impl& app;
  Decision& out;
  detail::RunError error = detail::RunError::none;
  const detail::EvalContext context{app.facts, app.submitted, app.submitted_on.days(), &error};
  /// A rule failed at runtime (SP613): the case goes to manual review.
  bool defect = false;
  /// The plan's predicate code, read once rather than through `plan` by
  /// every test.
  const detail::PredicateNode* const nodes = plan.predicates.data();
  const std::int32_t* const pool = plan.predicate_pool.data();

  /// What a rule expression gave: true, false, unknown (a fact it needs
  /// is missing) or a runtime error (a defect of the rule, SP613).
  /// yes, no and unknown are predicate code's kTrue, kFalse, kUnknown.
  enum class Test : std::uint8_t { error = 0, yes = 1, no = 2, unknown = 3 };
  static_assert(static_cast<std::uint8_t>(Test::error) == detail::kTestError &&
                static_cast<std::uint8_t>(Test::no) == detail::kTestNo &&
                static_cast<std::uint8_t>(Test::unknown) == detail::kTestUnknown);

  /// `t`'s value by predicate code (kTrue, kFalse, kUnknown), or kFailed
  /// when only run() can tell: the test is no predicate code, or its
  /// arithmetic overflowed. Needs no expression, so the loops that call it
  /// keep their registers for themselves (the fallback is out of line).
  [[gnu::always_inline]] std::uint8_t quick(const detail::TestPlan& t) const {
    using Kind = detail::TestPlan::Kind;
    const detail::PredicateNode* code = nodes + t.begin;
    // Most tests are one comparison: one branch before the leaf's own
    // switch rather than a second jump table.
    if (t.kind == Kind::leaf) return detail::predicate::leaf(*code, pool, context);
    const detail::PredicateNode* end = nodes + t.end;
    switch (t.kind) {
      case Kind::none:
        return detail::kTrue;
      case Kind::all_of:
      case Kind::any_of:  // one place the flat loop is inlined
        return detail::run_flat(code, end - 1, pool, context, t.kind == Kind::all_of);
      case Kind::predicate:
        return detail::run_predicate(code, end, pool, context);
      default:
        return detail::kFailed;
    }
  }

  /// Runs `t`, the plan of expression `e`; `what` and `id` name it in SP613.
  Test test(const detail::TestPlan& t, const Expression& e, std::string_view what,
            const std::string& id) {
    const std::uint8_t r = quick(t);
    if (r == detail::kFailed) [[unlikely]] {
      return run_program(e, what, id);
    }
    return static_cast<Test>(r);
  }

  [[gnu::noinline]] Test condition_by_run(std::size_t i) {
    return run_program(item.conditions[i].when, "condition", item.conditions[i].id);
  }

  [[gnu::noinline]] Test requirement_by_run(std::size_t i) {
    return run_program(item.materials[i].required, "material", item.materials[i].id);
  }

  [[gnu::noinline]] Test run_program(const Expression& e, std::string_view what,
                                     const std::string& id) {
    error = detail::RunError::none;
    const Value v = detail::run(*detail::ExpressionAccess::program(e), context);
    if (v.kind == Value::Kind::boolean) return v.b ? Test::yes : Test::no;
    if (error == detail::RunError::none) return Test::unknown;
    // Kleene logic may still decide an expression around a failed part;
    // only an undecided one is the rule's fault, reported once per entry.
    out.diagnostics.push_back(make_diagnostic(
        codes::rule_runtime_error, e.location(),
        fmt::format("{} '{}' of item {}: {} in `{}`; the case goes to manual review", what, id,
                    item.code, detail::to_string(error), e.text())));
    defect = true;
    return Test::error;
  }

  /// Statuses of the conditions; true when one that refuses is unmet.
  /// The tests first, then their statuses a word at a time
  /// (condition_records): writing the decision in the loop that runs the
  /// tests would make it reload the plan's and the application's words,
  /// which such a write may alias.
  bool conditions(bool& incomplete) {
    const std::size_t n = item.conditions.size();
    out.conditions.resize(n);
    size_flags(out.commitment_conflicts, n);
    size_flags(out.commitment_refused, n);
    const detail::TestPlan* tests = plan.condition_tests.data();
    bool rejects = false;
    for (std::size_t w = 0; w * 64 < n; ++w) {
      const std::size_t count = std::min<std::size_t>(64, n - w * 64);
      std::uint8_t results[64] = {};  // zeros past `count`: condition_records reads them
      for (std::size_t j = 0; j < count; ++j) {
        std::uint8_t r = quick(tests[w * 64 + j]);
        if (r == detail::kFailed) [[unlikely]] {
          r = static_cast<std::uint8_t>(condition_by_run(w * 64 + j));
        }
        results[j] = r;
      }
      const detail::ConditionWord c =
          detail::condition_records(results, plan.condition_flags.data() + w * 64,
                                    app.condition_commit[w], count, out.conditions.data() + w * 64);
      store_flag_word(out.commitment_conflicts, w, c.conflicts);
      store_flag_word(out.commitment_refused, w, c.refused);
      rejects = rejects || c.rejects;
      incomplete = incomplete || c.incomplete;
    }
    return rejects;
  }

  /// Which materials an expression requires, in word `w`: sets their bits
  /// in `required`, and in `unknown` and `failed` when the expression could
  /// not be decided. `next` walks plan.required across the words.
  void required_in_word(std::size_t w, std::size_t& next, std::uint64_t& required,
                        std::uint64_t& unknown, std::uint64_t& failed) {
    const detail::IndexedTests& r = plan.required;
    for (; next < r.index.size() && static_cast<std::size_t>(r.index[next]) / 64 == w; ++next) {
      const auto i = static_cast<std::size_t>(r.index[next]);
      std::uint8_t q = quick(r.tests[next]);
      if (q == detail::kFailed) [[unlikely]] {
        q = static_cast<std::uint8_t>(requirement_by_run(i));
      }
      const auto t = static_cast<Test>(q);
      const std::uint64_t bit = std::uint64_t{1} << (i % 64);
      if (t != Test::no) required |= bit;  // undecidable: ask for it rather than let it slip
      if (t == Test::unknown) unknown |= bit;
      if (t == Test::error) failed |= bit;
    }
  }

  /// Statuses before the 容缺 policy, from the plan's and the application's
  /// bitsets, a word at a time. Returns how many materials are missing;
  /// `gaps` counts the tolerable ones.
  int materials(int& gaps) {
    const std::size_t n = item.materials.size();
    out.materials.resize(n);
    int missing_count = 0;
    std::size_t next = 0;
    for (std::size_t w = 0; w * 64 < n; ++w) {
      std::uint64_t required = plan.always_required[w];
      std::uint64_t unknown = 0;
      std::uint64_t failed = 0;
      required_in_word(w, next, required, unknown, failed);
      std::uint64_t rest = required & ~app.submitted[w];
      const std::uint64_t shared = rest & plan.shared[w];
      rest &= ~plan.shared[w];
      const std::uint64_t committed = rest & app.committed[w] & plan.committable[w];
      const std::uint64_t missing = rest & ~committed;
      const std::uint64_t refused = missing & app.committed[w];
      gaps += count_bits(missing & plan.tolerable[w]);
      missing_count += count_bits(missing);
      // The status's three bits as bit planes (MaterialStatus: shared 1,
      // committed 2, not_required 4, missing 5).
      const detail::MaterialPlanes planes{
          {shared | missing, committed, ~required | missing}, refused, unknown, failed};
      detail::material_records(planes, std::min<std::size_t>(64, n - w * 64),
                               out.materials.data() + w * 64);
    }
    return missing_count;
  }

  ToleranceState tolerance(int gaps) {
    const TolerancePolicy& t = item.tolerance;
    if (gaps == 0) return ToleranceState::not_needed;
    if (!t.present) return ToleranceState::no_policy;
    if (plan.tolerance_test.kind != detail::TestPlan::Kind::none &&
        test(plan.tolerance_test, t.when, "tolerance policy", "when") != Test::yes) {
      return ToleranceState::policy_not_met;
    }
    if (t.max_missing >= 0 && gaps > t.max_missing) return ToleranceState::too_many;
    if (t.letter_required && !app.tolerance_letter) return ToleranceState::letter_missing;
    return ToleranceState::applied;
  }

  /// Marks the tolerable missing materials tolerated; returns how many.
  int tolerate() {
    int tolerated = 0;
    for (std::size_t w = 0; w < plan.tolerable.size(); ++w) {
      // Every tolerable material, with a select rather than a branch on
      // its status: which of them are missing varies per application.
      for (std::uint64_t bits = plan.tolerable[w]; bits != 0; bits &= bits - 1) {
        MaterialDecision& d =
            out.materials[w * 64 + static_cast<std::size_t>(std::countr_zero(bits))];
        const bool missing = d.status == MaterialStatus::missing;
        d.status = missing ? MaterialStatus::tolerated : d.status;
        tolerated += missing ? 1 : 0;
      }
    }
    return tolerated;
  }

  /// The date `limit` falls due counted from submission, and whether it was
  /// counted across a provisional year (an estimate, 预计): the one counted
  /// at bind (`kind`), else counted now. Outside the calendar it is counted
  /// again for the message of SP504, which only a decision needing it gives.
  [[gnu::always_inline]] std::optional<Date> due(const Duration& limit,
                                                 detail::BoundDeadlineKind kind, const char* which,
                                                 bool& provisional) {
    const bool ready =
        app.deadlines_ready && (kind != detail::kToleranceSupply || item.tolerance.present);
    if (ready && app.deadlines[kind].date) [[likely]] {
      provisional = app.deadlines[kind].provisional;
      return app.deadlines[kind].date;
    }
    return due_counted(limit, which, provisional);
  }

  /// due() when binding did not count it, or it fell outside the calendar.
  [[gnu::noinline]] std::optional<Date> due_counted(const Duration& limit, const char* which,
                                                    bool& provisional) {
    CalendarError failure;
    const detail::BoundDeadline d =
        detail::count_deadline(book.calendar(), app.submitted_on, limit, &failure);
    if (!d.date) {
      out.diagnostics.push_back(
          make_diagnostic(codes::date_outside_calendar, app.date_location,
                          std::string("the ") + which + " deadline of item " + item.code +
                              " falls outside the loaded calendar: " + failure.message));
    }
    provisional = d.provisional;
    return d.date;
  }

  void deadlines(Outcome o) {
    out.deadlines = {};
    Deadlines& d = out.deadlines;
    if (o == Outcome::accept || o == Outcome::accept_with_deficiency) {
      d.promised =
          due(item.time_limit.promised, detail::kPromised, "promised", d.provisional.promised);
      d.statutory =
          due(item.time_limit.statutory, detail::kStatutory, "statutory", d.provisional.statutory);
    }
    // Only an accepted case has a clock: a supplement or a refusal tolerates
    // nothing yet, even when the policy would.
    if (o == Outcome::accept_with_deficiency) {
      d.tolerance = due(item.tolerance.supply_within, detail::kToleranceSupply, "容缺 supply",
                        d.provisional.tolerance);
    }
  }

  /// Which special procedures (特别程序) apply: a special step whose `when`
  /// is false for this application does not; unknown counts as applying,
  /// since the authority may still need it. Recorded so renderers never
  /// re-run expressions.
  void special_steps() {
    const std::size_t n = item.steps.size();
    size_flags(out.special_steps, n);
    const detail::IndexedTests& s = plan.special_steps;
    std::size_t k = 0;  // s.index ascends
    for (std::size_t w = 0; w * 64 < n; ++w) {
      std::uint64_t applies = 0;
      for (; k < s.index.size() && static_cast<std::size_t>(s.index[k]) / 64 == w; ++k) {
        const auto i = static_cast<std::size_t>(s.index[k]);
        const Step& step = item.steps[i];
        const bool on = test(s.tests[k], step.when, "step", step.id) != Test::no;
        applies |= std::uint64_t{on} << (i % 64);
      }
      store_flag_word(out.special_steps, w, applies);
    }
  }

  void run() {
    bool incomplete = false;
    const bool reject = conditions(incomplete);
    special_steps();
    int gaps = 0;
    int missing = materials(gaps);
    out.tolerance = tolerance(gaps);
    const int tolerated = out.tolerance == ToleranceState::applied ? tolerate() : 0;
    missing -= tolerated;
    // A rule defect is no ground to refuse or to ask the applicant: only a
    // refusal the facts decide on their own outranks manual review.
    Outcome o = tolerated > 0 ? Outcome::accept_with_deficiency : Outcome::accept;
    if (reject) {
      o = Outcome::reject;
    } else if (defect) {
      o = Outcome::review;
    } else if (incomplete || missing > 0) {
      o = Outcome::supplement;
    }
    deadlines(o);
    // SP613 is a warning: the decision stands, as a manual review.
    if (out.diagnostics.empty() || !has_errors(out.diagnostics)) out.outcome = o;
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
  Evaluator{*this, data_->items[index], data_->plans[index], app, out}.run();
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
