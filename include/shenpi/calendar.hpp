// Working-day calendar (工作日, 调休) and durations.
#pragma once

#include <array>
#include <bitset>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shenpi/base.hpp"
#include "shenpi/diagnostics.hpp"

namespace shenpi {

namespace detail {
struct CalendarBuilder;
}  // namespace detail

/// A date the calendar does not cover: an error, never a guess.
struct CalendarError {
  Date date;
  std::string message;
};

/// A named run of days off (春节 2025-01-28 … 2025-02-04), for display.
struct Holiday {
  std::string name;
  Date from;
  Date to;  ///< inclusive
  bool operator==(const Holiday&) const = default;
};

/// Years whose provisional days off shenpi can compute (the lunar table it
/// carries; docs/calendar.md).
inline constexpr int provisional_first_year = 2000;
inline constexpr int provisional_last_year = 2032;

/// The days off of 《全国年节及纪念日放假办法》 (2024) in `year`, 补假 included
/// and no 调休: what a provisional calendar file lists. nullopt outside
/// [provisional_first_year, provisional_last_year]. Pure; thread-safe.
std::optional<std::vector<Holiday>> statutory_holidays(int year);

/// Working days of the loaded years: weekends are days off unless listed as
/// make-up working days (调休); listed holidays are days off.
/// Immutable after construction; safe for concurrent use.
class Calendar {
 public:
  /// Covers no year; calendars with years come from load_calendar or a
  /// loaded Rulebook.
  Calendar() = default;

  /// Covered years, ascending.
  std::vector<int> years() const;
  bool covers(Date date) const;
  /// Whether a covered year is provisional; false when not covered.
  bool is_provisional(int year) const;
  /// Whether a day of [from, to] (either order) is in a provisional year:
  /// a date counted across it is an estimate (预计), flagged as such.
  bool provisional_between(Date from, Date to) const;
  /// Working days of a covered year; nullopt when the year is not covered.
  std::optional<int> working_days_in_year(int year) const;
  /// The holiday a date belongs to (春节 …); empty when none is named.
  std::string_view day_off_name(Date date) const;
  /// "the calendar covers 2024–2027, 2027 provisional" (or "no calendar year
  /// is loaded"), for messages.
  std::string coverage() const;

  /// nullopt when `date` is outside the covered years.
  std::optional<bool> is_working_day(Date date) const;

  /// The day on which `n` working days after `start` end; `start` itself is
  /// not counted; n == 0 returns `start` (即办). Error when `start` or a day
  /// the count crosses is outside the calendar, or n < 0. Never allocates
  /// unless it reports an error.
  std::optional<Date> add_working_days(Date start, int n, CalendarError* error = nullptr) const;

  /// Working days in (from, to]: `from` not counted, `to` counted. Negative
  /// when `to` < `from`. Error outside the calendar.
  std::optional<int> working_days_between(Date from, Date to, CalendarError* error = nullptr) const;

  /// The due date of a limit counted from `start`: working days by
  /// add_working_days; natural days as `start + n`, moved to the next
  /// working day when that falls on a day off; immediate (0) is `start`.
  std::optional<Date> due_date(Date start, const Duration& limit,
                               CalendarError* error = nullptr) const;

  /// The first working day on or after `date`.
  std::optional<Date> next_working_day(Date date, CalendarError* error = nullptr) const;

 private:
  // Filled by the loader only (detail::CalendarBuilder, src/load/calendar_load.hpp);
  // a Calendar is not modified after it is shared.
  friend struct detail::CalendarBuilder;
  /// Declares one covered year with its days off and make-up working days
  /// (a year given again replaces the earlier one). Dates outside `year` are
  /// ignored: the loader reports them. A day in both lists is a working day.
  /// Used by the loader; a Calendar is not modified after it is shared.
  bool add_year(int year, const std::vector<Date>& holidays, const std::vector<Date>& working_days,
                bool provisional = false);
  /// Local days off / on (a rulebook's `extends:`), applied on covered years,
  /// also on years added later. Days on win over days off.
  void add_local_days(const std::vector<Date>& days_off, const std::vector<Date>& days_on);
  /// Names runs of days off for display (day_off_name); no effect on counting.
  void add_holiday_names(const std::vector<Holiday>& holidays);

  // A year is a bitset of working days plus, for each day, the working days
  // from 1 January up to and including it, and for each k the day of the
  // k-th working day, so counting is a subtraction and adding is a look-up,
  // without allocation.
  struct Year {
    int year = 0;
    Date first;
    int length = 365;
    bool provisional = false;
    std::bitset<366> working;
    std::array<std::int16_t, 366> prefix{};
    std::array<std::int16_t, 366> nth{};  ///< nth[k]: day of the (k + 1)-th working day
    int total() const { return prefix[static_cast<std::size_t>(length - 1)]; }
  };
  /// Index into years_, or -1.
  int find_year(Date date) const;
  void fail(CalendarError* error, Date date, std::string message) const;
  /// The date of the `target`-th working day counted from 1 January of
  /// years_[index] (target >= 1), crossing into following years.
  std::optional<Date> nth_working_day(std::size_t index, std::int64_t target, Date start,
                                      CalendarError* error) const;
  void apply_local_days(Year& y) const;
  static void rebuild(Year& y);

  /// Index into ordinal_ of `date`, or -1 (no table, or not covered).
  std::int32_t day_offset(Date date) const;
  /// Rebuilds the tables below after a change to years_.
  void reindex();

  std::vector<Year> years_;  // ascending by year
  // When the covered years follow one another (the usual case), for each
  // day from the first 1 January: the working days up to and including it,
  // and the first provisional day on or after it (an offset, or INT32_MAX);
  // and the offset of each working day. A due date and its 预计 flag are
  // then look-ups, made at every bind. Empty when the years have a gap: the
  // per-year path counts, and says where a count leaves the calendar.
  std::vector<std::int32_t> ordinal_;
  std::vector<std::int32_t> next_provisional_;
  std::vector<std::int32_t> working_day_;
  std::vector<Date> local_off_;
  std::vector<Date> local_on_;
  std::vector<Holiday> names_;  // ascending by `from`
};

/// What can happen to a case (办件) after it is submitted.
enum class ClockEventKind {
  accepted,              ///< 受理: the clock starts the next day
  supplement_requested,  ///< 补正 requested: clock suspended
  supplement_received,   ///< 补正 received: clock resumes
  special_started,  ///< 特别程序 (听证, 检验检测, 专家评审, 现场核查) starts: not counted
  special_ended,      ///< 特别程序 ends
  extension_granted,  ///< 延期 granted: limit grows by the event's or the item's extension
  decided,            ///< 办结
};

struct ClockEvent {
  ClockEventKind kind = ClockEventKind::accepted;
  Date date;
  SourceLocation location;
  std::optional<Duration> extension;  ///< for extension_granted when it names its length
};

/// The state of a case on a given day. Counts are in the limit's unit:
/// working days, or natural days for a natural-day limit.
struct ClockStatus {
  int days_used =
      0;  ///< days counted against the limit, after acceptance up to today or the decision
  int days_left = 0;  ///< days until the due date; -overdue_by when overdue
  int limit = 0;      ///< days allowed, extension included
  /// The last day of the limit. nullopt while suspended, unless the limit
  /// had already run out before the suspension.
  std::optional<Date> due_date;
  bool suspended = false;  ///< a supplement or special procedure is open today
  bool decided = false;
  bool overdue = false;  ///< counted days passed beyond the due date (超期)
  int overdue_by = 0;    ///< counted days after the due date
  Duration::Unit unit = Duration::Unit::working_days;
  Date accepted_on;
  std::optional<Date> decided_on;
  /// A day counted, or the due date, lies in a provisional calendar year:
  /// the figures are estimates (预计) until the official year is published.
  bool provisional = false;
};

/// Computes a case clock from a timeline of events, as of `today` (ignored
/// for counting once the case is decided). Counting (docs/calendar.md): the
/// acceptance day is not counted; a pause (补正 or 特别程序) does not count
/// the days after the day it starts up to and including the day it ends.
/// Events must be in date order and possible (accepted first, decided once,
/// special procedures and supplements closed after they open, one
/// extension); anything else is a diagnostic (SP702, SP703, SP504) and no
/// status. Pure function; thread-safe.
struct ClockResult {
  std::vector<Diagnostic> diagnostics;
  std::optional<ClockStatus> status;
};
ClockResult run_clock(const Calendar& calendar, const Duration& limit,
                      const std::optional<Duration>& extension,
                      const std::vector<ClockEvent>& events, Date today);
/// As above; diagnostics about `today` point at `today_location`.
ClockResult run_clock(const Calendar& calendar, const Duration& limit,
                      const std::optional<Duration>& extension,
                      const std::vector<ClockEvent>& events, Date today,
                      const SourceLocation& today_location);

/// Where a case's limit comes from.
enum class CaseLimitSource { explicit_limit, item_promised, item_statutory };

/// A case file for `shenpi clock` (format: docs/calendar.md).
struct CaseFile {
  std::string item;  ///< empty when not given
  CaseLimitSource limit_source = CaseLimitSource::explicit_limit;
  std::optional<Duration> limit;      ///< when explicit
  std::optional<Duration> extension;  ///< explicit; else the item's
  std::optional<Date> today;
  SourceLocation location;  ///< of `case:`
  SourceLocation item_location;
  SourceLocation today_location;
  std::vector<ClockEvent> events;
};

struct CaseFileResult {
  std::vector<Diagnostic> diagnostics;
  std::optional<CaseFile> case_file;  ///< nullopt on errors
};

/// Reads a case file: `case: { item, limit, extension, today, events }`.
/// SP100 when unreadable, SP701 when it is not a case, SP102/SP103/SP104/
/// SP107/SP108/SP109 inside. Thread-safe (reads only `path`).
CaseFileResult read_case_file(const std::string& path);

struct CalendarResult {
  std::vector<Diagnostic> diagnostics;
  std::optional<Calendar> calendar;  ///< nullopt on any diagnostic
};

/// Loads a working-day calendar from files, as load_rulebook does: every
/// `cn-*.yaml` of `dir` in name order (SP505 when the folder is missing or
/// holds none), then, when `local_file` is not empty, a rulebook's local
/// days (calendar.yaml) on top. A year whose file has errors is not added.
CalendarResult load_calendar(const std::string& dir, const std::string& local_file = {});

/// The calendar of a RULES argument, found as the CLI's `calendar` and
/// `clock` commands take it: a rulebook folder (national files in
/// RULES/../calendar and local days in RULES/calendar.yaml, the folders
/// load_rulebook reads), a folder holding `calendar/`, or the calendar
/// folder itself (it holds `cn-*.yaml`). A non-empty `calendar_dir`
/// replaces the national folder. SP100 when `rules` is no folder.
CalendarResult load_rules_calendar(const std::string& rules, const std::string& calendar_dir = {});

/// `N` of `shenpi calendar add` and `GET /v1/calendar/add`: digits are
/// that many working days (`5`), anything else a duration (`20日`, `即办`,
/// `5 working days`). nullopt, with SP107 in `out`, when it is neither.
std::optional<Duration> parse_day_count(std::string_view text, std::vector<Diagnostic>& out);

/// "accepted", "supplement_requested", … (the case-file spelling).
std::string_view to_string(ClockEventKind kind);
/// The inverse of to_string; nullopt for an unknown name.
std::optional<ClockEventKind> parse_clock_event_kind(std::string_view name);

}  // namespace shenpi
