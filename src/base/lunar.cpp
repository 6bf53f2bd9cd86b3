// Lunar (农历) dates and 清明 for provisional years.
#include <array>
#include <cstdint>

#include "base/provisional.hpp"

namespace shenpi::detail {
namespace {

// One entry per lunar year from 2000, the widely published table of the
// Purple Mountain Observatory's calendar: bits 15…4 say whether months
// 1…12 have 30 days (else 29), bits 3…0 name the leap month (0: none) and
// bit 16 whether the leap month has 30 days. Checked against the official
// holiday files of 2024–2026 and the 春节/端午/中秋 dates of the State
// Council notices of 2017–2023 (tests/unit/calendar/provisional_test.cpp).
constexpr std::array<std::uint32_t, kLastProvisionalYear - kFirstProvisionalYear + 1> kLunarYears =
    {
        0x0c960, 0x0d954, 0x0d4a0, 0x0da50, 0x07552, 0x056a0, 0x0abb7, 0x025d0, 0x092d0,  // 2000-08
        0x0cab5, 0x0a950, 0x0b4a0, 0x0baa4, 0x0ad50, 0x055d9, 0x04ba0, 0x0a5b0, 0x15176,  // 2009-17
        0x052b0, 0x0a930, 0x07954, 0x06aa0, 0x0ad50, 0x05b52, 0x04b60, 0x0a6e6, 0x0a4e0,  // 2018-26
        0x0d260, 0x0ea65, 0x0d530, 0x05aa0, 0x076a3, 0x096d0,                             // 2027-32
};

// 正月初一 of lunar year 2000.
constexpr int kEpochYear = 2000, kEpochMonth = 2, kEpochDay = 5;

int month_days(std::uint32_t info, int month) {
  return (info & (0x10000u >> month)) != 0 ? 30 : 29;
}

int leap_month(std::uint32_t info) {
  return static_cast<int>(info & 0xfu);
}

int leap_days(std::uint32_t info) {
  if (leap_month(info) == 0) return 0;
  return (info & 0x10000u) != 0 ? 30 : 29;
}

int year_days(std::uint32_t info) {
  int days = leap_days(info);
  for (int m = 1; m <= 12; ++m) days += month_days(info, m);
  return days;
}

}  // namespace

std::optional<Date> lunar_date(int lunar_year, int month, int day) {
  if (lunar_year < kFirstProvisionalYear || lunar_year > kLastProvisionalYear) return std::nullopt;
  if (month < 1 || month > 12 || day < 1) return std::nullopt;
  const auto index = static_cast<std::size_t>(lunar_year - kFirstProvisionalYear);
  const std::uint32_t info = kLunarYears[index];
  if (day > month_days(info, month)) return std::nullopt;
  std::int32_t offset = 0;
  for (std::size_t y = 0; y < index; ++y) offset += year_days(kLunarYears[y]);
  for (int m = 1; m < month; ++m) {
    offset += month_days(info, m);
    // The leap month follows the ordinary month of its number.
    if (leap_month(info) == m) offset += leap_days(info);
  }
  return *Date::from_ymd(kEpochYear, kEpochMonth, kEpochDay) + (offset + day - 1);
}

std::optional<Date> qingming(int year) {
  if (year < kFirstProvisionalYear || year > kLastProvisionalYear) return std::nullopt;
  // The 寿星 formula for the 21st century, [Y·D + C] − L with D = 0.2422,
  // C = 4.81 and L = Y/4 (Y = year % 100), in integer ten-thousandths; it
  // has no exception for 清明 in this century.
  const int y = year % 100;
  return Date::from_ymd(year, 4, (y * 2422 + 48100) / 10000 - y / 4);
}

}  // namespace shenpi::detail
