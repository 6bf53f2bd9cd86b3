// Civil dates, durations and validity periods.
#include <doctest/doctest.h>

#include "calendar_test_util.hpp"
#include "shenpi/calendar.hpp"

using shenpi::Date;
using shenpi::Duration;
using shenpi::parse_duration;
using shenpi::calendar_test::date;

TEST_SUITE("calendar.date") {
  TEST_CASE("days from civil round-trips") {
    CHECK(Date::from_ymd(1970, 1, 1)->days() == 0);
    CHECK(Date::from_ymd(1969, 12, 31)->days() == -1);
    CHECK(Date::from_ymd(2000, 3, 1)->days() == 11017);
    for (int n = -800000; n < 3000000; n += 997) {
      const Date d = Date::from_days(n);
      if (d.year() < 1 || d.year() > 9999) continue;
      const auto back = Date::from_ymd(d.year(), d.month(), d.day());
      REQUIRE(back.has_value());
      CHECK(back->days() == n);
      CHECK(Date::parse(d.to_string()) == d);
    }
  }

  TEST_CASE("weekdays are ISO") {
    CHECK(date("1970-01-01").weekday() == 4);
    CHECK(date("2025-09-26").weekday() == 5);
    CHECK(date("2025-09-28").weekday() == 7);
    CHECK(date("2024-02-29").weekday() == 4);
    CHECK(date("1969-12-29").weekday() == 1);
  }

  TEST_CASE("leap days") {
    CHECK(Date::from_ymd(2024, 2, 29).has_value());
    CHECK_FALSE(Date::from_ymd(2025, 2, 29).has_value());
    CHECK_FALSE(Date::from_ymd(1900, 2, 29).has_value());
    CHECK(Date::from_ymd(2000, 2, 29).has_value());
    CHECK(date("2024-02-28") + 1 == date("2024-02-29"));
    CHECK(date("2024-02-28") + 2 == date("2024-03-01"));
    CHECK(date("2025-03-01") - date("2025-02-28") == 1);
  }

  TEST_CASE("parse is strict YYYY-MM-DD") {
    CHECK(date("2025-09-26").to_string() == "2025-09-26");
    CHECK(date("0001-01-01").to_string() == "0001-01-01");
    for (const char* bad : {"2025-9-26", "2025/09/26", "2025-09-26 ", " 2025-09-26", "20250926",
                            "2025-13-01", "2025-00-10", "2025-04-31", "2025-09-00", "0000-01-01",
                            "2025-0a-01", "", "+025-01-01", "2025-09-2６"}) {
      CHECK_MESSAGE(!Date::parse(bad).has_value(), bad);
    }
  }

  TEST_CASE("every duration spelling") {
    using U = Duration::Unit;
    const std::pair<const char*, Duration> good[] = {
        {"5 working days", {5, U::working_days}},
        {"1 working day", {1, U::working_days}},
        {"5 working day", {5, U::working_days}},
        {"20 days", {20, U::natural_days}},
        {"1 day", {1, U::natural_days}},
        {"immediate", {0, U::working_days}},
        {"5个工作日", {5, U::working_days}},
        {"5工作日", {5, U::working_days}},
        {"20日", {20, U::natural_days}},
        {"20天", {20, U::natural_days}},
        {"即办", {0, U::working_days}},
        {"0", {0, U::working_days}},
        {"0 working days", {0, U::working_days}},
        {"10000 days", {10000, U::natural_days}},
        {" 5  Working Days ", {5, U::working_days}},
        {"5 个工作日", {5, U::working_days}},
    };
    // Clang 14 cannot capture a structured binding in doctest's lambdas.
    for (const auto& entry : good) {
      const auto& text = entry.first;
      const auto& expected = entry.second;
      const auto d = parse_duration(text);
      REQUIRE_MESSAGE(d.has_value(), text);
      CHECK_MESSAGE(*d == expected, text);
    }
    CHECK(parse_duration("即办")->immediate());
  }

  TEST_CASE("malformed durations are rejected") {
    for (const char* bad :
         {"", "5", "-5 days", "+5 days", "five days", "5 weeks", "5 working", "10001 days",
          "99999999999999999999 days", "05 days", "5.5 days", "5 days later", "days", "个工作日",
          "5个月", "immediately", "5 working days days", "5日日", "0x5 days"}) {
      CHECK_MESSAGE(!parse_duration(bad).has_value(), bad);
    }
  }

  TEST_CASE("durations print in both languages") {
    using U = Duration::Unit;
    CHECK(Duration{5, U::working_days}.to_string() == "5 working days");
    CHECK(Duration{1, U::working_days}.to_string() == "1 working day");
    CHECK(Duration{20, U::natural_days}.to_string() == "20 days");
    CHECK(Duration{1, U::natural_days}.to_string() == "1 day");
    CHECK(Duration{0, U::working_days}.to_string() == "immediate");
    CHECK(Duration{5, U::working_days}.to_chinese() == "5个工作日");
    CHECK(Duration{20, U::natural_days}.to_chinese() == "20日");
    CHECK(Duration{0, U::working_days}.to_chinese() == "即办");
    for (const char* text : {"5 working days", "1 working day", "20 days", "immediate"}) {
      CHECK(parse_duration(text)->to_string() == text);
    }
  }

  TEST_CASE("validity periods normalize") {
    using shenpi::normalize_validity;
    using shenpi::validity_to_chinese;
    CHECK(normalize_validity("5 years") == "5 years");
    CHECK(normalize_validity("5年") == "5 years");
    CHECK(normalize_validity("1 year") == "1 year");
    CHECK(normalize_validity("1 years") == "1 year");
    CHECK(normalize_validity("3 months") == "3 months");
    CHECK(normalize_validity("3个月") == "3 months");
    CHECK(normalize_validity("30日") == "30 days");
    CHECK(normalize_validity("30天") == "30 days");
    CHECK(normalize_validity("长期") == "long-term");
    CHECK(normalize_validity("长期有效") == "long-term");
    CHECK(normalize_validity("permanent") == "long-term");
    for (const char* bad :
         {"", "0 years", "5", "forever", "5 working days", "-1 years", "5 decades", "10001年"}) {
      CHECK_MESSAGE(!normalize_validity(bad).has_value(), bad);
    }
    CHECK(validity_to_chinese("5 years") == "5年");
    CHECK(validity_to_chinese("3 months") == "3个月");
    CHECK(validity_to_chinese("30 days") == "30日");
    CHECK(validity_to_chinese("long-term") == "长期");
  }
}
