// Provisional years: lunar dates, 清明, the 办法's holidays with 补假, the
// provisional flag through counting, official years replacing provisional ones.
#include <doctest/doctest.h>

#include "base/provisional.hpp"
#include "calendar_test_util.hpp"
#include "load/calendar_load.hpp"

using shenpi::Calendar;
using shenpi::Date;
using shenpi::Diagnostic;
using shenpi::Holiday;
using shenpi::calendar_test::date;
using shenpi::calendar_test::national_calendar;
using shenpi::detail::lunar_date;
using shenpi::detail::qingming;
using shenpi::detail::statutory_holidays;

namespace {

/// 正月初一, 端午 and 中秋 as the State Council notices of each year give them.
struct LunarFestivals {
  int year;
  const char* spring;
  const char* dragon;
  const char* autumn;
};

constexpr LunarFestivals kNoticed[] = {
    {2017, "2017-01-28", "2017-05-30", "2017-10-04"},
    {2018, "2018-02-16", "2018-06-18", "2018-09-24"},
    {2019, "2019-02-05", "2019-06-07", "2019-09-13"},
    {2020, "2020-01-25", "2020-06-25", "2020-10-01"},
    {2021, "2021-02-12", "2021-06-14", "2021-09-21"},
    {2022, "2022-02-01", "2022-06-03", "2022-09-10"},
    {2023, "2023-01-22", "2023-06-22", "2023-09-29"},
    {2024, "2024-02-10", "2024-06-10", "2024-09-17"},
    {2025, "2025-01-29", "2025-05-31", "2025-10-06"},
    {2026, "2026-02-17", "2026-06-19", "2026-09-25"},
    {2027, "2027-02-06", "2027-06-09", "2027-09-15"},
};

std::vector<Date> days_of(const std::vector<Holiday>& holidays) {
  std::vector<Date> out;
  for (const Holiday& h : holidays) {
    for (Date d = h.from; d <= h.to; d = d + 1) out.push_back(d);
  }
  return out;
}

}  // namespace

TEST_CASE("lunar festivals match the State Council notices 2017-2027") {
  for (const auto& f : kNoticed) {
    CAPTURE(f.year);
    CHECK(lunar_date(f.year, 1, 1) == date(f.spring));
    CHECK(lunar_date(f.year, 5, 5) == date(f.dragon));
    CHECK(lunar_date(f.year, 8, 15) == date(f.autumn));
  }
  // 2025 has a leap sixth month: 中秋 comes after it.
  CHECK(lunar_date(2025, 7, 1) == date("2025-08-23"));
  CHECK_FALSE(lunar_date(1999, 1, 1).has_value());
  CHECK_FALSE(lunar_date(2033, 1, 1).has_value());
  CHECK_FALSE(lunar_date(2027, 13, 1).has_value());
  CHECK_FALSE(lunar_date(2027, 1, 31).has_value());
}

TEST_CASE("the computed festivals are days off in the official files 2024-2026") {
  const Calendar& cal = national_calendar();
  for (int year = 2024; year <= 2026; ++year) {
    CAPTURE(year);
    for (const auto& day : {lunar_date(year, 1, 1), lunar_date(year, 5, 5), lunar_date(year, 8, 15),
                            qingming(year)}) {
      REQUIRE(day.has_value());
      CHECK(cal.is_working_day(*day) == false);
    }
  }
}

TEST_CASE("清明 by the 寿星 formula") {
  CHECK(qingming(2024) == date("2024-04-04"));
  CHECK(qingming(2025) == date("2025-04-04"));
  CHECK(qingming(2026) == date("2026-04-05"));
  CHECK(qingming(2027) == date("2027-04-05"));
  CHECK(qingming(2008) == date("2008-04-04"));
  CHECK_FALSE(qingming(2033).has_value());
}

TEST_CASE("the statutory holidays of 2027 with 补假") {
  const auto h = statutory_holidays(2027);
  REQUIRE(h.has_value());
  const std::vector<Holiday> want = {
      {"元旦", date("2027-01-01"), date("2027-01-01")},
      // 除夕 Friday to 初三 Monday; Saturday and Sunday made up on Tuesday and Wednesday.
      {"春节", date("2027-02-05"), date("2027-02-10")},
      {"清明节", date("2027-04-05"), date("2027-04-05")},
      // May 1–2 are a weekend: made up on Monday and Tuesday.
      {"劳动节", date("2027-05-01"), date("2027-05-04")},
      {"端午节", date("2027-06-09"), date("2027-06-09")},
      {"中秋节", date("2027-09-15"), date("2027-09-15")},
      {"国庆节", date("2027-10-01"), date("2027-10-05")},
  };
  CHECK(*h == want);
  Calendar cal;
  shenpi::detail::CalendarBuilder::add_year(cal, 2027, days_of(*h), {}, true);
  // 261 weekdays, 13 of them off.
  CHECK(cal.working_days_in_year(2027) == 248);
  CHECK(cal.is_provisional(2027));
  CHECK_FALSE(statutory_holidays(2040).has_value());
}

TEST_CASE("a 元旦 on a Saturday is made up on Monday; a weekday 春节 owes nothing") {
  // 2028-01-01 is a Saturday; 2028 春节: 除夕 Tuesday 01-25.
  const auto h = statutory_holidays(2028);
  REQUIRE(h.has_value());
  CHECK(h->front() == Holiday{"元旦", date("2028-01-01"), date("2028-01-03")});
  CHECK((*h)[1] == Holiday{"春节", date("2028-01-25"), date("2028-01-28")});
}

TEST_CASE("the shipped 2027 is provisional and agrees with the 办法") {
  const Calendar& cal = national_calendar();
  CHECK(cal.is_provisional(2027));
  CHECK_FALSE(cal.is_provisional(2026));
  const auto h = statutory_holidays(2027);
  REQUIRE(h.has_value());
  for (Date d : days_of(*h)) CHECK(cal.is_working_day(d) == false);
  CHECK(cal.day_off_name(date("2027-02-09")) == "春节");
}

TEST_CASE("a date counted across a provisional year is flagged") {
  const Calendar& cal = national_calendar();
  // Submitted 2026-12-24 with 20 working days: 5 in 2026, 15 in 2027.
  const auto due = cal.add_working_days(date("2026-12-24"), 20);
  CHECK(due == date("2027-01-22"));
  CHECK(cal.provisional_between(date("2026-12-24"), *due));
  CHECK(cal.provisional_between(*due, date("2026-12-24")));
  CHECK_FALSE(cal.provisional_between(date("2026-12-01"), date("2026-12-31")));
  CHECK(cal.working_days_between(date("2026-12-24"), date("2027-01-22")) == 20);
}

TEST_CASE("an official year replaces a provisional one in either order") {
  const auto h = statutory_holidays(2027);
  REQUIRE(h.has_value());
  // A made-up official arrangement: eight days for 春节 and a 调休 Saturday.
  std::vector<Date> off;
  for (Date d = date("2027-02-05"); d <= date("2027-02-12"); d = d + 1) off.push_back(d);
  const std::vector<Date> on = {date("2027-02-20")};
  Calendar a;
  CHECK(shenpi::detail::CalendarBuilder::add_year(a, 2027, days_of(*h), {}, true));
  shenpi::detail::CalendarBuilder::add_holiday_names(a, *h);
  CHECK(shenpi::detail::CalendarBuilder::add_year(a, 2027, off, on, false));
  CHECK_FALSE(a.is_provisional(2027));
  CHECK(a.is_working_day(date("2027-02-20")) == true);
  // The provisional names went with their year.
  CHECK(a.day_off_name(date("2027-10-04")).empty());
  Calendar b;
  CHECK(shenpi::detail::CalendarBuilder::add_year(b, 2027, off, on, false));
  CHECK_FALSE(shenpi::detail::CalendarBuilder::add_year(b, 2027, days_of(*h), {}, true));
  CHECK_FALSE(b.is_provisional(2027));
  CHECK(b.is_working_day(date("2027-02-11")) == false);
}

TEST_CASE("a folder with the official and the provisional 2027: the official wins, silently") {
  Calendar cal;
  std::vector<Diagnostic> out;
  shenpi::detail::load_calendar_dir(SHENPI_FIXTURES "/calendar/official-2027", cal, out);
  CHECK(out.empty());
  CHECK(cal.years() == std::vector<int>{2027});
  CHECK_FALSE(cal.is_provisional(2027));
  CHECK(cal.is_working_day(date("2027-02-20")) == true);   // the made-up 调休
  CHECK(cal.is_working_day(date("2027-02-11")) == false);  // its longer 春节
  CHECK(cal.add_working_days(date("2027-02-01"), 10) == date("2027-02-22"));
}

TEST_CASE("provisional files: SP506 for 调休, SP507 for other days, SP508 out of range") {
  Calendar cal;
  std::vector<Diagnostic> out;
  shenpi::detail::load_calendar_dir(SHENPI_FIXTURES "/calendar/provisional-bad", cal, out);
  CHECK_DIAG(out, "SP507", 8, 5);
  CHECK_DIAG(out, "SP506", 15, 17);
  CHECK(cal.years().empty());
  out.clear();
  shenpi::detail::load_calendar_dir(SHENPI_FIXTURES "/calendar/provisional-2040", cal, out);
  CHECK_DIAG(out, "SP508", 3, 9);
  CHECK(cal.years().empty());
  out.clear();
  shenpi::detail::load_calendar_dir(SHENPI_FIXTURES "/calendar/no-such-folder", cal, out);
  REQUIRE(out.size() == 1);
  CHECK(out.front().code == "SP505");
}
