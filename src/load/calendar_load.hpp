// Reading calendar files (rules/calendar/cn-YYYY.yaml, a rulebook's
// calendar.yaml) and case files for the clock. Formats: docs/calendar.md.
// The public entry points (load_calendar, read_case_file) are in
// shenpi/calendar.hpp.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "load/yaml_util.hpp"
#include "shenpi/calendar.hpp"
#include "shenpi/diagnostics.hpp"

namespace shenpi::detail {

/// The loader's (and tests') way to fill a Calendar: the friend-builder of
/// shenpi/calendar.hpp. See Calendar's private members for the contract.
struct CalendarBuilder {
  static bool add_year(Calendar& cal, int year, const std::vector<Date>& holidays,
                       const std::vector<Date>& working_days, bool provisional = false) {
    return cal.add_year(year, holidays, working_days, provisional);
  }
  static void add_local_days(Calendar& cal, const std::vector<Date>& days_off,
                             const std::vector<Date>& days_on) {
    cal.add_local_days(days_off, days_on);
  }
  static void add_holiday_names(Calendar& cal, const std::vector<Holiday>& holidays) {
    cal.add_holiday_names(holidays);
  }
};

/// Where load_rulebook looks for the national calendar of a rulebook
/// folder or file `root`: the `calendar` folder beside the rulebook folder.
std::filesystem::path national_calendar_dir(const std::filesystem::path& root);
/// The rulebook folder's own `calendar.yaml` (local days), or empty.
std::string local_calendar_file(const std::filesystem::path& root);

/// Loads every `cn-*.yaml` of `dir`, in name order, into `cal`. SP505 when
/// the folder is missing or holds none; a year whose file has errors is not
/// added (counting with it would be a guess). Files are parsed through
/// `cache` when not null.
void load_calendar_dir(const std::string& dir, Calendar& cal, std::vector<Diagnostic>& out,
                       YamlCache* cache = nullptr);

/// One national year file. Returns the year when it was added to `cal`.
std::optional<int> load_calendar_year(const YamlDocument& doc, Calendar& cal,
                                      std::vector<Diagnostic>& out);

/// A rulebook's local calendar (`calendar: { extends: cn, days_off, working_days }`),
/// applied on top of the national years already in `cal`.
void load_local_calendar(const std::string& file, Calendar& cal, std::vector<Diagnostic>& out,
                         YamlCache* cache = nullptr);
void load_local_calendar(const YamlDocument& doc, Calendar& cal, std::vector<Diagnostic>& out);

/// Reads `case: { item, limit, extension, today, events: [{on, event, extension, note}] }`.
/// SP701 when the document is not a case; SP102/SP103/SP104/SP107/SP108/SP109 inside.
std::optional<CaseFile> load_case(const YamlDocument& doc, std::vector<Diagnostic>& out);

}  // namespace shenpi::detail
