// `shenpi calendar` (working-day arithmetic) and `shenpi clock` (a case's
// clock). Formats and conventions: docs/calendar.md.
#include <ctime>
#include <filesystem>
#include <ostream>
#include <system_error>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/cli_util.hpp"
#include "cli/commands.hpp"
#include "shenpi/calendar.hpp"
#include "shenpi/diagnostic_codes.hpp"
#include "shenpi/rulebook.hpp"

namespace shenpi::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kCalendarUsage =
    "usage: shenpi calendar RULES add DATE N|DURATION   the day N working days (or DURATION) after "
    "DATE\n"
    "       shenpi calendar RULES is-working DATE       yes or no, with the reason\n"
    "       shenpi calendar RULES between FROM TO       working days in (FROM, TO]\n"
    "       shenpi calendar RULES years                 covered years and their working days\n"
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

bool has_national_files(const fs::path& dir) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.rfind("cn-", 0) == 0 && it->path().extension() == ".yaml") return true;
  }
  return false;
}

/// RULES may be a rulebook folder (calendar in RULES/../calendar, local days
/// in RULES/calendar.yaml), the folder holding `calendar/`, or the calendar
/// folder itself.
std::optional<Calendar> load_calendar(const std::string& rules,
                                      const std::optional<std::string>& dir_flag,
                                      std::vector<Diagnostic>& out) {
  std::error_code ec;
  const fs::path root(rules);
  if (!fs::is_directory(root, ec)) {
    out.push_back(
        make_diagnostic(codes::unreadable_source, {rules, 0, 0}, "no such rulebook folder"));
    return std::nullopt;
  }
  fs::path dir;
  fs::path local;
  if (has_national_files(root)) {
    dir = root;
  } else if (fs::is_directory(root / "calendar", ec)) {
    dir = root / "calendar";
  } else {
    dir = (root / ".." / "calendar").lexically_normal();
    if (fs::exists(root / "calendar.yaml", ec)) local = root / "calendar.yaml";
  }
  if (dir_flag) dir = *dir_flag;
  CalendarResult loaded = shenpi::load_calendar(dir.generic_string(), local.generic_string());
  out.insert(out.end(), loaded.diagnostics.begin(), loaded.diagnostics.end());
  return std::move(loaded.calendar);
}

std::optional<Date> date_argument(const std::string& text, std::vector<Diagnostic>& out) {
  if (auto d = Date::parse(text)) return d;
  out.push_back(
      make_diagnostic(codes::bad_date, {}, fmt::format("'{}' is not a date (YYYY-MM-DD)", text)));
  return std::nullopt;
}

/// `5` means 5 working days; anything else is a duration (`20日`, `即办` …).
std::optional<Duration> count_argument(const std::string& text, std::vector<Diagnostic>& out) {
  if (auto d = parse_duration(text + " working days")) {
    if (text.find_first_not_of("0123456789") == std::string::npos) return d;
  }
  if (auto d = parse_duration(text)) return d;
  out.push_back(
      make_diagnostic(codes::bad_duration, {},
                      fmt::format("'{}' is neither a number of working days nor a duration "
                                  "(`5 working days`, `20 days`, `5个工作日`, `20日`, `即办`)",
                                  text)));
  return std::nullopt;
}

Diagnostic outside(const CalendarError& e) {
  return make_diagnostic(codes::date_outside_calendar, {}, e.message);
}

std::string working_reason(const Calendar& cal, Date d, bool working) {
  const bool weekend = d.weekday() > 5;
  if (working) return weekend ? "yes (调休: a make-up working day)" : "yes";
  const std::string_view name = cal.day_off_name(d);
  if (!name.empty()) return fmt::format("no ({})", name);
  return weekend ? "no (weekend)" : "no (a local day off)";
}

int calendar_query(const Calendar& cal, const std::vector<std::string>& p, std::ostream& out,
                   std::ostream& err) {
  const std::string& what = p[1];
  std::vector<Diagnostic> diags;
  CalendarError e;
  if (what == "years") {
    for (int y : cal.years()) out << y << " " << *cal.working_days_in_year(y) << "\n";
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
    return 0;
  }
  if (what == "between") {
    const auto second = date_argument(p[3], diags);
    if (!second) return fail(diags, err);
    const auto n = cal.working_days_between(*first, *second, &e);
    if (!n) return fail({outside(e)}, err);
    out << *n << "\n";
    return 0;
  }
  const auto limit = count_argument(p[3], diags);
  if (!limit) return fail(diags, err);
  const auto due = cal.due_date(*first, *limit, &e);
  if (!due) return fail({outside(e)}, err);
  out << due->to_string() << "\n";
  return 0;
}

/// The limit and extension of a case: explicit, or from its item.
struct CaseLimit {
  Duration limit;
  std::optional<Duration> extension;
};

std::optional<CaseLimit> case_limit(const CaseFile& c, const std::string& rules,
                                    const std::optional<std::string>& dir_flag,
                                    std::vector<Diagnostic>& out) {
  CaseLimit l{c.limit.value_or(Duration{}), c.extension};
  const bool need_item =
      c.limit_source != CaseLimitSource::explicit_limit || (!c.item.empty() && !c.extension);
  if (!need_item) return l;
  LoadOptions options;
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
  if (unit == Duration::Unit::natural_days) {
    return fmt::format("{} {}", n, n == 1 || n == -1 ? "day" : "days");
  }
  return fmt::format("{} {}", n, n == 1 || n == -1 ? "working day" : "working days");
}

std::string state_text(const ClockStatus& s) {
  const std::string late = days(s.overdue_by, s.unit);
  if (s.decided) {
    return s.overdue ? fmt::format("decided late (超期办结), {} after the due date", late)
                     : "decided (已办结)";
  }
  if (s.suspended) {
    return s.overdue ? fmt::format("suspended (暂停计时), overdue (超期) by {}", late)
                     : "suspended (暂停计时)";
  }
  return s.overdue ? fmt::format("overdue (超期) by {}", late) : "running (计时中)";
}

void print_clock(const CaseFile& c, const CaseLimit& l, const ClockStatus& s, Date today,
                 std::ostream& out) {
  if (!c.item.empty()) out << "item: " << c.item << "\n";
  const int extension = s.limit - l.limit.count;
  out << "limit: " << days(s.limit, s.unit);
  if (extension > 0) {
    out << fmt::format(" ({} + {} extension)", days(l.limit.count, s.unit),
                       days(extension, s.unit));
  }
  out << "\naccepted: " << s.accepted_on.to_string() << "\n";
  if (s.decided_on) {
    out << "decided: " << s.decided_on->to_string() << "\n";
  } else {
    out << "today: " << today.to_string() << "\n";
  }
  out << "days used: " << days(s.days_used, s.unit) << "\n";
  out << "days left: " << days(s.days_left, s.unit) << "\n";
  out << "due date: " << (s.due_date ? s.due_date->to_string() : "none while suspended") << "\n";
  out << "state: " << state_text(s) << "\n";
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
  const std::size_t wanted = what == "years"                        ? 2
                             : what == "is-working"                 ? 3
                             : (what == "add" || what == "between") ? 4
                                                                    : 0;
  if (wanted == 0) {
    return usage(err, kCalendarUsage, fmt::format("unknown calendar query '{}'", what));
  }
  if (p.size() != wanted) {
    return usage(err, kCalendarUsage, fmt::format("`{}` takes {} argument(s)", what, wanted - 2));
  }
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
  const auto limit = case_limit(*c, rules, parsed.value("calendar"), diags);
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
  return 0;
}

}  // namespace shenpi::cli
