// Deadlines: promised, statutory and 容缺 supply dates in working days of
// the national calendar; the acceptance day itself is not counted.
#include "evaluate/eval_test_util.hpp"

namespace shenpi {
namespace {

using namespace eval_test;

TEST_SUITE("evaluate.deadlines") {
  TEST_CASE("across the 2025 National Day: 5 working days from 09-26 end on 10-10") {
    // 09-27 Sat off, 09-28 Sun is a make-up working day (1), 09-29 (2),
    // 09-30 (3), 10-01..10-08 off, 10-09 (4), 10-10 (5).
    Application a = good_application();
    drop_material(a, "plan");
    add(a.commitments, {"tolerance-letter"});
    const Decision d = decide(a);
    REQUIRE(d.deadlines.promised.has_value());
    REQUIRE(d.deadlines.statutory.has_value());
    REQUIRE(d.deadlines.tolerance.has_value());
    CHECK(*d.deadlines.promised == date("2025-10-10"));
    CHECK(*d.deadlines.tolerance == date("2025-10-10"));
    // 10-11 (Saturday) is a make-up working day: 20 working days end on 10-30.
    CHECK(*d.deadlines.statutory == date("2025-10-30"));
  }

  TEST_CASE("the acceptance day is not counted") {
    Application a = good_application();
    a.submitted_on = date("2025-09-22");  // Monday
    const Decision d = decide(a);
    // 09-23, 24, 25, 26 and the make-up Sunday 09-28.
    CHECK(*d.deadlines.promised == date("2025-09-28"));
  }

  TEST_CASE("an application received on a day off counts from the next working days") {
    Application a = good_application();
    a.submitted_on = date("2025-10-03");
    const Decision d = decide(a);
    // 10-09, 10-10, 10-11 (make-up Saturday), 10-13, 10-14.
    CHECK(*d.deadlines.promised == date("2025-10-14"));
  }

  TEST_CASE("即办 is due the same day; natural days end on a working day") {
    Application a;
    a.item = "T-EV-0002";
    a.submitted_on = date("2025-09-26");
    add(a.materials, {"form", "photo"});
    const Decision d = decide(a);
    CHECK(*d.outcome == Outcome::accept);
    CHECK(*d.deadlines.promised == date("2025-09-26"));
    // 15 natural days: 10-11, a Saturday but a make-up working day.
    CHECK(*d.deadlines.statutory == date("2025-10-11"));
    CHECK_FALSE(d.deadlines.tolerance.has_value());
  }

  TEST_CASE("natural days ending on a holiday move to the next working day") {
    Application a;
    a.item = "T-EV-0002";
    a.submitted_on = date("2025-09-20");  // + 15 = 10-05, inside the holiday
    add(a.materials, {"form", "photo"});
    CHECK(*decide(a).deadlines.statutory == date("2025-10-09"));
  }

  TEST_CASE("Spring Festival 2026: deadlines cross the year's longest holiday") {
    Application a = good_application();
    a.submitted_on = date("2026-02-12");  // Thursday; 02-14 Sat is a make-up working day
    const Decision d = decide(a);
    // 02-13 (1), 02-14 (2), 02-15..02-23 off, 02-24 (3), 02-25 (4), 02-26 (5).
    CHECK(*d.deadlines.promised == date("2026-02-26"));
  }

  TEST_CASE("into the provisional 2027: accepted, the statutory date an estimate") {
    // Issue #12: submitted 2026-12-24, 20 working days: 5 left in 2026, then
    // 2027-01-01 (元旦) off, 15 more: 2027-01-22 on the provisional calendar.
    Application a = good_application();
    a.submitted_on = date("2026-12-24");
    const Decision d = basic().evaluate(a);
    REQUIRE(d.valid());
    CHECK(*d.deadlines.promised == date("2026-12-31"));
    CHECK(*d.deadlines.statutory == date("2027-01-22"));
    CHECK_FALSE(d.deadlines.provisional.promised);
    CHECK(d.deadlines.provisional.statutory);
    CHECK(d.deadlines.provisional.any());
    CHECK(decision_to_json(d).find("\"provisional\": true") != std::string::npos);
    const std::string notice = render_notice(d);
    CHECK(notice.find("截至2027年1月22日，预计") != std::string::npos);
    CHECK(notice.find("2026年12月31日前办结") != std::string::npos);
  }

  TEST_CASE("no deadline inside official years is provisional") {
    const Decision d = decide(good_application());
    REQUIRE(d.valid());
    CHECK_FALSE(d.deadlines.provisional.any());
    CHECK(decision_to_json(d).find("provisional") == std::string::npos);
  }

  TEST_CASE("a deadline beyond the loaded calendar is an error, not a guess") {
    Application a = good_application();
    a.submitted_on = date("2027-12-21");  // 20 working days reach into 2028
    const Decision d = basic().evaluate(a);
    CHECK_FALSE(d.valid());
    REQUIRE(d.diagnostics.size() >= 1);
    CHECK(d.diagnostics.front().code == "SP504");
  }

  TEST_CASE("no deadline is computed for what is not accepted") {
    Application a = good_application();
    a.submitted_on = date("2026-12-21");
    drop_material(a, "form");
    // Supplement: the clock does not run, so the calendar's end does not matter.
    const Decision d = decide(a);
    CHECK(*d.outcome == Outcome::supplement);
    CHECK_FALSE(d.deadlines.promised.has_value());
    CHECK_FALSE(d.deadlines.statutory.has_value());
  }
}

}  // namespace
}  // namespace shenpi
