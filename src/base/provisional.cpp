// The statutory holidays of a provisional year (《全国年节及纪念日放假办法》,
// as revised by 国务院令第795号 in 2024).
#include <algorithm>
#include <iterator>
#include <set>

#include "base/provisional.hpp"

namespace shenpi::detail {
namespace {

bool weekend(Date d) {
  return d.weekday() > 5;
}

/// Each holiday's statutory days (第二条), before 补假.
struct Statutory {
  const char* name;
  Date first;
  int days;
};

std::optional<std::vector<Statutory>> statutory_days(int year) {
  const auto spring = lunar_date(year, 1, 1);
  const auto dragon = lunar_date(year, 5, 5);
  const auto autumn = lunar_date(year, 8, 15);
  const auto tomb = qingming(year);
  if (!spring || !dragon || !autumn || !tomb) return std::nullopt;
  const auto on = [year](int month, int day) { return *Date::from_ymd(year, month, day); };
  // 春节 is 除夕 to 正月初三; 除夕 is the last day of the 12th month, the
  // day before 正月初一 whether that month has 29 or 30 days.
  return std::vector<Statutory>{
      {"元旦", on(1, 1), 1},    {"春节", *spring + -1, 4}, {"清明节", *tomb, 1},
      {"劳动节", on(5, 1), 2},  {"端午节", *dragon, 1},    {"中秋节", *autumn, 1},
      {"国庆节", on(10, 1), 3},
  };
}

}  // namespace

std::optional<std::vector<Holiday>> statutory_holidays(int year) {
  auto days = statutory_days(year);
  if (!days) return std::nullopt;
  std::sort(days->begin(), days->end(),
            [](const Statutory& a, const Statutory& b) { return a.first < b.first; });
  std::set<Date> off;
  for (const Statutory& s : *days) {
    for (int i = 0; i < s.days; ++i) off.insert(s.first + i);
  }
  std::vector<Holiday> out;
  for (const Statutory& s : *days) {
    Date last = s.first + (s.days - 1);
    int owed = 0;
    for (int i = 0; i < s.days; ++i) owed += weekend(s.first + i) ? 1 : 0;
    // 第四条: a holiday on a Saturday or Sunday is made up on working days;
    // the next ones after the holiday, skipping other holidays' days.
    for (Date d = last + 1; owed > 0; d = d + 1) {
      if (weekend(d) || off.count(d) != 0) continue;
      off.insert(d);
      last = d;
      --owed;
    }
    out.push_back({s.name, s.first, last});
  }
  return out;
}

}  // namespace shenpi::detail

namespace shenpi::detail {

ProvisionalDifference compare_with_statutory(int year, const std::vector<Date>& days_off) {
  std::set<Date> statutory;
  for (const Holiday& h : statutory_holidays(year).value_or(std::vector<Holiday>{})) {
    // Weekend days inside a run are off anyway; listing them or not is the same year.
    for (Date d = h.from; d <= h.to; d = d + 1) {
      if (!weekend(d)) statutory.insert(d);
    }
  }
  std::set<Date> listed;
  for (Date d : days_off) {
    if (!weekend(d)) listed.insert(d);
  }
  ProvisionalDifference out;
  std::set_difference(listed.begin(), listed.end(), statutory.begin(), statutory.end(),
                      std::back_inserter(out.not_statutory));
  std::set_difference(statutory.begin(), statutory.end(), listed.begin(), listed.end(),
                      std::back_inserter(out.not_listed));
  return out;
}

}  // namespace shenpi::detail
