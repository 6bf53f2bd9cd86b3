// Reading calendar files (rules/calendar/cn-YYYY.yaml, a rulebook's
// calendar.yaml) and case files for the clock. Formats: docs/calendar.md.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "load/yaml_util.hpp"
#include "shenpi/calendar.hpp"
#include "shenpi/diagnostics.hpp"

namespace shenpi::detail {

/// Loads every `cn-*.yaml` of `dir`, in name order, into `cal`. SP505 when
/// the folder is missing or holds none; a year whose file has errors is not
/// added (counting with it would be a guess).
void load_calendar_dir(const std::string& dir, Calendar& cal, std::vector<Diagnostic>& out);

/// One national year file. Returns the year when it was added to `cal`.
std::optional<int> load_calendar_year(const YamlDocument& doc, Calendar& cal,
                                      std::vector<Diagnostic>& out);

/// A rulebook's local calendar (`calendar: { extends: cn, days_off, working_days }`),
/// applied on top of the national years already in `cal`.
void load_local_calendar(const std::string& file, Calendar& cal, std::vector<Diagnostic>& out);
void load_local_calendar(const YamlDocument& doc, Calendar& cal, std::vector<Diagnostic>& out);

/// Where a case's limit comes from.
enum class CaseLimitSource { explicit_limit, item_promised, item_statutory };

/// A case file for `shenpi clock`.
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

/// Reads `case: { item, limit, extension, today, events: [{on, event, extension, note}] }`.
/// SP701 when the document is not a case; SP102/SP103/SP104/SP107/SP108/SP109 inside.
std::optional<CaseFile> load_case(const YamlDocument& doc, std::vector<Diagnostic>& out);

}  // namespace shenpi::detail
