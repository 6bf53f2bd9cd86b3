// Civil dates (the arithmetic is base/civil.hpp) and the
// spellings of durations and validity periods.
#include <cstdio>

#include "base/civil.hpp"
#include "base/text.hpp"
#include "shenpi/base.hpp"

namespace shenpi {

using detail::civil::civil_from_days;
using detail::civil::CivilDate;

std::optional<Date> Date::from_ymd(int year, int month, int day) {
  const auto days = detail::civil::days_from_ymd(year, month, day);
  if (!days) return std::nullopt;
  return from_days(*days);
}

std::optional<Date> Date::parse(std::string_view text) {
  const auto days = detail::civil::parse_date(text);
  if (!days) return std::nullopt;
  return from_days(*days);
}

int Date::year() const {
  return static_cast<int>(civil_from_days(days_).year);
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
  const CivilDate c = civil_from_days(days_);
  char buffer[48];  // room for any year, though real dates need 11
  std::snprintf(buffer, sizeof buffer, "%04lld-%02d-%02d", static_cast<long long>(c.year), c.month,
                c.day);
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
