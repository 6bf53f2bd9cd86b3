// One civil-date implementation (src/base/civil.hpp) behind shenpi::Date and
// the expression language: both agree on every date, year 0 included.
#include <doctest/doctest.h>

#include <string>

#include "base/civil.hpp"
#include "shenpi/base.hpp"

namespace civil = shenpi::detail::civil;
using shenpi::Date;

TEST_CASE("Date and the expression dates agree on which texts are dates") {
  for (const char* text : {"0000-01-01", "0000-02-29", "10000-01-01", "2025-02-29", "2025-13-01",
                           "2025-00-10", "2025-1-01", "２０２５-01-01"}) {
    CHECK_MESSAGE(!Date::parse(text).has_value(), text);
    CHECK_MESSAGE(!civil::parse_date(text).has_value(), text);
  }
  for (const char* text : {"0001-01-01", "1900-02-28", "2000-02-29", "2024-02-29", "9999-12-31"}) {
    const auto d = Date::parse(text);
    REQUIRE_MESSAGE(d.has_value(), text);
    CHECK(civil::parse_date(text) == d->days());
    CHECK(d->to_string() == text);
  }
}

TEST_CASE("a byte that is no digit is refused at every digit of the date") {
  // Bytes on either side of '0'..'9', and ones that wrap when read as signed.
  for (const std::size_t at : {0, 1, 2, 3, 5, 6, 8, 9}) {
    for (const char c : {'/', ':', ' ', 'a', '\0', '\xff', '\x80'}) {
      std::string text = "2024-11-28";
      text[at] = c;
      CAPTURE(at);
      CAPTURE(static_cast<int>(c));
      CHECK_FALSE(civil::parse_date(text).has_value());
    }
  }
  CHECK(civil::parse_date("2024-11-28") == Date::from_ymd(2024, 11, 28)->days());
}

TEST_CASE("days and years round-trip across the whole four-digit range") {
  const auto first = Date::parse("0001-01-01")->days();
  const auto last = Date::parse("9999-12-31")->days();
  for (std::int32_t day = first; day <= last; day += 997) {
    const Date d = Date::from_days(day);
    const civil::CivilDate c = civil::civil_from_days(day);
    CHECK(d.year() == c.year);
    CHECK(d.month() == c.month);
    CHECK(d.day() == c.day);
    CHECK(Date::parse(d.to_string()) == d);
    CHECK(Date::from_ymd(d.year(), d.month(), d.day()) == d);
  }
  CHECK(!Date::from_ymd(0, 1, 1).has_value());
  CHECK(civil::whole_years(*civil::parse_date("2000-02-29"), *civil::parse_date("2025-02-28")) ==
        24);
}
