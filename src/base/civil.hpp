// Civil-date arithmetic (proleptic Gregorian): the one implementation behind
// shenpi::Date, expression date literals, age() and printing.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace shenpi::detail::civil {

struct CivilDate {
  std::int64_t year = 1970;
  int month = 1;
  int day = 1;
};

/// Days since 1970-01-01 (H. Hinnant's days_from_civil). Valid for every
/// date of the proleptic Gregorian calendar: eras of 400 years make the
/// arithmetic exact without tables.
constexpr std::int64_t days_from_civil(std::int64_t y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

constexpr CivilDate civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {yoe + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

static_assert(days_from_civil(1970, 1, 1) == 0);
static_assert(days_from_civil(2000, 3, 1) == 11017);
static_assert(civil_from_days(11017).month == 3);

constexpr bool is_leap_year(std::int64_t y) {
  return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

constexpr int days_in_month(std::int64_t y, int m) {
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap_year(y) ? 29 : kDays[m - 1];
}

/// The years a date may have: four digits, so `YYYY-MM-DD` printing and
/// parsing round-trip. Year 0 is refused (it has no four-digit spelling
/// in ISO 8601 without the extended form, and no government record has it).
inline constexpr int min_year = 1;
inline constexpr int max_year = 9999;

/// Days since 1970-01-01 of a real date with a four-digit year; nullopt
/// for 2025-02-29, month 13, year 0 and the like.
constexpr std::optional<std::int32_t> days_from_ymd(int y, int m, int d) {
  if (y < min_year || y > max_year || m < 1 || m > 12) return std::nullopt;
  if (d < 1 || d > days_in_month(y, m)) return std::nullopt;
  return static_cast<std::int32_t>(days_from_civil(y, m, d));
}

/// `YYYY-MM-DD` as days since 1970-01-01; nullopt when malformed or not a
/// real date (see days_from_ymd).
constexpr std::optional<std::int32_t> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  // The eight digits checked with one branch (a byte that is no digit
  // wraps past 9): every application's filing day is parsed.
  constexpr std::size_t at[8] = {0, 1, 2, 3, 5, 6, 8, 9};
  int digit[8] = {};
  bool bad = false;
  for (std::size_t k = 0; k < 8; ++k) {
    const unsigned d = static_cast<unsigned>(static_cast<unsigned char>(text[at[k]])) - '0';
    bad |= d > 9;
    digit[k] = static_cast<int>(d);
  }
  if (bad) return std::nullopt;
  return days_from_ymd(digit[0] * 1000 + digit[1] * 100 + digit[2] * 10 + digit[3],
                       digit[4] * 10 + digit[5], digit[6] * 10 + digit[7]);
}

/// Whole years from `born` to `today` (周岁); negative when `born` is later.
constexpr std::int64_t whole_years(std::int64_t born, std::int64_t today) {
  const CivilDate b = civil_from_days(born);
  const CivilDate t = civil_from_days(today);
  std::int64_t years = t.year - b.year;
  if (t.month < b.month || (t.month == b.month && t.day < b.day)) --years;
  return years;
}

}  // namespace shenpi::detail::civil
