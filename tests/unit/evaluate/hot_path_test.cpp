// The evaluation hot path (predicate code, material bitsets, the condition
// table; docs/architecture.md) against a reference: the straightforward
// algorithm the evaluator used before, every expression through run() and
// every material through its struct. Both decide the 1,000 applications of
// bench/peers (generate.mjs, ported) and variants with facts left out, so
// unknown conditions, commitments and `required` expressions all occur.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include <unistd.h>

#include "../../../bench/peers/applications.hpp"
#include "evaluate/bound.hpp"
#include "evaluate/eval_test_util.hpp"
#include "model/data.hpp"

namespace shenpi {
namespace {

using namespace eval_test;

enum class Test { yes, no, unknown };

Test test(const Expression& e, const BoundApplication::Impl& app) {
  const detail::EvalContext context{app.facts, app.submitted, app.submitted_on.days(), nullptr};
  const detail::Value v = detail::run(*detail::ExpressionAccess::program(e), context);
  if (v.kind != detail::Value::Kind::boolean) return Test::unknown;
  return v.b ? Test::yes : Test::no;
}

/// The reference decision (no rule of these items can fail at runtime).
Decision reference(const Rulebook& book, const std::shared_ptr<const BoundApplication>& bound) {
  const BoundApplication::Impl& app = detail::BoundAccess::impl(*bound);
  const Item& item = bound->item();
  Decision out;
  out.application = bound;
  bool reject = false;
  bool incomplete = false;
  for (std::size_t i = 0; i < item.conditions.size(); ++i) {
    const Condition& c = item.conditions[i];
    const Test met = c.when.empty() ? Test::yes : test(c.when, app);
    const bool offered = detail::test_bit(app.condition_commit, i);
    ConditionStatus s = ConditionStatus::met;
    out.commitment_conflicts.push_back(met == Test::no && offered);
    out.commitment_refused.push_back(met == Test::unknown && offered && !c.commitment_allowed);
    if (met == Test::unknown) {
      s = c.commitment_allowed && offered ? ConditionStatus::committed : ConditionStatus::unknown;
    } else if (met == Test::no) {
      s = ConditionStatus::unmet;
      reject = reject || c.on_fail == Condition::OnFail::reject;
    }
    incomplete = incomplete || s == ConditionStatus::unmet || s == ConditionStatus::unknown;
    out.conditions.push_back(s);
  }
  for (const Step& s : item.steps) {
    out.special_steps.push_back(s.special && (s.when.empty() || test(s.when, app) != Test::no));
  }
  int gaps = 0;
  for (std::size_t i = 0; i < item.materials.size(); ++i) {
    const Material& m = item.materials[i];
    MaterialDecision d;
    bool required = m.requirement == Material::Requirement::always;
    if (m.requirement == Material::Requirement::when) {
      const Test r = test(m.required, app);
      d.requirement_unknown = r == Test::unknown;
      required = r != Test::no;
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
      gaps += m.tolerable && !m.core ? 1 : 0;
    }
    out.materials.push_back(d);
  }
  const TolerancePolicy& t = item.tolerance;
  out.tolerance = ToleranceState::applied;
  if (gaps == 0) {
    out.tolerance = ToleranceState::not_needed;
  } else if (!t.present) {
    out.tolerance = ToleranceState::no_policy;
  } else if (!t.when.empty() && test(t.when, app) != Test::yes) {
    out.tolerance = ToleranceState::policy_not_met;
  } else if (t.max_missing >= 0 && gaps > t.max_missing) {
    out.tolerance = ToleranceState::too_many;
  } else if (t.letter_required && !app.tolerance_letter) {
    out.tolerance = ToleranceState::letter_missing;
  }
  bool tolerated = false;
  for (std::size_t i = 0; i < item.materials.size(); ++i) {
    MaterialDecision& d = out.materials[i];
    const Material& m = item.materials[i];
    if (d.status == MaterialStatus::missing && m.tolerable && !m.core &&
        out.tolerance == ToleranceState::applied) {
      d.status = MaterialStatus::tolerated;
    }
    incomplete = incomplete || d.status == MaterialStatus::missing;
    tolerated = tolerated || d.status == MaterialStatus::tolerated;
  }
  Outcome o = tolerated ? Outcome::accept_with_deficiency : Outcome::accept;
  if (reject) {
    o = Outcome::reject;
  } else if (incomplete) {
    o = Outcome::supplement;
  }
  out.outcome = o;
  const Calendar& cal = book.calendar();
  if (o == Outcome::accept || o == Outcome::accept_with_deficiency) {
    out.deadlines.promised = cal.due_date(app.submitted_on, item.time_limit.promised);
    out.deadlines.statutory = cal.due_date(app.submitted_on, item.time_limit.statutory);
  }
  if (o == Outcome::accept_with_deficiency) {
    out.deadlines.tolerance = cal.due_date(app.submitted_on, item.tolerance.supply_within);
  }
  return out;
}

void check_same(const Decision& got, const Decision& want) {
  REQUIRE(got.outcome.has_value());
  CHECK(*got.outcome == *want.outcome);
  CHECK(got.tolerance == want.tolerance);
  CHECK(got.conditions == want.conditions);
  CHECK(got.commitment_conflicts == want.commitment_conflicts);
  CHECK(got.commitment_refused == want.commitment_refused);
  CHECK(got.special_steps == want.special_steps);
  REQUIRE(got.materials.size() == want.materials.size());
  for (std::size_t i = 0; i < got.materials.size(); ++i) {
    CHECK(got.materials[i].status == want.materials[i].status);
    CHECK(got.materials[i].commitment_refused == want.materials[i].commitment_refused);
    CHECK(got.materials[i].requirement_unknown == want.materials[i].requirement_unknown);
    CHECK(got.materials[i].requirement_error == want.materials[i].requirement_error);
  }
  CHECK(got.deadlines.promised == want.deadlines.promised);
  CHECK(got.deadlines.statutory == want.deadlines.statutory);
  CHECK(got.deadlines.tolerance == want.deadlines.tolerance);
  CHECK(got.diagnostics.empty());
}

std::shared_ptr<const Rulebook> peer_book() {
  return load_book(SHENPI_SOURCE_DIR "/bench/peers/rules/peer");
}

/// An item wider than a word: 70 conditions, materials and steps, so the
/// evaluator's words (64) and groups of sixteen (evaluate/records.hpp)
/// end part-way, and each kind of condition, material and special step
/// occurs on both sides of each boundary.
std::shared_ptr<const Rulebook> wide_book() {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("shenpi-wide-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "items");
  std::ofstream facts(dir / "facts.yaml");
  facts << "facts:\n  w.flag: { type: bool, label: 标志 }\n";
  for (int f = 0; f < 10; ++f) facts << "  w.f" << f << ": { type: int, label: 指标" << f << " }\n";
  facts.close();
  std::ofstream item(dir / "items" / "wide.yaml");
  item << "item:\n  code: WIDE-0001\n  name: 宽事项\n  version: \"2026.1\"\n"
          "  kind: administrative_license\n  authority: 测试审批局\n"
          "  basis:\n    - { id: law, title: 《测试条例》第一条 }\n"
          "  service: { online: full, max_visits: 0 }\n\nconditions:\n";
  for (int k = 0; k < 70; ++k) {
    item << "  - { id: c" << k << ", text: 条件" << k << ", when: 'w.f" << k % 10 << " >= " << k % 7
         << "', basis: law" << (k % 3 == 0 ? ", commitment: allowed" : "")
         << (k % 23 == 5 ? ", on_fail: reject" : "") << " }\n";
  }
  item << "\nmaterials:\n";
  for (int k = 0; k < 70; ++k) {
    item << "  - { id: m" << k << ", name: 材料" << k << ", basis: law";
    if (k % 9 == 0) {
      item << ", source: shared";
    } else if (k % 7 == 0) {
      item << ", tolerable: true";
    } else if (k % 5 == 0) {
      item << ", commitment: allowed";
    }
    if (k % 4 == 1) item << ", required: 'w.f" << k % 10 << " > 3'";
    item << " }\n";
  }
  item << "\ntolerance:\n  when: w.flag\n  max_missing: 30\n  supply_within: 5 working days\n"
          "  letter: required\n\ntime_limit:\n  statutory: 20 working days\n"
          "  promised: 5 working days\n\nsteps:\n";
  for (int k = 0; k < 70; ++k) {
    item << "  - { id: s" << k << ", name: 环节" << k << ", takes: 1 working days";
    if (k % 4 == 2) item << ", special: true, when: 'w.f" << k % 10 << " < 4'";
    item << " }\n";
  }
  item << "\noutputs:\n  - { id: wide, name: 宽事项许可证, valid_for: 5 years }\n";
  item.close();
  auto book = load_book(dir.string());
  std::filesystem::remove_all(dir);
  return book;
}

TEST_SUITE("evaluate.hot_path") {
  TEST_CASE("the peer applications: the same decisions as the reference, and the known mix") {
    const auto book = peer_book();
    int outcomes[5] = {};
    Decision reused;  // one Decision across applications, as batch callers do
    for (const Application& a : peers::peer_applications()) {
      const BindResult bound = bind_application(book, a);
      REQUIRE_MESSAGE(bound.application, dump(bound.diagnostics));
      book->evaluate(bound.application, reused);
      check_same(reused, reference(*book, bound.application));
      ++outcomes[static_cast<int>(*reused.outcome)];
    }
    // What shenpi_peers_driver decides for generate.mjs's file.
    CHECK(outcomes[static_cast<int>(Outcome::accept)] == 127);
    CHECK(outcomes[static_cast<int>(Outcome::accept_with_deficiency)] == 96);
    CHECK(outcomes[static_cast<int>(Outcome::supplement)] == 617);
    CHECK(outcomes[static_cast<int>(Outcome::reject)] == 160);
  }

  TEST_CASE("facts left out: unknown conditions, commitments and requirements decide the same") {
    const auto book = peer_book();
    Decision reused;
    int unknown = 0;
    int committed = 0;
    std::vector<Application> applications = peers::peer_applications(400, 20261202);
    for (std::size_t n = 0; n < applications.size(); ++n) {
      Application& a = applications[n];
      for (std::size_t k = a.facts.size(); k-- > 0;) {
        if ((n * 7 + k * 3) % 4 == 0) {
          a.facts.erase(a.facts.begin() + static_cast<std::ptrdiff_t>(k));
        }
      }
      const BindResult bound = bind_application(book, a);
      REQUIRE_MESSAGE(bound.application, dump(bound.diagnostics));
      book->evaluate(bound.application, reused);
      check_same(reused, reference(*book, bound.application));
      for (const ConditionStatus s : reused.conditions) {
        unknown += s == ConditionStatus::unknown ? 1 : 0;
        committed += s == ConditionStatus::committed ? 1 : 0;
      }
    }
    CHECK(unknown > 100);  // the variants do reach the paths they are for
    CHECK(committed > 20);
  }

  TEST_CASE("an item wider than a word of 64: the same decisions as the reference") {
    const auto book = wide_book();
    std::mt19937 random(20261202);
    const auto chance = [&](int percent) { return static_cast<int>(random() % 100) < percent; };
    Decision reused;
    int seen[5] = {};
    for (int n = 0; n < 300; ++n) {
      Application a;
      a.item = "WIDE-0001";
      a.submitted_on = date("2026-03-02");
      // A third meet every condition and hand in all but some tolerable
      // materials (accepted, or accepted with deficiency); the rest are random.
      const bool good = n % 3 == 0;
      for (int f = 0; f < 10; ++f) {
        const auto value = std::int64_t(good ? 9 : random() % 10);
        if (good || !chance(15)) set_fact(a, "w.f" + std::to_string(f), value);
      }
      if (good || !chance(20)) set_fact(a, "w.flag", good || chance(70));
      for (int k = 0; k < 70; ++k) {
        const std::string m = "m" + std::to_string(k);
        const bool dropped = good ? k % 7 == 0 && chance(20) : !chance(n % 2 == 0 ? 97 : 75);
        if (!dropped) a.materials.push_back({m, {}});
        if (!good && chance(10)) a.commitments.push_back({m, {}});
        if (!good && chance(30)) a.commitments.push_back({"c" + std::to_string(k), {}});
      }
      if (good || chance(60)) a.commitments.push_back({"tolerance-letter", {}});
      const BindResult bound = bind_application(book, a);
      REQUIRE_MESSAGE(bound.application, dump(bound.diagnostics));
      book->evaluate(bound.application, reused);
      check_same(reused, reference(*book, bound.application));
      ++seen[static_cast<int>(*reused.outcome)];
    }
    CAPTURE(seen[0]);
    CAPTURE(seen[1]);
    CAPTURE(seen[2]);
    CAPTURE(seen[3]);
    CHECK(seen[static_cast<int>(Outcome::supplement)] > 0);  // the mix reaches each outcome
    CHECK(seen[static_cast<int>(Outcome::reject)] > 0);
    CHECK(seen[static_cast<int>(Outcome::accept)] > 0);
    CHECK(seen[static_cast<int>(Outcome::accept_with_deficiency)] > 0);
  }

  TEST_CASE("the plan lowers the peer item's expressions to predicate code") {
    const auto book = peer_book();
    const auto& data = detail::RulebookAccess::data(*book);
    REQUIRE(data.plans.size() == 1);
    const detail::ItemPlan& plan = data.plans[0];
    for (const auto& t : plan.condition_tests) CHECK(t.lowered());
    REQUIRE(plan.required.tests.size() == 3);  // m15, m16, m17
    for (const auto& t : plan.required.tests) CHECK(t.lowered());
    CHECK(plan.tolerance_test.lowered());
    // The shapes run without the operand stack (TestPlan::Kind), `not` folded into its leaf.
    using Kind = detail::TestPlan::Kind;
    const Kind conditions[] = {Kind::leaf, Kind::leaf,   Kind::leaf, Kind::leaf,   Kind::all_of,
                               Kind::leaf, Kind::any_of, Kind::leaf, Kind::any_of, Kind::any_of};
    REQUIRE(plan.condition_tests.size() == std::size(conditions));
    for (std::size_t i = 0; i < std::size(conditions); ++i) {
      CAPTURE(i);
      CHECK(plan.condition_tests[i].kind == conditions[i]);
    }
    CHECK(plan.required.tests[2].kind == Kind::any_of);  // m17
    CHECK(plan.tolerance_test.kind == Kind::all_of);     // good credit and not a false commitment
    CHECK(plan.always_required[0] == 0b1110'0011'1111'1111'1111ULL);  // all but m15–m17
    CHECK(plan.shared[0] == 0b1100ULL);                               // m03, m04
    CHECK(plan.tolerable[0] == 0b1110'0000'0000ULL);                  // m10–m12
    CHECK(plan.committable[0] == 0b11'0000'0000'0000ULL);             // m13, m14
  }
}

}  // namespace
}  // namespace shenpi
