// Deadlines counted once at bind (BoundApplication::Impl::deadlines) must
// be the ones evaluation would count itself: day by day across year ends,
// into the provisional 2027 and past the end of the calendar, on every
// binding path (bind_application, a reused Decision bound in place, the
// JSON fast path's SlotBinder).
#include <memory>

#include "batch/json_decide.hpp"
#include "evaluate/bound.hpp"
#include "evaluate/eval_test_util.hpp"

namespace shenpi {
namespace {

using namespace eval_test;

/// What a deadline comes to, counted with the public calendar alone.
detail::BoundDeadline expected(const Calendar& calendar, Date from, const Duration& limit) {
  detail::BoundDeadline d;
  d.date = calendar.due_date(from, limit);
  d.provisional = d.date && calendar.provisional_between(from, *d.date);
  return d;
}

/// The limits of `item` by BoundDeadlineKind.
std::array<const Duration*, 3> limits(const Item& item) {
  return {&item.time_limit.promised, &item.time_limit.statutory, &item.tolerance.supply_within};
}

void check_same_deadlines(const Decision& a, const Decision& b) {
  CHECK(a.outcome == b.outcome);
  CHECK(a.deadlines.promised == b.deadlines.promised);
  CHECK(a.deadlines.statutory == b.deadlines.statutory);
  CHECK(a.deadlines.tolerance == b.deadlines.tolerance);
  CHECK(a.deadlines.provisional == b.deadlines.provisional);
  CHECK(a.diagnostics == b.diagnostics);
}

/// Tallies of what the days covered, so the test fails when a range stops
/// reaching the cases it is meant to.
struct Seen {
  int provisional = 0;
  int outside = 0;
  int decided = 0;
};

/// Binds `a` on every day of [first, last] and checks the bound deadlines,
/// and the decision, against counting at evaluation.
void check_days(Application a, const char* first, const char* last, Seen& seen) {
  const Rulebook& book = basic();
  Decision reused;  // bound in place by detail::decide_into from the second day on
  for (Date day = date(first); day <= date(last); day = day + 1) {
    a.submitted_on = day;
    INFO(a.item, " submitted ", day.to_string());
    const BindResult bound = bind_application(book, a);
    REQUIRE(bound.application);
    const BoundApplication::Impl& impl = detail::BoundAccess::impl(*bound.application);
    REQUIRE(impl.deadlines_ready);
    const auto limit = limits(bound.application->item());
    const std::size_t kinds = bound.application->item().tolerance.present ? 3 : 2;
    for (std::size_t k = 0; k < kinds; ++k) {
      const detail::BoundDeadline want = expected(book.calendar(), day, *limit[k]);
      CHECK(impl.deadlines[k].date == want.date);
      CHECK(impl.deadlines[k].provisional == want.provisional);
      seen.provisional += want.provisional ? 1 : 0;
      seen.outside += want.date ? 0 : 1;
    }
    // The same binding with its deadlines left to evaluation.
    auto copy = std::make_unique<BoundApplication::Impl>(impl);
    copy->deadlines_ready = false;
    const auto unready = std::make_shared<const BoundApplication>(std::move(copy));
    Decision precounted;
    Decision counted;
    book.evaluate(bound.application, precounted);
    book.evaluate(unready, counted);
    check_same_deadlines(precounted, counted);
    book.evaluate(a, reused);
    check_same_deadlines(reused, counted);
    seen.decided += precounted.valid() ? 1 : 0;
  }
}

/// T-EV-0001 accepted with a tolerated gap: all three deadlines, in working days.
Application tolerated() {
  Application a = good_application();
  drop_material(a, "plan");
  add(a.commitments, {"tolerance-letter"});
  return a;
}

/// T-EV-0002: 即办 and natural days, no 容缺 policy.
Application natural_days() {
  Application a;
  a.item = "T-EV-0002";
  add(a.materials, {"form", "photo"});
  return a;
}

TEST_SUITE("evaluate.bound_deadlines") {
  TEST_CASE("counted at bind, working days equal counting at evaluation, across year ends") {
    Seen seen;
    check_days(tolerated(), "2024-12-10", "2025-01-20", seen);
    check_days(tolerated(), "2025-12-10", "2026-01-20", seen);
    CHECK(seen.decided > 60);
    CHECK(seen.provisional == 0);
    CHECK(seen.outside == 0);
  }

  TEST_CASE("counted at bind, deadlines into the provisional year are flagged the same") {
    Seen seen;
    check_days(tolerated(), "2026-11-20", "2027-01-31", seen);
    check_days(natural_days(), "2026-12-01", "2027-01-15", seen);
    CHECK(seen.provisional > 0);
    CHECK(seen.outside == 0);
  }

  TEST_CASE("past the end of the calendar: no bound date, SP504 at evaluation as before") {
    Seen seen;
    check_days(tolerated(), "2027-11-25", "2027-12-31", seen);
    check_days(natural_days(), "2027-12-01", "2027-12-31", seen);
    CHECK(seen.outside > 0);
    CHECK(seen.decided > 0);  // the early days still fit
    Application a = tolerated();
    a.submitted_on = date("2027-12-21");
    const Decision d = basic().evaluate(a);
    CHECK_FALSE(d.valid());
    REQUIRE_FALSE(d.diagnostics.empty());
    CHECK(d.diagnostics.front().code == "SP504");
    CHECK(d.diagnostics.front().message.find("past the end of 2027") != std::string::npos);
  }

  TEST_CASE("an item without a 容缺 policy binds no supply date") {
    Application a = natural_days();
    a.submitted_on = date("2025-09-26");
    const BindResult bound = bind_application(basic(), a);
    REQUIRE(bound.application);
    const auto& impl = detail::BoundAccess::impl(*bound.application);
    CHECK_FALSE(impl.deadlines[detail::kToleranceSupply].date.has_value());
    CHECK(impl.deadlines[detail::kPromised].date == date("2025-09-26"));  // 即办
  }

  TEST_CASE("the JSON fast path binds the deadlines too") {
    detail::JsonDecider reader;
    Decision d;
    const std::string text =
        R"({"application": {"item": "T-EV-0001", "submitted_on": "2026-12-24"}})";
    REQUIRE(reader.decide(text, 0, "app.json", 1, basic(), std::nullopt, d));
    REQUIRE(d.application);
    const auto& impl = detail::BoundAccess::impl(*d.application);
    REQUIRE(impl.deadlines_ready);
    const Item& item = d.item();
    const auto limit = limits(item);
    for (std::size_t k = 0; k < 3; ++k) {
      const detail::BoundDeadline want =
          expected(basic().calendar(), date("2026-12-24"), *limit[k]);
      CHECK(impl.deadlines[k].date == want.date);
      CHECK(impl.deadlines[k].provisional == want.provisional);
    }
    // Issue #12's case: 20 working days from 2026-12-24 end on 2027-01-22, an estimate.
    CHECK(impl.deadlines[detail::kStatutory].date == date("2027-01-22"));
    CHECK(impl.deadlines[detail::kStatutory].provisional);
  }
}

}  // namespace
}  // namespace shenpi
