// `shenpi calendar` (working-day arithmetic) and `shenpi clock` (a case's
// clock). Formats and conventions: docs/calendar.md.
#include <algorithm>
#include <ctime>
#include <ostream>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "cli/cli_util.hpp"
#include "cli/commands.hpp"
#include "shenpi/calendar.hpp"
#include "shenpi/diagnostic_codes.hpp"
#include "shenpi/rulebook.hpp"

namespace shenpi::cli {
namespace {

constexpr const char* kCalendarUsage =
    "usage: shenpi calendar RULES add DATE N|DURATION   the day N working days (or DURATION) after "
    "DATE\n"
    "       shenpi calendar RULES is-working DATE       yes or no, with the reason\n"
    "       shenpi calendar RULES between FROM TO       working days in (FROM, TO]\n"
    "       shenpi calendar RULES years                 covered years and their working days\n"
    "       shenpi calendar RULES provisional YEAR      print a provisional cn-YEAR.yaml\n"
    "options: --calendar DIR   national calendar folder (default: RULES/../calendar)\n";
constexpr const char* kClockUsage =
    "usage: shenpi clock RULES CASE.yaml [--json] [--today DATE] [--calendar DIR]\n";

int usage(std::ostream& err, const char* text, const std::string& problem = {}) {
  if (!problem.empty()) err << "shenpi: " << problem << "\n";
  err << text;
  return 2;
}

int fail(std::vector<Diagnostic> diagnostics, std::ostream& err) {
  sort_diagnostics(diagnostics);
  print_diagnostics(diagnostics, err);
  return 1;
}

/// The library's discovery (load_rules_calendar): the same folders
/// load_rulebook reads for a rulebook, or the calendar folder itself.
std::optional<Calendar> load_calendar(const std::string& rules,
                                      const std::optional<std::string>& dir_flag,
                                      std::vector<Diagnostic>& out) {
  CalendarResult loaded = load_rules_calendar(rules, dir_flag.value_or(std::string()));
  out.insert(out.end(), loaded.diagnostics.begin(), loaded.diagnostics.end());
  return std::move(loaded.calendar);
}

std::optional<Date> date_argument(const std::string& text, std::vector<Diagnostic>& out) {
  if (auto d = Date::parse(text)) return d;
  out.push_back(
      make_diagnostic(codes::bad_date, {}, fmt::format("'{}' is not a date (YYYY-MM-DD)", text)));
  return std::nullopt;
}

Diagnostic outside(const CalendarError& e) {
  return make_diagnostic(codes::date_outside_calendar, {}, e.message);
}

/// SP509 on stderr: what was printed is counted across a provisional year.
void warn_provisional(const Calendar& cal, Date from, Date to, std::ostream& err) {
  if (!cal.provisional_between(from, to)) return;
  std::vector<std::string> years;
  for (int y : cal.years()) {
    if (cal.is_provisional(y) && y >= std::min(from, to).year() && y <= std::max(from, to).year()) {
      years.push_back(std::to_string(y));
    }
  }
  const Diagnostic d = make_diagnostic(
      codes::provisional_date, {},
      fmt::format("counted across the provisional year {} (statutory holidays only, no 调休): an "
                  "estimate (预计) until the State Council publishes the year",
                  fmt::join(years, ", ")));
  print_diagnostics({&d, 1}, err);
}

/// `（预计）` after a figure counted across a provisional year.
std::string estimate_mark(const Calendar& cal, Date from, Date to) {
  return cal.provisional_between(from, to) ? "（预计）" : "";
}

std::string working_reason(const Calendar& cal, Date d, bool working) {
  const bool weekend = d.weekday() > 5;
  const bool provisional = cal.is_provisional(d.year());
  if (working) {
    if (weekend) return "是（调休上班日）";
    return provisional ? "是（预计）" : "是";
  }
  const std::string_view name = cal.day_off_name(d);
  const std::string why = !name.empty() ? std::string(name) : weekend ? "周末" : "本地休息日";
  return fmt::format("否（{}{}）", why, provisional ? "，预计" : "");
}

/// `calendar RULES provisional YEAR`: the year's file, for review and to ship.
int print_provisional(const std::string& year_text, std::ostream& out, std::ostream& err) {
  const bool digits = !year_text.empty() && year_text.size() <= 4 &&
                      year_text.find_first_not_of("0123456789") == std::string::npos;
  const auto holidays = digits ? statutory_holidays(std::stoi(year_text)) : std::nullopt;
  if (!holidays) {
    return fail(
        {make_diagnostic(codes::provisional_out_of_range, {},
                         fmt::format("no provisional calendar can be computed for '{}': the lunar "
                                     "table covers {}–{}",
                                     year_text, provisional_first_year, provisional_last_year))},
        err);
  }
  out << fmt::format(
      "# {0} provisional national calendar, printed by `shenpi calendar rules provisional {0}`.\n"
      "# Weekends plus the statutory holidays of 《全国年节及纪念日放假办法》 (2024 revision);\n"
      "# a holiday on a weekend is made up on the next working days (补假); no 调休.\n"
      "# Replace this file with the State Council's arrangement once it is published.\n"
      "calendar:\n"
      "  year: {0}\n"
      "  provisional: true\n"
      "  notice: "
      "暂定：依据《全国年节及纪念日放假办法》推算，待国务院办公厅公布{0}年节假日安排后替换\n"
      "  holidays:\n",
      holidays->front().from.year());
  for (const Holiday& h : *holidays) {
    out << fmt::format("    - {{ name: {}, from: {}, to: {} }}\n", h.name, h.from.to_string(),
                       h.to.to_string());
  }
  return 0;
}

int calendar_query(const Calendar& cal, const std::vector<std::string>& p, std::ostream& out,
                   std::ostream& err) {
  const std::string& what = p[1];
  std::vector<Diagnostic> diags;
  CalendarError e;
  if (what == "years") {
    for (int y : cal.years()) {
      out << y << " " << *cal.working_days_in_year(y) << (cal.is_provisional(y) ? "（预计）" : "")
          << "\n";
    }
    return 0;
  }
  const auto first = date_argument(p[2], diags);
  if (!first) return fail(diags, err);
  if (what == "is-working") {
    const auto working = cal.is_working_day(*first);
    if (!working) {
      return fail(
          {outside({*first, fmt::format("{} is outside the calendar ({})", p[2], cal.coverage())})},
          err);
    }
    out << working_reason(cal, *first, *working) << "\n";
    warn_provisional(cal, *first, *first, err);
    return 0;
  }
  if (what == "between") {
    const auto second = date_argument(p[3], diags);
    if (!second) return fail(diags, err);
    const auto n = cal.working_days_between(*first, *second, &e);
    if (!n) return fail({outside(e)}, err);
    out << *n << estimate_mark(cal, *first, *second) << "\n";
    warn_provisional(cal, *first, *second, err);
    return 0;
  }
  const auto limit = parse_day_count(p[3], diags);
  if (!limit) return fail(diags, err);
  const auto due = cal.due_date(*first, *limit, &e);
  if (!due) return fail({outside(e)}, err);
  out << due->to_string() << estimate_mark(cal, *first, *due) << "\n";
  warn_provisional(cal, *first, *due, err);
  return 0;
}

/// The limit and extension of a case: explicit, or from its item.
struct CaseLimit {
  Duration limit;
  std::optional<Duration> extension;
};

std::optional<CaseLimit> case_limit(const CaseFile& c, const std::string& rules,
                                    const ParsedArgs& parsed, std::vector<Diagnostic>& out) {
  const std::optional<std::string> dir_flag = parsed.value("calendar");
  CaseLimit l{c.limit.value_or(Duration{}), c.extension};
  const bool need_item =
      c.limit_source != CaseLimitSource::explicit_limit || (!c.item.empty() && !c.extension);
  if (!need_item) return l;
  LoadOptions options = load_options(parsed);
  if (dir_flag) options.calendar_dirs.push_back(*dir_flag);
  LoadResult loaded = load_rulebook({rules}, options);
  if (!loaded.ok()) {
    out.insert(out.end(), loaded.diagnostics.begin(), loaded.diagnostics.end());
    return std::nullopt;
  }
  const Item* item = loaded.rulebook->find_item(c.item);
  if (!item) {
    out.push_back(make_diagnostic(codes::dangling_reference, c.item_location,
                                  fmt::format("item '{}' is not in {}", c.item, rules)));
    return std::nullopt;
  }
  if (c.limit_source == CaseLimitSource::item_promised) l.limit = item->time_limit.promised;
  if (c.limit_source == CaseLimitSource::item_statutory) {
    l.limit = item->time_limit.statutory;
  }
  if (!l.extension) l.extension = item->time_limit.extension;
  return l;
}

Date system_today() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return Date::from_ymd(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday).value_or(Date{});
}

std::string days(int n, Duration::Unit unit) {
  return fmt::format("{}{}", n, unit == Duration::Unit::natural_days ? "日" : "个工作日");
}

std::string state_text(const ClockStatus& s) {
  const std::string late = days(s.overdue_by, s.unit);
  if (s.decided) {
    return s.overdue ? fmt::format("超期办结（晚于办结期限{}）", late) : "已办结";
  }
  if (s.suspended) return s.overdue ? fmt::format("暂停计时（已超期{}）", late) : "暂停计时";
  return s.overdue ? fmt::format("超期{}", late) : "计时中";
}

void print_clock(const CaseFile& c, const CaseLimit& l, const ClockStatus& s, Date today,
                 std::ostream& out) {
  if (!c.item.empty()) out << "事项：" << c.item << "\n";
  const int extension = s.limit - l.limit.count;
  out << "办理时限：" << days(s.limit, s.unit);
  if (extension > 0) {
    out << fmt::format("（{}，延期{}）", days(l.limit.count, s.unit), days(extension, s.unit));
  }
  out << "\n受理日期：" << s.accepted_on.to_string() << "\n";
  if (s.decided_on) {
    out << "办结日期：" << s.decided_on->to_string() << "\n";
  } else {
    out << "当前日期：" << today.to_string() << "\n";
  }
  const char* mark = s.provisional ? "（预计）" : "";
  out << "已用：" << days(s.days_used, s.unit) << "\n";
  out << "剩余：" << days(s.days_left, s.unit) << mark << "\n";
  out << "办结期限：" << (s.due_date ? s.due_date->to_string() + mark : "暂停计时期间不确定")
      << "\n";
  out << "状态：" << state_text(s) << "\n";
}

void print_clock_json(const CaseFile& c, const CaseLimit& l, const ClockStatus& s, Date today,
                      std::ostream& out) {
  auto date_or_null = [](const std::optional<Date>& d) {
    return d ? nlohmann::json(d->to_string()) : nlohmann::json();
  };
  nlohmann::ordered_json j;
  j["item"] = c.item.empty() ? nlohmann::json() : nlohmann::json(c.item);
  j["unit"] = s.unit == Duration::Unit::working_days ? "working_days" : "natural_days";
  j["limit"] = s.limit;
  j["extension"] = s.limit - l.limit.count;
  j["accepted"] = s.accepted_on.to_string();
  j["today"] = today.to_string();
  j["days_used"] = s.days_used;
  j["days_left"] = s.days_left;
  j["due_date"] = date_or_null(s.due_date);
  j["suspended"] = s.suspended;
  j["decided"] = s.decided;
  j["decided_on"] = date_or_null(s.decided_on);
  j["overdue"] = s.overdue;
  j["overdue_by"] = s.overdue_by;
  j["provisional"] = s.provisional;
  out << j.dump(2) << "\n";
}

}  // namespace

int run_calendar(Args args, std::ostream& out, std::ostream& err) {
  static constexpr std::string_view kValues[] = {"calendar"};
  const ParsedArgs parsed = parse_args(args, kValues, {});
  if (!parsed.error.empty()) return usage(err, kCalendarUsage, parsed.error);
  const auto& p = parsed.positional;
  if (p.size() < 2) return usage(err, kCalendarUsage);
  const std::string& what = p[1];
  const std::size_t wanted = what == "years"                                   ? 2
                             : (what == "is-working" || what == "provisional") ? 3
                             : (what == "add" || what == "between")            ? 4
                                                                               : 0;
  if (wanted == 0) {
    return usage(err, kCalendarUsage, fmt::format("unknown calendar query '{}'", what));
  }
  if (p.size() != wanted) {
    return usage(err, kCalendarUsage, fmt::format("`{}` takes {} argument(s)", what, wanted - 2));
  }
  // The provisional file is computed, not read: it is how a missing year is made.
  if (what == "provisional") return print_provisional(p[2], out, err);
  std::vector<Diagnostic> diags;
  const auto cal = load_calendar(p[0], parsed.value("calendar"), diags);
  if (!cal) return fail(diags, err);
  return calendar_query(*cal, p, out, err);
}

}  // namespace shenpi::cli

namespace shenpi::cli {

int run_clock(Args args, std::ostream& out, std::ostream& err) {
  static constexpr std::string_view kValues[] = {"calendar", "today"};
  static constexpr std::string_view kSwitches[] = {"json"};
  const ParsedArgs parsed = parse_args(args, kValues, kSwitches);
  if (!parsed.error.empty()) return usage(err, kClockUsage, parsed.error);
  if (parsed.positional.size() != 2) return usage(err, kClockUsage);
  const std::string& rules = parsed.positional[0];
  std::vector<Diagnostic> diags;
  std::optional<Date> today_flag;
  if (auto t = parsed.value("today")) {
    today_flag = date_argument(*t, diags);
    if (!today_flag) return fail(diags, err);
  }
  const auto cal = load_calendar(rules, parsed.value("calendar"), diags);
  CaseFileResult read = read_case_file(parsed.positional[1]);
  diags.insert(diags.end(), read.diagnostics.begin(), read.diagnostics.end());
  if (!cal || !read.case_file) return fail(diags, err);
  const auto& c = read.case_file;
  const auto limit = case_limit(*c, rules, parsed, diags);
  if (!limit) return fail(diags, err);
  const Date today = today_flag ? *today_flag : c->today.value_or(system_today());
  const SourceLocation today_at = today_flag || !c->today ? SourceLocation{} : c->today_location;
  ClockResult result =
      shenpi::run_clock(*cal, limit->limit, limit->extension, c->events, today, today_at);
  if (!result.status) return fail(result.diagnostics, err);
  if (parsed.has("json")) {
    print_clock_json(*c, *limit, *result.status, today, out);
  } else {
    print_clock(*c, *limit, *result.status, today, out);
  }
  if (result.status->provisional) {
    const ClockStatus& s = *result.status;
    warn_provisional(*cal, s.accepted_on, std::max(s.due_date.value_or(today), today), err);
  }
  return 0;
}

}  // namespace shenpi::cli
