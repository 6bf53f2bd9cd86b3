// Evaluation: conditions, materials, 容缺 policy, outcome, deadlines.
// The hot path touches slots and bitsets only: no strings, no maps, and no
// heap allocation once `out` has held a decision of the same item.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <type_traits>

#include "evaluate/bound.hpp"
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

/// The low 16 bits of `x` moved to every fourth bit (bit k to bit 4k).
constexpr std::uint64_t spread16(std::uint64_t x) {
  x &= 0xFFFF;
  x = (x | (x << 24)) & 0x000000FF000000FFULL;
  x = (x | (x << 12)) & 0x000F000F000F000FULL;
  x = (x | (x << 6)) & 0x0303030303030303ULL;
  return (x | (x << 3)) & 0x1111111111111111ULL;
}
static_assert(spread16(0b1011) == 0x1011 && spread16(0x8001) == 0x1000000000000001ULL);

/// A material's decision by its status (the low three bits) and whether a
/// commitment it does not allow was offered (bit 3); see Evaluator::materials.
constexpr auto kMaterialDecisions = [] {
  std::array<MaterialDecision, 16> table{};
  for (std::size_t i = 0; i < table.size(); ++i) {
    const std::size_t status = i & 7U;
    table[i].status = static_cast<MaterialStatus>(status <= 5 ? status : 5);
    table[i].commitment_refused = i >= 8;
  }
  return table;
}();

static_assert(std::is_trivially_copyable_v<MaterialDecision>);

/// A condition's status from its test, the commitment and its flags, by
/// test * 8 + offered * 4 + plan flags (kConditionRejects 2,
/// kConditionCommittable 1); Test: error 0, yes 1, no 2, unknown 3.
struct ConditionOutcome {
  ConditionStatus status;
  bool conflict;  ///< committed to a condition its own facts fail
  bool refused;   ///< committed to one that allows no commitment
  /// What the condition does to the outcome: kRejects (unmet, refusing) and
  /// kIncomplete (unmet or unknown), or'ed over the conditions.
  std::uint8_t effect;
};
static_assert(detail::kConditionCommittable == 1 && detail::kConditionRejects == 2);
constexpr std::uint8_t kRejects = 1;
constexpr std::uint8_t kIncomplete = 2;
constexpr auto kConditionOutcomes = [] {
  std::array<ConditionOutcome, 32> table{};
  for (std::size_t i = 0; i < table.size(); ++i) {
    const std::size_t test = i / 8;
    const bool offered = (i & 4U) != 0;
    const bool rejects = (i & detail::kConditionRejects) != 0;
    const bool allowed = (i & detail::kConditionCommittable) != 0;
    ConditionOutcome& c = table[i];
    c = {ConditionStatus::met, false, false, 0};
    if (test == 0) {
      c.status = ConditionStatus::error;
    } else if (test == 3) {
      // 告知承诺: a signed commitment stands in for a proof the authority
      // would otherwise ask, which is only the case while the facts are not given.
      c.status = allowed && offered ? ConditionStatus::committed : ConditionStatus::unknown;
      c.refused = offered && !allowed;
    } else if (test == 2) {
      // The applicant's own facts fail the condition: no commitment can
      // contradict them.
      c.status = ConditionStatus::unmet;
      c.conflict = offered;
    }
    if (c.status == ConditionStatus::unmet) {
      c.effect = rejects ? kRejects | kIncomplete : kIncomplete;
    }
    if (c.status == ConditionStatus::unknown) c.effect = kIncomplete;
  }
  return table;
}();

/// `flags` sized `n`, all false, filling words rather than bit by bit as
/// vector<bool>::assign does.
void clear_flags(std::vector<bool>& flags, std::size_t n) {
  if (flags.size() == n) {
    std::fill(flags.begin(), flags.end(), false);
  } else {
    flags.assign(n, false);
  }
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

  /// What a rule expression gave: true, false, unknown (a fact it needs
  /// is missing) or a runtime error (a defect of the rule, SP613).
  /// yes, no and unknown are predicate code's kTrue, kFalse, kUnknown.
  enum class Test : std::uint8_t { error = 0, yes = 1, no = 2, unknown = 3 };

  /// `t`'s value by predicate code (kTrue, kFalse, kUnknown), or kFailed
  /// when only run() can tell: the test is no predicate code, or its
  /// arithmetic overflowed. Needs no expression, so the loops that call it
  /// keep their registers for themselves (the fallback is out of line).
  std::uint8_t quick(const detail::TestPlan& t) const {
    const detail::PredicateNode* code = plan.predicates.data() + t.begin;
    const detail::PredicateNode* end = plan.predicates.data() + t.end;
    const std::int32_t* pool = plan.predicate_pool.data();
    using Kind = detail::TestPlan::Kind;
    switch (t.kind) {
      case Kind::none:
        return detail::kTrue;
      case Kind::leaf:  // most tests are one comparison
        return detail::predicate::leaf(*code, pool, context);
      case Kind::all_of:
        return detail::run_flat(code, end - 1, pool, context, true);
      case Kind::any_of:
        return detail::run_flat(code, end - 1, pool, context, false);
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
  /// Reads through local pointers: a write to the decision may otherwise
  /// alias the plan's and the application's words, reloaded every turn.
  bool conditions(bool& incomplete) {
    const std::size_t n = item.conditions.size();
    out.conditions.resize(n);
    clear_flags(out.commitment_conflicts, n);
    clear_flags(out.commitment_refused, n);
    const detail::TestPlan* tests = plan.condition_tests.data();
    const std::uint8_t* flags = plan.condition_flags.data();
    const std::uint64_t* commit = app.condition_commit.data();
    ConditionStatus* status = out.conditions.data();
    std::uint8_t effect = 0;
    for (std::size_t i = 0; i < n; ++i) {
      std::uint8_t r = quick(tests[i]);
      if (r == detail::kFailed) [[unlikely]] {
        r = static_cast<std::uint8_t>(condition_by_run(i));
      }
      const auto met = static_cast<Test>(r);
      const std::size_t offered = (commit[i / 64] >> (i % 64)) & 1U;
      const ConditionOutcome& c =
          kConditionOutcomes[static_cast<std::size_t>(met) * 8 + offered * 4 + (flags[i] & 3U)];
      status[i] = c.status;
      effect |= c.effect;
      if (c.conflict || c.refused) [[unlikely]] {
        if (c.conflict) out.commitment_conflicts[i] = true;
        if (c.refused) out.commitment_refused[i] = true;
      }
    }
    incomplete = incomplete || (effect & kIncomplete) != 0;
    return (effect & kRejects) != 0;
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
      // committed 2, not_required 4, missing 5), the refused flag a fourth,
      // interleaved into one 4-bit code per material, 16 materials at a time.
      const std::uint64_t planes[4] = {shared | missing, committed, ~required | missing, refused};
      MaterialDecision* d = out.materials.data() + w * 64;
      const std::size_t end = std::min<std::size_t>(64, n - w * 64);
      for (std::size_t base = 0; base < end; base += 16) {
        std::uint64_t codes = spread16(planes[0] >> base) | spread16(planes[1] >> base) << 1 |
                              spread16(planes[2] >> base) << 2 | spread16(planes[3] >> base) << 3;
        const std::size_t stop = std::min(end, base + 16);
        for (std::size_t j = base; j < stop; ++j, codes >>= 4) {
          // Padding and all: one 8-byte move where assignment moves 4 + 3 bytes.
          std::memcpy(d + j, &kMaterialDecisions[codes & 15], sizeof(MaterialDecision));
        }
      }
      for (std::uint64_t bits = unknown | failed; bits != 0; bits &= bits - 1) {
        const auto j = static_cast<unsigned>(std::countr_zero(bits));
        d[j].requirement_unknown = ((unknown >> j) & 1U) != 0;
        d[j].requirement_error = ((failed >> j) & 1U) != 0;
      }
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
  std::optional<Date> due(const Duration& limit, detail::BoundDeadlineKind kind, const char* which,
                          bool& provisional) {
    const bool ready =
        app.deadlines_ready && (kind != detail::kToleranceSupply || item.tolerance.present);
    if (ready && app.deadlines[kind].date) {
      provisional = app.deadlines[kind].provisional;
      return app.deadlines[kind].date;
    }
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
    clear_flags(out.special_steps, item.steps.size());
    const detail::IndexedTests& s = plan.special_steps;
    for (std::size_t k = 0; k < s.index.size(); ++k) {
      const Step& step = item.steps[static_cast<std::size_t>(s.index[k])];
      out.special_steps[static_cast<std::size_t>(s.index[k])] =
          test(s.tests[k], step.when, "step", step.id) != Test::no;
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
