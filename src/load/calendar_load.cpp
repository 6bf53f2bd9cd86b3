// Calendar files: national years (cn-YYYY.yaml) and a rulebook's local days.
#include "load/calendar_load.hpp"
#include "shenpi/diagnostic_codes.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <system_error>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "base/provisional.hpp"

namespace shenpi::detail {
namespace {

namespace fs = std::filesystem;

constexpr const char* kWeekdays[] = {"",         "Monday", "Tuesday",  "Wednesday",
                                     "Thursday", "Friday", "Saturday", "Sunday"};

/// A listed day and where it was written.
struct Listed {
  Date date;
  SourceLocation location;
};

/// What one calendar file lists, checked; `ok` is false after any error.
class CalendarLists {
 public:
  CalendarLists(const YamlDocument& doc, std::vector<Diagnostic>& out) : r_(doc, out), out_(out) {}

  const YamlReader& reader() const { return r_; }

  void read_working_days(const yaml::Node& list, std::string_view what) {
    if (!r_.expect_sequence(list, what)) {
      ok = false;
      return;
    }
    for (const auto& element : list) add(on, element, what);
  }

  void read_days_off(const yaml::Node& list, std::string_view what) {
    if (!r_.expect_sequence(list, what)) {
      ok = false;
      return;
    }
    for (const auto& entry : list) read_day_off(entry, what);
  }

  /// SP502 for a weekday listed as working day, SP503 for a day in both lists.
  void check(std::string_view on_what) {
    std::map<Date, SourceLocation> off_at;
    for (const Listed& l : off) off_at.emplace(l.date, l.location);
    for (const Listed& l : on) {
      const int wd = l.date.weekday();
      if (wd <= 5) {
        r_.report(codes::calendar_weekday_workday, l.location,
                  fmt::format("{} is a {}, already a working day; {} lists only weekend days",
                              l.date.to_string(), kWeekdays[wd], on_what));
        ok = false;
      }
      const auto it = off_at.find(l.date);
      if (it != off_at.end()) {
        Diagnostic d = make_diagnostic(
            codes::calendar_conflict, l.location,
            fmt::format("{} is listed both as a day off and as a working day", l.date.to_string()));
        d.notes.push_back({it->second, "listed as a day off here"});
        out_.push_back(std::move(d));
        ok = false;
      }
    }
  }

  std::vector<Date> dates(const std::vector<Listed>& listed) const {
    std::vector<Date> out;
    out.reserve(listed.size());
    for (const Listed& l : listed) out.push_back(l.date);
    return out;
  }

  std::vector<Listed> off;
  std::vector<Listed> on;
  std::vector<Holiday> names;
  bool ok = true;

 private:
  void add(std::vector<Listed>& into, const yaml::Node& node, std::string_view what) {
    if (auto d = r_.date(node, fmt::format("a date of {}", what))) {
      into.push_back({*d, r_.location(node)});
    } else {
      ok = false;
    }
  }

  /// A bare date, `{ name, days: [...] }` or `{ name, from, to }`.
  void read_day_off(const yaml::Node& entry, std::string_view what) {
    if (entry.is_scalar()) {
      add(off, entry, what);
      return;
    }
    const std::string entry_what = fmt::format("an entry of {}", what);
    if (!r_.expect_map(entry, entry_what)) {
      ok = false;
      return;
    }
    const auto errors_before = out_.size();
    r_.check_keys(entry, {"name", "days", "from", "to"}, entry_what);
    std::string name;
    if (entry["name"]) name = r_.scalar(entry["name"], "name").value_or("");
    if (entry["days"]) {
      if (entry["from"] || entry["to"]) {
        r_.report(codes::unknown_key, entry["days"],
                  fmt::format("{} gives `days` or `from`/`to`, not both", entry_what));
      }
      if (!r_.expect_sequence(entry["days"], "days")) {
        ok = false;
        return;
      }
      for (const auto& day : entry["days"]) {
        add(off, day, "days");
        if (!name.empty() && !off.empty()) {
          names.push_back({name, off.back().date, off.back().date});
        }
      }
    } else {
      read_range(entry, entry_what, name);
    }
    if (out_.size() != errors_before) ok = false;
  }

  void read_range(const yaml::Node& entry, const std::string& what, const std::string& name) {
    if (!r_.require(entry, "from", what) || !r_.require(entry, "to", what)) return;
    const auto from = r_.date(entry["from"], "from");
    const auto to = r_.date(entry["to"], "to");
    if (!from || !to) return;
    if (*to < *from && to->year() == from->year() && to->month() < from->month()) {
      // `from: 2026-12-31, to: 2026-01-02`: meant across the new year.
      r_.report(codes::bad_value, entry["to"],
                fmt::format("`to` ({}) is before `from` ({}); a range across the new year ends "
                            "in the next year, and each year's days go in that year's file",
                            to->to_string(), from->to_string()));
      return;
    }
    if (*to < *from || *to - *from > 366) {
      r_.report(codes::bad_value, entry["to"],
                fmt::format("`to` ({}) must be on or after `from` ({}), within a year",
                            to->to_string(), from->to_string()));
      return;
    }
    const SourceLocation at = r_.location(entry["from"]);
    for (Date d = *from; d <= *to; d = d + 1) off.push_back({d, at});
    if (!name.empty()) names.push_back({name, *from, *to});
  }

  YamlReader r_;
  std::vector<Diagnostic>& out_;
};

/// The year in a file name `cn-2025.yaml`, or 0.
int year_of_file_name(const std::string& file) {
  const std::string stem = fs::path(file).stem().string();
  if (stem.size() != 7 || stem.compare(0, 3, "cn-") != 0) return 0;
  int year = 0;
  for (std::size_t i = 3; i < 7; ++i) {
    if (stem[i] < '0' || stem[i] > '9') return 0;
    year = year * 10 + (stem[i] - '0');
  }
  return year;
}

/// The `calendar:` mapping of a document; SP103/SP104 when absent.
std::optional<yaml::Node> calendar_root(const YamlReader& r, const YamlDocument& doc,
                                        std::string_view what) {
  if (!r.expect_map(doc.root, what)) return std::nullopt;
  r.check_keys(doc.root, {"calendar"}, what);
  if (!r.require(doc.root, "calendar", what)) return std::nullopt;
  const yaml::Node cal = doc.root["calendar"];
  if (!r.expect_map(cal, "calendar")) return std::nullopt;
  return cal;
}

std::optional<int> read_year(const YamlReader& r, const YamlDocument& doc, const yaml::Node& cal) {
  const auto year = r.integer(cal["year"], "year");
  if (!year) return std::nullopt;
  if (*year < 1 || *year > 9999) {
    r.report(codes::bad_value, cal["year"], fmt::format("year {} is not a four-digit year", *year));
    return std::nullopt;
  }
  const int named = year_of_file_name(doc.file);
  if (named != 0 && named != *year) {
    r.report(codes::calendar_wrong_year, cal["year"],
             fmt::format("year {} does not match the file name {}", *year,
                         fs::path(doc.file).filename().string()));
    return std::nullopt;
  }
  return static_cast<int>(*year);
}

bool declares_provisional(const YamlDocument& doc) {
  if (!doc.root.is_map() || !doc.root["calendar"] || !doc.root["calendar"].is_map()) return false;
  const yaml::Node flag = doc.root["calendar"]["provisional"];
  return flag && flag.is_scalar() && flag.scalar() == "true";
}

std::string date_list(const std::vector<Date>& dates) {
  std::vector<std::string> text;
  for (Date d : dates) text.push_back(d.to_string());
  return fmt::format("{}", fmt::join(text, ", "));
}

/// A provisional year lists the 办法's holidays and nothing else: SP508 when
/// shenpi cannot compute them, SP506 for 调休, SP507 (a warning) when the
/// days off differ.
bool check_provisional(const YamlReader& r, const yaml::Node& node, int year,
                       const std::vector<Date>& days_off) {
  if (year < kFirstProvisionalYear || year > kLastProvisionalYear) {
    r.report(codes::provisional_out_of_range, node["year"],
             fmt::format("no provisional calendar can be computed for {}: the lunar table covers "
                         "{}–{}; add the official cn-{}.yaml instead",
                         year, kFirstProvisionalYear, kLastProvisionalYear, year));
    return false;
  }
  bool ok = true;
  const yaml::Node swaps = node["working_days"];
  if (swaps && (!swaps.is_sequence() || swaps.size() > 0)) {
    r.report(codes::provisional_swap, swaps,
             "a provisional year has no make-up working days (调休): only the State Council's "
             "arrangement sets them");
    ok = false;
  }
  const ProvisionalDifference diff = compare_with_statutory(year, days_off);
  if (!diff.empty() && node["holidays"]) {
    std::string message = fmt::format(
        "the days off differ from the statutory holidays of 《全国年节及纪念日放假办法》 for {}",
        year);
    if (!diff.not_statutory.empty()) {
      message += fmt::format("; listed but not statutory: {}", date_list(diff.not_statutory));
    }
    if (!diff.not_listed.empty()) {
      message += fmt::format("; statutory but not listed: {}", date_list(diff.not_listed));
    }
    r.report(codes::provisional_mismatch, node["holidays"],
             message + fmt::format(" (`shenpi calendar rules provisional {}` prints them)", year));
  }
  return ok;
}

/// SP501 for listed days outside `year`; a range's days once, as a range
/// (a holiday across the new year is split between the two years' files).
bool report_other_years(const YamlReader& r, const CalendarLists& lists, int year) {
  bool ok = true;
  for (const auto* listed : {&lists.off, &lists.on}) {
    for (std::size_t i = 0; i < listed->size(); ++i) {
      const Listed& l = (*listed)[i];
      if (l.date.year() == year) continue;
      std::size_t j = i;
      while (j + 1 < listed->size() && (*listed)[j + 1].location == l.location &&
             (*listed)[j + 1].date.year() != year) {
        ++j;
      }
      const std::string days =
          j == i ? l.date.to_string()
                 : fmt::format("{} … {}", l.date.to_string(), (*listed)[j].date.to_string());
      r.report(
          codes::calendar_wrong_year, l.location,
          fmt::format("{} {} not in {}, the year of this file{}", days, j == i ? "is" : "are", year,
                      j == i ? "" : "; list each year's days of the range in its own file"));
      ok = false;
      i = j;
    }
  }
  return ok;
}

}  // namespace

std::optional<int> load_calendar_year(const YamlDocument& doc, Calendar& cal,
                                      std::vector<Diagnostic>& out) {
  CalendarLists lists(doc, out);
  const YamlReader& r = lists.reader();
  const auto root = calendar_root(r, doc, "a calendar file");
  if (!root) return std::nullopt;
  const yaml::Node& node = *root;
  r.check_keys(node, {"year", "notice", "provisional", "holidays", "working_days"}, "calendar");
  bool ok = true;
  bool provisional = false;
  if (node["provisional"]) {
    const auto flag = r.boolean(node["provisional"], "provisional");
    ok = flag.has_value();
    provisional = flag.value_or(false);
  }
  for (const char* key : {"year", "notice", "holidays"}) {
    if (!r.require(node, key, "calendar")) ok = false;
  }
  if (node["notice"]) ok = r.scalar(node["notice"], "notice").has_value() && ok;
  const std::optional<int> year = node["year"] ? read_year(r, doc, node) : std::nullopt;
  if (node["holidays"]) lists.read_days_off(node["holidays"], "holidays");
  if (node["working_days"]) lists.read_working_days(node["working_days"], "working_days");
  if (year) ok = report_other_years(r, lists, *year) && ok;
  lists.check("working_days (调休)");
  if (provisional && year && lists.ok) {
    ok = check_provisional(r, node, *year, lists.dates(lists.off)) && ok;
  }
  if (!ok || !lists.ok || !year) return std::nullopt;
  // A provisional year the official one already replaced adds nothing.
  if (CalendarBuilder::add_year(cal, *year, lists.dates(lists.off), lists.dates(lists.on),
                                provisional)) {
    CalendarBuilder::add_holiday_names(cal, lists.names);
  }
  return year;
}

void load_calendar_dir(const std::string& dir, Calendar& cal, std::vector<Diagnostic>& out,
                       YamlCache* cache) {
  std::error_code ec;
  std::vector<std::string> files;
  if (!fs::is_directory(dir, ec)) {
    out.push_back(make_diagnostic(
        codes::calendar_missing, {dir, 0, 0},
        "the national calendar folder does not exist (expected cn-YYYY.yaml files here)"));
    return;
  }
  {
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (name.rfind("cn-", 0) == 0 && it->path().extension() == ".yaml") {
        files.push_back(it->path().generic_string());
      }
    }
  }
  if (files.empty()) {
    out.push_back(make_diagnostic(codes::calendar_missing, {dir, 0, 0},
                                  "no national calendar file (cn-YYYY.yaml) in this folder"));
    return;
  }
  std::sort(files.begin(), files.end());
  // An official and a provisional file of one year may be side by side:
  // the official one wins (Calendar::add_year). Two of a kind are SP105.
  std::map<std::pair<int, bool>, SourceLocation> seen;
  for (const auto& file : files) {
    auto doc = read_yaml_file(file, out, kMaxFileBytes, cache);
    if (!doc) continue;
    const auto year = load_calendar_year(*doc, cal, out);
    if (!year) continue;
    const SourceLocation here{file, 0, 0};
    const auto [it, inserted] = seen.emplace(std::pair{*year, declares_provisional(*doc)}, here);
    if (!inserted) {
      Diagnostic d = make_diagnostic(codes::duplicate_id, here,
                                     fmt::format("calendar year {} is defined twice", *year));
      d.notes.push_back({it->second, "first defined here"});
      out.push_back(std::move(d));
    }
  }
}

void load_local_calendar(const YamlDocument& doc, Calendar& cal, std::vector<Diagnostic>& out) {
  CalendarLists lists(doc, out);
  const YamlReader& r = lists.reader();
  const auto root = calendar_root(r, doc, "a local calendar file");
  if (!root) return;
  const yaml::Node& node = *root;
  r.check_keys(node, {"extends", "name", "notice", "days_off", "working_days"}, "calendar");
  if (!r.require(node, "extends", "a local calendar")) return;
  const auto base = r.scalar(node["extends"], "extends");
  if (!base) return;
  if (*base != "cn") {
    r.report(
        codes::bad_value, node["extends"],
        fmt::format(
            "extends: '{}' is not a known calendar (only `cn`, the national cn-YYYY.yaml files)",
            *base));
    return;
  }
  for (const char* key : {"name", "notice"}) {
    if (node[key]) r.scalar(node[key], key);
  }
  if (node["days_off"]) lists.read_days_off(node["days_off"], "days_off");
  if (node["working_days"]) lists.read_working_days(node["working_days"], "working_days");
  for (const auto* listed : {&lists.off, &lists.on}) {
    for (const Listed& l : *listed) {
      if (cal.covers(l.date)) continue;
      r.report(codes::date_outside_calendar, l.location,
               fmt::format("{} is outside the national calendar this one extends ({})",
                           l.date.to_string(), cal.coverage()));
      lists.ok = false;
    }
  }
  lists.check("a local calendar's working_days");
  if (!lists.ok) return;
  CalendarBuilder::add_local_days(cal, lists.dates(lists.off), lists.dates(lists.on));
  CalendarBuilder::add_holiday_names(cal, lists.names);
}

void load_local_calendar(const std::string& file, Calendar& cal, std::vector<Diagnostic>& out,
                         YamlCache* cache) {
  if (auto doc = read_yaml_file(file, out, kMaxFileBytes, cache))
    load_local_calendar(*doc, cal, out);
}

std::filesystem::path national_calendar_dir(const std::filesystem::path& root) {
  return (root.has_filename() ? root : root.parent_path()).parent_path() / "calendar";
}

std::string local_calendar_file(const std::filesystem::path& root) {
  std::error_code ec;
  const auto file = root / "calendar.yaml";
  return std::filesystem::exists(file, ec) ? file.generic_string() : std::string();
}

}  // namespace shenpi::detail
