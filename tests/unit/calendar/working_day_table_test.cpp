// The working-day table behind add_working_days (Calendar::Year::nth, a
// look-up instead of a binary search): on every covered day, counting n
// working days must land where counting day by day does.
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

}  // namespace
}  // namespace shenpi
