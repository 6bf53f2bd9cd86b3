// Working-day arithmetic on the shipped national calendars (rules/calendar).
#include <doctest/doctest.h>

#include "calendar_test_util.hpp"

using shenpi::Calendar;
using shenpi::CalendarError;
using shenpi::Date;
using shenpi::Duration;
using shenpi::calendar_test::date;
using shenpi::calendar_test::national_calendar;

TEST_SUITE("calendar.arithmetic") {
  TEST_CASE("the shipped years and their working days") {
    const Calendar& cal = national_calendar();
    // 2027 is the provisional file until the State Council publishes the year.
    CHECK(cal.years() == std::vector<int>{2024, 2025, 2026, 2027});
    CHECK(cal.working_days_in_year(2024) == 251);
    CHECK(cal.working_days_in_year(2025) == 248);
    CHECK(cal.working_days_in_year(2026) == 248);
    CHECK(cal.working_days_in_year(2027) == 248);
    CHECK_FALSE(cal.working_days_in_year(2028).has_value());
    // (from, to]: 1 January is a holiday every year, so the whole year counts.
    CHECK(cal.working_days_between(date("2024-01-01"), date("2024-12-31")) == 251);
    CHECK(cal.working_days_between(date("2024-12-31"), date("2026-12-31")) == 248 + 248);
  }

  TEST_CASE("is_working_day: weekends, holidays, make-up days") {
    const Calendar& cal = national_calendar();
    CHECK(cal.is_working_day(date("2025-09-26")) == true);   // Friday
    CHECK(cal.is_working_day(date("2025-09-27")) == false);  // Saturday
    CHECK(cal.is_working_day(date("2025-09-28")) == true);   // Sunday, 调休
    CHECK(cal.is_working_day(date("2025-10-08")) == false);  // Wednesday, 国庆节
    CHECK(cal.is_working_day(date("2025-10-11")) == true);   // Saturday, 调休
    CHECK(cal.is_working_day(date("2026-02-14")) == true);
    CHECK(cal.is_working_day(date("2026-02-23")) == false);  // Monday, 春节
    CHECK(cal.is_working_day(date("2024-02-29")) == true);
    CHECK_FALSE(cal.is_working_day(date("2023-12-29")).has_value());
    CHECK(cal.day_off_name(date("2025-10-03")) == "国庆节、中秋节");
    CHECK(cal.day_off_name(date("2026-02-16")) == "春节");
    CHECK(cal.day_off_name(date("2025-09-27")).empty());
  }

  TEST_CASE("5 working days from 2025-09-26 across National Day 2025") {
    // Counted: 09-28 (Sun, 调休), 09-29, 09-30; 10-01..10-08 off; 10-09, 10-10.
    const Calendar& cal = national_calendar();
    CHECK(cal.add_working_days(date("2025-09-26"), 1) == date("2025-09-28"));
    CHECK(cal.add_working_days(date("2025-09-26"), 3) == date("2025-09-30"));
    CHECK(cal.add_working_days(date("2025-09-26"), 4) == date("2025-10-09"));
    CHECK(cal.add_working_days(date("2025-09-26"), 5) == date("2025-10-10"));
    CHECK(cal.add_working_days(date("2025-09-26"), 6) == date("2025-10-11"));  // Saturday, 调休
    CHECK(cal.add_working_days(date("2025-09-26"), 7) == date("2025-10-13"));
    CHECK(cal.add_working_days(date("2025-09-26"), 20) == date("2025-10-30"));
    CHECK(cal.working_days_between(date("2025-09-26"), date("2025-10-10")) == 5);
    CHECK(cal.working_days_between(date("2025-10-10"), date("2025-09-26")) == -5);
    CHECK(cal.working_days_between(date("2025-10-01"), date("2025-10-08")) == 0);
  }

  TEST_CASE("limits across the 2026 Spring Festival") {
    // 02-14 (Sat) works, 02-15..02-23 off, 02-28 (Sat) works.
    const Calendar& cal = national_calendar();
    CHECK(cal.add_working_days(date("2026-02-12"), 1) == date("2026-02-13"));
    CHECK(cal.add_working_days(date("2026-02-12"), 2) == date("2026-02-14"));
    CHECK(cal.add_working_days(date("2026-02-12"), 3) == date("2026-02-24"));
    CHECK(cal.add_working_days(date("2026-02-12"), 7) == date("2026-02-28"));
    CHECK(cal.add_working_days(date("2026-02-12"), 8) == date("2026-03-02"));
    CHECK(cal.add_working_days(date("2026-02-16"), 1) ==
          date("2026-02-24"));  // from inside the holiday
    CHECK(cal.working_days_between(date("2026-02-13"), date("2026-02-24")) == 2);
    CHECK(cal.due_date(date("2026-02-12"), Duration{5, Duration::Unit::working_days}) ==
          date("2026-02-26"));
  }

  TEST_CASE("0 working days (即办) is the same day") {
    const Calendar& cal = national_calendar();
    CHECK(cal.add_working_days(date("2025-09-26"), 0) == date("2025-09-26"));
    CHECK(cal.add_working_days(date("2025-10-01"), 0) == date("2025-10-01"));
    CHECK(cal.due_date(date("2025-10-01"), *shenpi::parse_duration("即办")) == date("2025-10-01"));
  }

  TEST_CASE("a natural-day limit ending on a day off moves to the next working day") {
    const Calendar& cal = national_calendar();
    const Duration five{5, Duration::Unit::natural_days};
    CHECK(cal.due_date(date("2025-09-26"), five) == date("2025-10-09"));  // 10-01 is 国庆节
    CHECK(cal.due_date(date("2026-01-29"), Duration{20, Duration::Unit::natural_days}) ==
          date("2026-02-24"));
    CHECK(cal.due_date(date("2025-09-22"), five) == date("2025-09-28"));  // Saturday → Sunday, 调休
    CHECK(cal.due_date(date("2025-09-15"), five) == date("2025-09-22"));  // Saturday → Monday
    CHECK(cal.due_date(date("2025-09-16"), five) == date("2025-09-22"));  // Sunday → Monday
    CHECK(cal.due_date(date("2025-09-17"), five) == date("2025-09-22"));  // a working day stays
    CHECK(cal.next_working_day(date("2025-10-01")) == date("2025-10-09"));
    CHECK(cal.next_working_day(date("2025-10-09")) == date("2025-10-09"));
  }

  TEST_CASE("leap day 2024") {
    const Calendar& cal = national_calendar();
    CHECK(cal.add_working_days(date("2024-02-28"), 1) == date("2024-02-29"));
    CHECK(cal.add_working_days(date("2024-02-26"), 4) == date("2024-03-01"));
    CHECK(cal.working_days_between(date("2024-02-28"), date("2024-03-01")) == 2);
    CHECK(cal.due_date(date("2024-02-28"), Duration{2, Duration::Unit::natural_days}) ==
          date("2024-03-01"));
    // Spring Festival 2024: 02-10..02-17 off, 02-18 (Sun) works.
    CHECK(cal.working_days_between(date("2024-02-09"), date("2024-02-19")) == 2);
    CHECK(cal.add_working_days(date("2024-12-31"), 0) == date("2024-12-31"));
  }

  TEST_CASE("counting crosses years") {
    const Calendar& cal = national_calendar();
    CHECK(cal.add_working_days(date("2025-12-31"), 1) ==
          date("2026-01-04"));  // 元旦 01-01..03, 01-04 works
    CHECK(cal.add_working_days(date("2024-12-31"), 248 + 248) == date("2026-12-31"));
    CHECK(cal.working_days_between(date("2025-12-30"), date("2026-01-05")) == 3);
    CHECK(cal.next_working_day(date("2024-12-31")) == date("2024-12-31"));
  }

  TEST_CASE("dates outside the calendar are errors, never guesses") {
    const Calendar& cal = national_calendar();
    CalendarError e;
    CHECK_FALSE(cal.add_working_days(date("2023-12-29"), 1, &e).has_value());
    CHECK(e.date == date("2023-12-29"));
    CHECK(e.message ==
          "2023-12-29 is outside the calendar (the calendar covers 2024–2027, 2027 provisional)");
    CHECK_FALSE(cal.add_working_days(date("2027-12-30"), 2, &e).has_value());
    CHECK(e.date == date("2028-01-01"));
    CHECK(cal.add_working_days(date("2027-12-30"), 1) == date("2027-12-31"));
    CHECK_FALSE(cal.working_days_between(date("2025-01-01"), date("2028-01-04"), &e).has_value());
    CHECK(e.date == date("2028-01-04"));
    CHECK_FALSE(cal.due_date(date("2027-12-20"), Duration{20, Duration::Unit::natural_days}, &e)
                    .has_value());
    CHECK_FALSE(cal.next_working_day(date("2027-12-31") + 1, &e).has_value());
    CHECK_FALSE(cal.add_working_days(date("2025-01-02"), -1, &e).has_value());
    // Huge counts fail cleanly instead of overflowing.
    CHECK_FALSE(cal.add_working_days(date("2025-01-02"), 2147483647, &e).has_value());
    CHECK(e.date == date("2028-01-01"));
    CHECK_FALSE(
        cal.due_date(date("2025-01-02"), Duration{2147483647, Duration::Unit::natural_days}, &e));
    CHECK(e.date == date("2028-01-01"));
    CHECK_FALSE(cal.due_date(date("2025-01-02"), Duration{-3, Duration::Unit::natural_days}, &e));
    CHECK(cal.add_working_days(date("2025-01-02"), 1) ==
          date("2025-01-03"));  // no error pointer needed
    const Calendar empty;
    CHECK_FALSE(empty.add_working_days(date("2025-01-02"), 1, &e).has_value());
    CHECK(e.message == "2025-01-02 is outside the calendar (no calendar year is loaded)");
  }

  TEST_CASE("a gap between covered years is not crossed") {
    Calendar cal;
    shenpi::detail::CalendarBuilder::add_year(cal, 2024, {}, {});
    shenpi::detail::CalendarBuilder::add_year(cal, 2026, {}, {});
    CalendarError e;
    CHECK_FALSE(cal.working_days_between(date("2024-12-30"), date("2026-01-05"), &e).has_value());
    CHECK(e.message == "2025 is not in the calendar (the calendar covers 2024, 2026)");
    CHECK_FALSE(cal.add_working_days(date("2024-12-30"), 5, &e).has_value());
    CHECK(e.date == date("2025-01-01"));
  }

  TEST_CASE("local days off and on") {
    Calendar cal = national_calendar();
    shenpi::detail::CalendarBuilder::add_local_days(
        cal, {date("2025-03-03")}, {date("2025-03-08")});  // a local holiday; a Saturday worked
    CHECK(cal.is_working_day(date("2025-03-03")) == false);
    CHECK(cal.is_working_day(date("2025-03-08")) == true);
    CHECK(cal.working_days_in_year(2025) == 248);
    CHECK(cal.add_working_days(date("2025-02-28"), 1) == date("2025-03-04"));
    // Local days survive a year added again later.
    shenpi::detail::CalendarBuilder::add_year(cal, 2025, {}, {});
    CHECK(cal.is_working_day(date("2025-03-03")) == false);
    CHECK(national_calendar().is_working_day(date("2025-03-03")) == true);
  }
}
