// Civil dates (Howard Hinnant's days-from-civil algorithms) and the
// spellings of durations and validity periods.
#include <cstdio>

#include "calendar/text.hpp"
#include "shenpi/calendar.hpp"

namespace shenpi {
namespace {

struct Civil {
  int year;
  int month;
  int day;
};

// Valid for every date of the proleptic Gregorian calendar; eras of 400
// years make the arithmetic exact without tables.
constexpr std::int32_t days_from_civil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

constexpr Civil civil_from_days(std::int32_t z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp < 10 ? mp + 3 : mp - 9;
  return {yoe + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

static_assert(days_from_civil(1970, 1, 1) == 0);
static_assert(days_from_civil(2000, 3, 1) == 11017);
static_assert(civil_from_days(11017).month == 3);

constexpr bool is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

constexpr int days_in_month(int y, int m) {
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

}  // namespace

std::optional<Date> Date::from_ymd(int year, int month, int day) {
  // Four-digit years only, so to_string and parse round-trip.
  if (year < 1 || year > 9999 || month < 1 || month > 12) return std::nullopt;
  if (day < 1 || day > days_in_month(year, month)) return std::nullopt;
  return from_days(days_from_civil(year, month, day));
}

std::optional<Date> Date::parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto digits = [&](std::size_t at, std::size_t n) -> int {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      v = v * 10 + (text[i] - '0');
    }
    return v;
  };
  const int y = digits(0, 4);
  const int m = digits(5, 2);
  const int d = digits(8, 2);
  if (y < 0 || m < 0 || d < 0) return std::nullopt;
  return from_ymd(y, m, d);
}

int Date::year() const {
  return civil_from_days(days_).year;
}
int Date::month() const {
  return civil_from_days(days_).month;
}
int Date::day() const {
  return civil_from_days(days_).day;
}

int Date::weekday() const {
  // 1970-01-01 was a Thursday (ISO 4).
  const int r = ((days_ % 7) + 7) % 7;
  return (r + 3) % 7 + 1;
}

std::string Date::to_string() const {
  const Civil c = civil_from_days(days_);
  char buffer[48];  // room for any int, though real dates need 11
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", c.year, c.month, c.day);
  return buffer;
}

std::string Duration::to_string() const {
  if (count == 0) return "immediate";
  const std::string n = std::to_string(count);
  if (unit == Unit::working_days) return n + (count == 1 ? " working day" : " working days");
  return n + (count == 1 ? " day" : " days");
}

std::string Duration::to_chinese() const {
  if (count == 0) return "即办";
  return std::to_string(count) + (unit == Unit::working_days ? "个工作日" : "日");
}

std::optional<Duration> parse_duration(std::string_view text) {
  using detail::CountAndUnit;
  text = detail::trim(text);
  if (text == "immediate" || text == "即办" || text == "0") {
    return Duration{0, Duration::Unit::working_days};
  }
  const std::optional<CountAndUnit> cu = detail::split_count(text, 10000);
  if (!cu) return std::nullopt;
  const std::string unit = detail::ascii_lower(cu->unit);
  if (unit == "working days" || unit == "working day" || unit == "个工作日" || unit == "工作日") {
    return Duration{cu->count, Duration::Unit::working_days};
  }
  if (unit == "days" || unit == "day" || unit == "日" || unit == "天") {
    return Duration{cu->count, Duration::Unit::natural_days};
  }
  return std::nullopt;
}

std::optional<std::string> normalize_validity(std::string_view text) {
  text = detail::trim(text);
  const std::string lower = detail::ascii_lower(text);
  if (lower == "long-term" || lower == "permanent" || text == "长期" || text == "长期有效") {
    return "long-term";
  }
  const std::optional<detail::CountAndUnit> cu = detail::split_count(text, 10000);
  if (!cu || cu->count == 0) return std::nullopt;
  const std::string unit = detail::ascii_lower(cu->unit);
  const std::string n = std::to_string(cu->count);
  const bool one = cu->count == 1;
  if (unit == "years" || unit == "year" || unit == "年") return n + (one ? " year" : " years");
  if (unit == "months" || unit == "month" || unit == "个月") {
    return n + (one ? " month" : " months");
  }
  if (unit == "days" || unit == "day" || unit == "日" || unit == "天") {
    return n + (one ? " day" : " days");
  }
  return std::nullopt;
}

std::string validity_to_chinese(std::string_view normalized) {
  if (normalized == "long-term") return "长期";
  const std::optional<detail::CountAndUnit> cu = detail::split_count(normalized, 10000);
  if (!cu) return std::string(normalized);
  const std::string n = std::to_string(cu->count);
  if (cu->unit == "years" || cu->unit == "year") return n + "年";
  if (cu->unit == "months" || cu->unit == "month") return n + "个月";
  if (cu->unit == "days" || cu->unit == "day") return n + "日";
  return std::string(normalized);
}

}  // namespace shenpi
