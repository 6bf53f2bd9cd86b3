// Calendar files and their checks (SP501–SP505, SP1xx), case files (SP701).
#include <doctest/doctest.h>

#include "calendar_test_util.hpp"

using shenpi::Calendar;
using shenpi::Diagnostic;
using shenpi::calendar_test::date;
using shenpi::detail::load_calendar_year;
using shenpi::detail::load_case;
using shenpi::detail::load_local_calendar;
using shenpi::detail::parse_yaml_text;

namespace {

struct Loaded {
  std::vector<Diagnostic> out;
  Calendar cal;
  std::optional<int> year;
};

Loaded load_year(const std::string& text, const std::string& name = "cn-2025.yaml") {
  Loaded l;
  auto doc = parse_yaml_text(text, name, l.out);
  REQUIRE(doc.has_value());
  l.year = load_calendar_year(*doc, l.cal, l.out);
  return l;
}

Loaded load_local(const std::string& text) {
  Loaded l;
  l.cal = shenpi::calendar_test::national_calendar();
  auto doc = parse_yaml_text(text, "calendar.yaml", l.out);
  REQUIRE(doc.has_value());
  load_local_calendar(*doc, l.cal, l.out);
  return l;
}

constexpr const char* kHead =
    "calendar:\n"
    "  year: 2025\n"
    "  notice: test\n";

}  // namespace

TEST_SUITE("calendar.load") {
  TEST_CASE("a well-formed year") {
    auto l = load_year(std::string(kHead) +
                       "  holidays:\n"
                       "    - { name: 春节, from: 2025-01-28, to: 2025-02-04 }\n"
                       "    - 2025-05-02\n"
                       "    - { name: 元旦, days: [2025-01-01] }\n"
                       "  working_days: [2025-01-26, 2025-02-08]\n");
    CHECK_MESSAGE(l.out.empty(), shenpi::calendar_test::dump(l.out));
    CHECK(l.year == 2025);
    CHECK(l.cal.is_working_day(date("2025-01-28")) == false);
    CHECK(l.cal.is_working_day(date("2025-01-26")) == true);
    CHECK(l.cal.is_working_day(date("2025-05-02")) == false);
    CHECK(l.cal.day_off_name(date("2025-01-01")) == "元旦");
  }

  TEST_CASE("SP501: a date outside the file's year, and a year unlike the file name") {
    auto l = load_year(std::string(kHead) +
                       "  holidays:\n"
                       "    - { name: 元旦, days: [2024-01-01] }\n"
                       "  working_days: [2026-01-04]\n");
    CHECK_DIAG(l.out, "SP501", 5, 30);  // columns count bytes, as yaml-cpp does
    CHECK_DIAG(l.out, "SP501", 6, 18);
    CHECK_FALSE(l.year.has_value());
    CHECK(l.cal.years().empty());
    auto named = load_year(std::string(kHead) + "  holidays: []\n", "rules/calendar/cn-2024.yaml");
    CHECK_DIAG(named.out, "SP501", 2, 9);
  }

  TEST_CASE("SP502: a weekday listed as make-up working day") {
    auto l = load_year(std::string(kHead) +
                       "  holidays: []\n"
                       "  working_days:\n"
                       "    - 2025-09-28\n"
                       "    - 2025-09-29\n");
    CHECK_DIAG(l.out, "SP502", 7, 7);
    CHECK(l.out.size() == 1);
    CHECK(l.out[0].message ==
          "2025-09-29 is a Monday, already a working day; working_days (调休) lists only weekend "
          "days");
  }

  TEST_CASE("SP503: a day both holiday and working day") {
    auto l = load_year(std::string(kHead) +
                       "  holidays:\n"
                       "    - { name: 国庆节, from: 2025-10-01, to: 2025-10-08 }\n"
                       "  working_days: [2025-10-04]\n");
    CHECK_DIAG(l.out, "SP503", 6, 18);
    REQUIRE(l.out.size() == 1);
    REQUIRE(l.out[0].notes.size() == 1);
    CHECK(l.out[0].notes[0].location.line == 5);
    CHECK(l.out[0].notes[0].location.column == 32);
  }

  TEST_CASE("SP109: malformed dates") {
    auto l = load_year(std::string(kHead) +
                       "  holidays:\n"
                       "    - { name: 春节, from: 2025-1-28, to: 2025-02-04 }\n"
                       "    - 2025-02-30\n"
                       "  working_days: [26.01.2025]\n");
    CHECK_DIAG(l.out, "SP109", 5, 29);
    CHECK_DIAG(l.out, "SP109", 6, 7);
    CHECK_DIAG(l.out, "SP109", 7, 18);
    CHECK_FALSE(l.year.has_value());
  }

  TEST_CASE("SP102, SP103, SP104: structure") {
    auto l = load_year(
        "calendar:\n"
        "  year: 2025\n"
        "  holiday: []\n"
        "  working_days: 2025-01-26\n");
    CHECK_DIAG(l.out, "SP102", 3, 3);
    CHECK_DIAG(l.out, "SP103", 4, 17);
    CHECK_DIAG(l.out, "SP104", 2, 3);  // notice and holidays
    auto entry = load_year(std::string(kHead) +
                           "  holidays:\n"
                           "    - { name: 春节, from: 2025-01-28 }\n"
                           "    - { name: 清明, days: [2025-04-04], to: 2025-04-06 }\n"
                           "    - [2025-01-01]\n"
                           "    - { name: 五一, from: 2025-05-05, to: 2025-05-01 }\n");
    CHECK_DIAG(entry.out, "SP104", 5, 7);
    CHECK_DIAG(entry.out, "SP102", 6, 29);  // days with to
    CHECK_DIAG(entry.out, "SP103", 7, 7);
    CHECK_DIAG(entry.out, "SP108", 8, 45);
    auto root = load_year("- 2025-01-01\n");
    CHECK_DIAG(root.out, "SP103", 1, 1);
    auto year = load_year("calendar: { year: twenty, notice: x, holidays: [] }\n");
    CHECK_DIAG(year.out, "SP103", 1, 19);
  }

  TEST_CASE("SP505 and SP105: calendar folders") {
    std::vector<Diagnostic> out;
    Calendar cal;
    shenpi::detail::load_calendar_dir(SHENPI_FIXTURES "/calendar/no-calendar", cal, out);
    REQUIRE(out.size() == 1);
    CHECK(out[0].code == "SP505");
    out.clear();
    shenpi::detail::load_calendar_dir(SHENPI_FIXTURES "/calendar/duplicate-year", cal, out);
    REQUIRE(out.size() == 1);
    CHECK(out[0].code == "SP105");
    CHECK(cal.years() == std::vector<int>{2025});
  }

  TEST_CASE("a local calendar extends the national one") {
    auto l = load_local(
        "calendar:\n"
        "  extends: cn\n"
        "  name: 某自治州\n"
        "  days_off:\n"
        "    - { name: 自治州成立纪念日, days: [2025-03-03] }\n"
        "  working_days: [2025-03-08]\n");
    CHECK_MESSAGE(l.out.empty(), shenpi::calendar_test::dump(l.out));
    CHECK(l.cal.is_working_day(date("2025-03-03")) == false);
    CHECK(l.cal.is_working_day(date("2025-03-08")) == true);
    CHECK(l.cal.day_off_name(date("2025-03-03")) == "自治州成立纪念日");
    CHECK(l.cal.is_working_day(date("2025-10-01")) == false);
  }

  TEST_CASE("local calendar checks") {
    auto l = load_local(
        "calendar:\n"
        "  extends: cn\n"
        "  days_off: [2028-01-05, 2025-03-03]\n"
        "  working_days: [2025-03-03, 2025-03-04]\n");
    CHECK_DIAG(l.out, "SP504", 3, 14);
    CHECK_DIAG(l.out, "SP503", 4, 18);
    CHECK_DIAG(l.out, "SP502", 4, 30);
    CHECK(l.cal.is_working_day(date("2025-03-03")) == true);  // nothing applied
    auto base = load_local("calendar: { extends: hk, days_off: [] }\n");
    CHECK_DIAG(base.out, "SP108", 1, 22);
    auto missing = load_local("calendar: { days_off: [] }\n");
    CHECK_DIAG(missing.out, "SP104", 1, 11);
  }

  TEST_CASE("case files") {
    std::vector<Diagnostic> out;
    auto doc = parse_yaml_text(
        "case:\n"
        "  limit: 20 working days\n"
        "  extension: 10个工作日\n"
        "  today: 2025-11-03\n"
        "  events:\n"
        "    - { on: 2025-09-26, event: accepted }\n"
        "    - { on: 2025-10-09, event: extension_granted, extension: 5 working days }\n",
        "case.yaml", out);
    REQUIRE(doc);
    auto c = load_case(*doc, out);
    REQUIRE_MESSAGE(c.has_value(), shenpi::calendar_test::dump(out));
    CHECK(c->limit == shenpi::Duration{20, shenpi::Duration::Unit::working_days});
    CHECK(c->extension == shenpi::Duration{10, shenpi::Duration::Unit::working_days});
    CHECK(c->today == date("2025-11-03"));
    CHECK(c->today_location.line == 4);
    REQUIRE(c->events.size() == 2);
    CHECK(c->events[1].kind == shenpi::ClockEventKind::extension_granted);
    CHECK(c->events[1].extension->count == 5);
    CHECK(c->events[1].location.line == 7);
  }

  TEST_CASE("case file errors: SP701 and friends") {
    auto errors = [](const std::string& text) {
      std::vector<Diagnostic> out;
      auto doc = parse_yaml_text(text, "case.yaml", out);
      REQUIRE(doc);
      CHECK_FALSE(load_case(*doc, out).has_value());
      return out;
    };
    CHECK_DIAG(errors("application: {}\n"), "SP701", 1, 1);
    CHECK_DIAG(errors("case: { events: [] }\n"), "SP701", 1, 7);
    CHECK_DIAG(errors("case: { limit: 20 weeks, events: [] }\n"), "SP107", 1, 16);
    CHECK_DIAG(errors("case: { limit: promised, events: [] }\n"), "SP104", 1, 16);
    CHECK_DIAG(errors("case: { limit: 5 days }\n"), "SP104", 1, 7);
    CHECK_DIAG(errors("case: { limit: 5 days, events: [{ on: 2025-09-26, event: opened }] }\n"),
               "SP108", 1, 58);
    CHECK_DIAG(errors("case: { limit: 5 days, events: [{ on: 2025-9-26, event: accepted }] }\n"),
               "SP109", 1, 39);
    CHECK_DIAG(errors("case: { limit: 5 days, events: [{ on: 2025-09-26, event: accepted, "
                      "extension: 5 days }] }\n"),
               "SP102", 1, 79);
    CHECK_DIAG(errors("case: { limit: 5 days, when: x, events: [] }\n"), "SP102", 1, 24);
  }
}
