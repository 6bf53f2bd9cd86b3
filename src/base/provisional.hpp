// Provisional calendar years: the statutory holidays of 《全国年节及纪念日放假办法》
// (2024 revision) for a year whose State Council arrangement is not yet
// published. Rules and limits: docs/calendar.md, "Provisional years".
#pragma once

#include <optional>
#include <vector>

#include "shenpi/calendar.hpp"

namespace shenpi::detail {

/// Gregorian years whose lunar dates the built-in table covers. Beyond
/// 2032 the published tables disagree (the 2033 leap month), so shenpi
/// does not compute them.
inline constexpr int kFirstProvisionalYear = provisional_first_year;
inline constexpr int kLastProvisionalYear = provisional_last_year;

/// The Gregorian date of lunar `month`/`day` (an ordinary month, never the
/// leap one) of lunar year `lunar_year`; nullopt outside the table or for a
/// day the month does not have.
std::optional<Date> lunar_date(int lunar_year, int month, int day);

/// 清明, the day the sun reaches 15° of longitude (Beijing time).
std::optional<Date> qingming(int year);

/// The days off of `year` by the 办法 alone: 元旦 1 day, 春节 4 days from
/// 除夕, 清明 1, 劳动节 2 (May 1–2), 端午 1, 中秋 1, 国庆 3 (Oct 1–3); each
/// statutory day on a Saturday or Sunday made up on the next working days
/// after its holiday (补假). No 调休. Each holiday is one run from its first
/// statutory day to its last day off, weekends inside included, in date
/// order. nullopt outside kFirstProvisionalYear…kLastProvisionalYear.
std::optional<std::vector<Holiday>> statutory_holidays(int year);

}  // namespace shenpi::detail

namespace shenpi::detail {

/// How a provisional year's listed days off differ from statutory_holidays.
struct ProvisionalDifference {
  std::vector<Date> not_statutory;  ///< listed off, but the 办法 gives no day off
  std::vector<Date> not_listed;     ///< a statutory day off (补假 included) not listed
  bool empty() const { return not_statutory.empty() && not_listed.empty(); }
};

/// Compares `days_off` with statutory_holidays(year); `year` must be in
/// kFirstProvisionalYear…kLastProvisionalYear.
ProvisionalDifference compare_with_statutory(int year, const std::vector<Date>& days_off);

}  // namespace shenpi::detail
