// Working-day arithmetic over the covered years.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "base/provisional.hpp"
#include "shenpi/calendar.hpp"
#include "shenpi/diagnostic_codes.hpp"

namespace shenpi {
namespace {

bool is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

}  // namespace

void Calendar::rebuild(Year& y) {
  std::int16_t running = 0;
  for (int i = 0; i < y.length; ++i) {
    if (y.working[static_cast<std::size_t>(i)]) {
      y.nth[static_cast<std::size_t>(running)] = static_cast<std::int16_t>(i);
      ++running;
    }
    y.prefix[static_cast<std::size_t>(i)] = running;
  }
}

void Calendar::apply_local_days(Year& y) const {
  auto set = [&](const std::vector<Date>& days, bool working) {
    for (Date d : days) {
      const std::int32_t i = d - y.first;
      if (i >= 0 && i < y.length) y.working[static_cast<std::size_t>(i)] = working;
    }
  };
  set(local_off_, false);
  set(local_on_, true);
}

bool Calendar::add_year(int year, const std::vector<Date>& holidays,
                        const std::vector<Date>& working_days, bool provisional) {
  const std::optional<Date> first = Date::from_ymd(year, 1, 1);
  if (!first) return false;
  const auto it = std::lower_bound(years_.begin(), years_.end(), year,
                                   [](const Year& a, int b) { return a.year < b; });
  const bool present = it != years_.end() && it->year == year;
  // The official arrangement wins whatever the order the files are read in.
  if (present && provisional && !it->provisional) return false;
  Year y;
  y.year = year;
  y.provisional = provisional;
  y.first = *first;
  y.length = is_leap(year) ? 366 : 365;
  for (int i = 0; i < y.length; ++i) {
    y.working[static_cast<std::size_t>(i)] = (y.first + i).weekday() <= 5;
  }
  auto set = [&](const std::vector<Date>& days, bool working) {
    for (Date d : days) {
      const std::int32_t i = d - y.first;
      if (i >= 0 && i < y.length) y.working[static_cast<std::size_t>(i)] = working;
    }
  };
  set(holidays, false);
  set(working_days, true);
  apply_local_days(y);
  rebuild(y);
  if (present) {
    *it = y;
    // The replaced year's names would label days the new one may not have off.
    std::erase_if(names_, [year](const Holiday& h) { return h.from.year() == year; });
  } else {
    years_.insert(it, y);
  }
  reindex();
  return true;
}

void Calendar::add_local_days(const std::vector<Date>& days_off, const std::vector<Date>& days_on) {
  local_off_.insert(local_off_.end(), days_off.begin(), days_off.end());
  local_on_.insert(local_on_.end(), days_on.begin(), days_on.end());
  for (Year& y : years_) {
    apply_local_days(y);
    rebuild(y);
  }
  reindex();
}

void Calendar::reindex() {
  ordinal_.clear();
  next_provisional_.clear();
  working_day_.clear();
  for (std::size_t k = 1; k < years_.size(); ++k) {
    if (years_[k].year != years_[k - 1].year + 1) return;  // a gap: the per-year path only
  }
  std::int32_t running = 0;
  for (const Year& y : years_) {
    for (int i = 0; i < y.length; ++i) {
      if (y.working[static_cast<std::size_t>(i)]) {
        working_day_.push_back(static_cast<std::int32_t>(ordinal_.size()));
        ++running;
      }
      ordinal_.push_back(running);
    }
  }
  next_provisional_.resize(ordinal_.size());
  std::int32_t next = std::numeric_limits<std::int32_t>::max();
  auto day = static_cast<std::int32_t>(ordinal_.size());
  for (auto y = years_.rbegin(); y != years_.rend(); ++y) {
    for (int i = 0; i < y->length; ++i) {
      --day;
      if (y->provisional) next = day;
      next_provisional_[static_cast<std::size_t>(day)] = next;
    }
  }
}

std::int32_t Calendar::day_offset(Date date) const {
  if (ordinal_.empty()) return -1;
  const std::int32_t offset = date - years_.front().first;
  return offset >= 0 && static_cast<std::size_t>(offset) < ordinal_.size() ? offset : -1;
}

void Calendar::add_holiday_names(const std::vector<Holiday>& holidays) {
  names_.insert(names_.end(), holidays.begin(), holidays.end());
  std::stable_sort(names_.begin(), names_.end(),
                   [](const Holiday& a, const Holiday& b) { return a.from < b.from; });
}

std::vector<int> Calendar::years() const {
  std::vector<int> out;
  out.reserve(years_.size());
  for (const Year& y : years_) out.push_back(y.year);
  return out;
}

int Calendar::find_year(Date date) const {
  const auto it = std::upper_bound(years_.begin(), years_.end(), date,
                                   [](Date d, const Year& y) { return d < y.first; });
  if (it == years_.begin()) return -1;
  const Year& y = *(it - 1);
  if (date - y.first >= y.length) return -1;
  return static_cast<int>(it - 1 - years_.begin());
}

bool Calendar::covers(Date date) const {
  return day_offset(date) >= 0 || find_year(date) >= 0;
}

bool Calendar::is_provisional(int year) const {
  for (const Year& y : years_) {
    if (y.year == year) return y.provisional;
  }
  return false;
}

bool Calendar::provisional_between(Date from, Date to) const {
  if (to < from) std::swap(from, to);
  if (const std::int32_t at = day_offset(from); at >= 0) {
    // The tables span every covered year: no provisional day lies beyond.
    const std::int32_t next = next_provisional_[static_cast<std::size_t>(at)];
    return next != std::numeric_limits<std::int32_t>::max() && years_.front().first + next <= to;
  }
  for (const Year& y : years_) {
    if (y.provisional && from < y.first + y.length && y.first <= to) return true;
  }
  return false;
}

std::optional<int> Calendar::working_days_in_year(int year) const {
  for (const Year& y : years_) {
    if (y.year == year) return y.total();
  }
  return std::nullopt;
}

std::string_view Calendar::day_off_name(Date date) const {
  // Names may overlap (国庆节 and 中秋节); the latest-starting one wins.
  for (auto it = names_.rbegin(); it != names_.rend(); ++it) {
    if (it->from <= date && date <= it->to) return it->name;
  }
  return {};
}

std::string Calendar::coverage() const {
  if (years_.empty()) return "no calendar year is loaded";
  std::string out = "the calendar covers ";
  for (std::size_t i = 0; i < years_.size(); ++i) {
    // Runs of consecutive years print as 2024–2026.
    std::size_t j = i;
    while (j + 1 < years_.size() && years_[j + 1].year == years_[j].year + 1) ++j;
    if (i > 0) out += ", ";
    out += j == i ? std::to_string(years_[i].year)
                  : fmt::format("{}–{}", years_[i].year, years_[j].year);
    i = j;
  }
  // A provisional year is covered, but by an estimate: say which.
  std::vector<std::string> provisional;
  for (const Year& y : years_) {
    if (y.provisional) provisional.push_back(std::to_string(y.year));
  }
  if (!provisional.empty()) out += fmt::format(", {} provisional", fmt::join(provisional, ", "));
  return out;
}

void Calendar::fail(CalendarError* error, Date date, std::string message) const {
  if (error) *error = CalendarError{date, std::move(message)};
}

std::optional<bool> Calendar::is_working_day(Date date) const {
  const int i = find_year(date);
  if (i < 0) return std::nullopt;
  const Year& y = years_[static_cast<std::size_t>(i)];
  return static_cast<bool>(y.working[static_cast<std::size_t>(date - y.first)]);
}

std::optional<Date> Calendar::nth_working_day(std::size_t index, std::int64_t target, Date start,
                                              CalendarError* error) const {
  for (;;) {
    const Year& y = years_[index];
    if (target <= y.total()) return y.first + y.nth[static_cast<std::size_t>(target - 1)];
    target -= y.total();
    if (index + 1 >= years_.size() || years_[index + 1].year != y.year + 1) {
      const Date missing = y.first + y.length;
      fail(error, missing,
           fmt::format("counting from {} runs past the end of {} into {} ({})", start.to_string(),
                       y.year, y.year + 1, coverage()));
      return std::nullopt;
    }
    ++index;
  }
}

std::optional<Date> Calendar::add_working_days(Date start, int n, CalendarError* error) const {
  if (const std::int32_t at = day_offset(start); at >= 0 && n > 0) {
    const std::int64_t target = std::int64_t{ordinal_[static_cast<std::size_t>(at)]} + n;
    if (target <= static_cast<std::int64_t>(working_day_.size())) {
      return years_.front().first + working_day_[static_cast<std::size_t>(target - 1)];
    }  // past the last covered year: the per-year path says so
  }
  const int i = find_year(start);
  if (i < 0) {
    fail(error, start,
         fmt::format("{} is outside the calendar ({})", start.to_string(), coverage()));
    return std::nullopt;
  }
  if (n < 0) {
    fail(error, start, fmt::format("cannot add a negative number of working days ({})", n));
    return std::nullopt;
  }
  if (n == 0) return start;
  const Year& y = years_[static_cast<std::size_t>(i)];
  const int before = y.prefix[static_cast<std::size_t>(start - y.first)];
  // 64 bits: `n` may be anything up to INT_MAX.
  return nth_working_day(static_cast<std::size_t>(i), std::int64_t{before} + n, start, error);
}

std::optional<Date> Calendar::next_working_day(Date date, CalendarError* error) const {
  if (const std::int32_t at = day_offset(date); at >= 0) {
    const auto i = static_cast<std::size_t>(at);
    const std::int32_t before =
        ordinal_[i] - (i > 0 ? ordinal_[i - 1] : 0) == 1 ? ordinal_[i] - 1 : ordinal_[i];
    if (static_cast<std::size_t>(before) < working_day_.size()) {
      return years_.front().first + working_day_[static_cast<std::size_t>(before)];
    }
  }
  const int i = find_year(date);
  if (i < 0) {
    fail(error, date, fmt::format("{} is outside the calendar ({})", date.to_string(), coverage()));
    return std::nullopt;
  }
  const Year& y = years_[static_cast<std::size_t>(i)];
  const auto at = static_cast<std::size_t>(date - y.first);
  const int before = y.prefix[at] - (y.working[at] ? 1 : 0);
  return nth_working_day(static_cast<std::size_t>(i), before + 1, date, error);
}

std::optional<int> Calendar::working_days_between(Date from, Date to, CalendarError* error) const {
  if (to < from) {
    auto n = working_days_between(to, from, error);
    return n ? std::optional<int>(-*n) : std::nullopt;
  }
  for (Date d : {from, to}) {
    if (find_year(d) < 0) {
      fail(error, d, fmt::format("{} is outside the calendar ({})", d.to_string(), coverage()));
      return std::nullopt;
    }
  }
  const auto a = static_cast<std::size_t>(find_year(from));
  const auto b = static_cast<std::size_t>(find_year(to));
  int count = 0;
  for (std::size_t k = a; k < b; ++k) {
    const Year& y = years_[k];
    if (years_[k + 1].year != y.year + 1) {
      fail(error, y.first + y.length,
           fmt::format("{} is not in the calendar ({})", y.year + 1, coverage()));
      return std::nullopt;
    }
    count += y.total();
  }
  return count + years_[b].prefix[static_cast<std::size_t>(to - years_[b].first)] -
         years_[a].prefix[static_cast<std::size_t>(from - years_[a].first)];
}

std::optional<Date> Calendar::due_date(Date start, const Duration& limit,
                                       CalendarError* error) const {
  if (limit.unit == Duration::Unit::working_days || limit.count == 0) {
    return add_working_days(start, limit.count, error);
  }
  if (!covers(start)) {
    fail(error, start,
         fmt::format("{} is outside the calendar ({})", start.to_string(), coverage()));
    return std::nullopt;
  }
  if (limit.count < 0) {
    fail(error, start, fmt::format("a negative limit ({} days)", limit.count));
    return std::nullopt;
  }
  const Year& last = years_.back();
  if (std::int64_t{start.days()} + limit.count >= std::int64_t{last.first.days()} + last.length) {
    // Checked before adding, so a huge count cannot overflow a Date.
    fail(error, last.first + last.length,
         fmt::format("{} days after {} is past the end of {} ({})", limit.count, start.to_string(),
                     last.year, coverage()));
    return std::nullopt;
  }
  return next_working_day(start + limit.count, error);
}

std::optional<std::vector<Holiday>> statutory_holidays(int year) {
  return detail::statutory_holidays(year);
}

std::optional<Duration> parse_day_count(std::string_view text, std::vector<Diagnostic>& out) {
  const bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
  if (digits) {
    if (auto d = parse_duration(std::string(text) + " working days")) return d;
  }
  if (auto d = parse_duration(text)) return d;
  out.push_back(
      make_diagnostic(codes::bad_duration, {},
                      fmt::format("'{}' is neither a number of working days nor a duration "
                                  "(`5 working days`, `20 days`, `5个工作日`, `20日`, `即办`)",
                                  text)));
  return std::nullopt;
}

}  // namespace shenpi
