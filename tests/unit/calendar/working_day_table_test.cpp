// The working-day tables behind add_working_days (Calendar::Year::nth, and
// the day ordinals over all covered years, look-ups instead of searches):
// on every covered day, counting n working days, the next working day and
// the 预计 flag must be what counting day by day gives.
#include "calendar/calendar_test_util.hpp"

namespace shenpi {
namespace {

using namespace calendar_test;

/// The day n working days after `start`, one day at a time; nullopt when
/// the count leaves the calendar.
std::optional<Date> count_day_by_day(const Calendar& cal, Date start, int n) {
  Date d = start;
  while (n > 0) {
    d = d + 1;
    const std::optional<bool> working = cal.is_working_day(d);
    if (!working) return std::nullopt;
    n -= *working ? 1 : 0;
  }
  return d;
}

TEST_CASE("calendar: add_working_days agrees with counting day by day on every covered day") {
  const Calendar& cal = national_calendar();
  const std::vector<int> years = cal.years();
  REQUIRE(!years.empty());
  const Date first = *Date::from_ymd(years.front(), 1, 1);
  const Date last = *Date::from_ymd(years.back(), 12, 31);
  int checked = 0;
  for (Date d = first; d <= last; d = d + 1) {
    if (!cal.covers(d)) continue;
    for (const int n : {1, 2, 5, 20, 60, 250, 400}) {
      const std::optional<Date> want = count_day_by_day(cal, d, n);
      const std::optional<Date> got = cal.add_working_days(d, n);
      REQUIRE_MESSAGE(got == want, d.to_string(), " + ", n);
      ++checked;
    }
  }
  CHECK(checked > 1000);
}

/// The first working day on or after `d`, one day at a time.
std::optional<Date> next_day_by_day(const Calendar& cal, Date d) {
  for (;; d = d + 1) {
    const std::optional<bool> working = cal.is_working_day(d);
    if (!working) return std::nullopt;
    if (*working) return d;
  }
}

/// Whether a day of [from, to] is in a provisional year, one day at a time.
bool provisional_day_by_day(const Calendar& cal, Date from, Date to) {
  for (Date d = from; d <= to; d = d + 1) {
    if (cal.covers(d) && cal.is_provisional(d.year())) return true;
  }
  return false;
}

/// Checks next_working_day and provisional_between on every covered day.
int check_every_day(const Calendar& cal) {
  const std::vector<int> years = cal.years();
  const Date first = *Date::from_ymd(years.front(), 1, 1);
  const Date last = *Date::from_ymd(years.back(), 12, 31);
  int checked = 0;
  for (Date d = first; d <= last; d = d + 7) {
    if (!cal.covers(d)) continue;
    REQUIRE_MESSAGE(cal.next_working_day(d) == next_day_by_day(cal, d), d.to_string());
    for (const int n : {0, 3, 30, 200}) {
      const Date to = d + n;
      REQUIRE_MESSAGE(cal.provisional_between(d, to) == provisional_day_by_day(cal, d, to),
                      d.to_string(), " .. ", to.to_string());
      CHECK(cal.provisional_between(to, d) == cal.provisional_between(d, to));
    }
    ++checked;
  }
  return checked;
}

TEST_CASE("calendar: next working day and the provisional flag agree with day by day") {
  const Calendar& cal = national_calendar();
  REQUIRE(cal.is_provisional(2027));  // the flag has something to find
  CHECK(check_every_day(cal) > 150);
}

TEST_CASE("calendar: with a gap between years, the per-year path gives the same answers") {
  Calendar cal;
  shenpi::detail::CalendarBuilder::add_year(cal, 2024, {}, {});
  shenpi::detail::CalendarBuilder::add_year(cal, 2026, {}, {}, true);
  CHECK(check_every_day(cal) > 90);
  CHECK(cal.add_working_days(date("2024-12-27"), 1) == date("2024-12-30"));
  CHECK_FALSE(cal.add_working_days(date("2024-12-27"), 5).has_value());
  // Filling the gap joins the years: counting crosses them now.
  shenpi::detail::CalendarBuilder::add_year(cal, 2025, {}, {});
  CHECK(cal.add_working_days(date("2024-12-27"), 5) == date("2025-01-03"));
  CHECK(check_every_day(cal) > 150);
}

TEST_CASE("calendar: a year added again or local days recount the tables") {
  Calendar cal = national_calendar();
  // 2025-10-09 is the first working day after National Day 2025.
  CHECK(cal.add_working_days(date("2025-09-30"), 1) == date("2025-10-09"));
  shenpi::detail::CalendarBuilder::add_year(cal, 2025, {}, {});  // weekends only
  CHECK(cal.add_working_days(date("2025-09-30"), 1) == date("2025-10-01"));
  shenpi::detail::CalendarBuilder::add_local_days(cal, {date("2025-10-01")}, {});
  CHECK(cal.add_working_days(date("2025-09-30"), 1) == date("2025-10-02"));
  CHECK(cal.next_working_day(date("2025-10-01")) == date("2025-10-02"));
}

}  // namespace
}  // namespace shenpi
