// Base value types every module shares: civil dates and durations.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "shenpi/version.hpp"

namespace shenpi {

/// A civil date (proleptic Gregorian). A value type; ordering is chronological.
class Date {
 public:
  constexpr Date() = default;
  /// Days since 1970-01-01 (negative before).
  static constexpr Date from_days(std::int32_t days) {
    Date d;
    d.days_ = days;
    return d;
  }
  /// nullopt when the triple is not a real date (2025-02-29).
  static std::optional<Date> from_ymd(int year, int month, int day);
  /// Parses `YYYY-MM-DD`; nullopt when malformed or not a real date.
  static std::optional<Date> parse(std::string_view text);

  constexpr std::int32_t days() const { return days_; }
  int year() const;
  int month() const;
  int day() const;
  /// 1 = Monday … 7 = Sunday (ISO).
  int weekday() const;
  /// `YYYY-MM-DD`.
  std::string to_string() const;

  constexpr Date operator+(std::int32_t n) const { return from_days(days_ + n); }
  constexpr std::int32_t operator-(Date other) const { return days_ - other.days_; }
  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 misreads a defaulted <=>
  constexpr auto operator<=>(const Date&) const = default;

 private:
  std::int32_t days_ = 0;
};

/// A time limit: `5 working days`, `20日` (natural), `即办` (immediate: 0 days).
struct Duration {
  enum class Unit { working_days, natural_days };
  int count = 0;
  Unit unit = Unit::working_days;

  bool immediate() const { return count == 0; }
  /// `5 working days`, `1 working day`, `20 days`, `immediate`.
  std::string to_string() const;
  /// `5个工作日`, `20日`, `即办`.
  std::string to_chinese() const;
  bool operator==(const Duration&) const = default;
};

/// Parses every spelling DESIGN.md allows: `N working days`, `N working day`,
/// `N days`, `N day`, `immediate`, `N个工作日`, `N工作日`, `N日`, `N天`, `即办`,
/// and a bare `0`. nullopt when malformed.
std::optional<Duration> parse_duration(std::string_view text);

/// Parses a validity period (有效期) and returns its canonical spelling:
/// `5 years`/`5年` → "5 years", `1 year` → "1 year", `3 months`/`3个月` →
/// "3 months", `30 days`/`30日`/`30天` → "30 days", `长期`/`长期有效`/
/// `long-term`/`permanent` → "long-term". The count is 1…10000; nullopt if
/// malformed. See docs/calendar.md.
std::optional<std::string> normalize_validity(std::string_view text);

/// The Chinese spelling of a normalized validity: "5 years" → "5年",
/// "3 months" → "3个月", "30 days" → "30日", "long-term" → "长期".
/// Returns the input unchanged when it is not normalized.
std::string validity_to_chinese(std::string_view normalized);

}  // namespace shenpi
