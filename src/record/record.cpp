// make_record and its JSON: the item version, its period and the digests of
// what the decision read (docs/versions.md, "The decision record").
#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "shenpi/notice.hpp"
#include "shenpi/record.hpp"

#ifndef SHENPI_VERSION_TEXT
#define SHENPI_VERSION_TEXT "unknown"
#endif

namespace shenpi {
namespace {

using nlohmann::ordered_json;

int year_of(Date d) {
  return std::stoi(d.to_string().substr(0, 4));
}

/// The years from filing to the last deadline: the only calendar days a
/// decision's dates depend on.
std::vector<int> years_used(const Calendar& calendar, const Decision& d) {
  int first = year_of(d.application->submitted_on());
  int last = first;
  for (const auto& due : {d.deadlines.promised, d.deadlines.statutory, d.deadlines.tolerance}) {
    if (due) last = std::max(last, year_of(*due));
  }
  std::vector<int> years;
  for (int y = first; y <= last; ++y) {
    if (calendar.working_days_in_year(y)) years.push_back(y);
  }
  return years;
}

/// {"2025":"0111110…"}: one character per day of each year, 1 for a
/// working day. Holiday names and file layout do not enter it.
std::string canonical_calendar(const Calendar& calendar, const std::vector<int>& years) {
  nlohmann::json j = nlohmann::json::object();
  for (const int y : years) {
    std::string days;
    const Date first = *Date::from_ymd(y, 1, 1);
    for (Date d = first; year_of(d) == y; d = Date::from_days(d.days() + 1)) {
      days += calendar.is_working_day(d).value_or(false) ? '1' : '0';
    }
    j[std::to_string(y)] = std::move(days);
  }
  return j.dump();
}

ordered_json optional_date(const std::optional<Date>& d) {
  return d ? ordered_json(d->to_string()) : ordered_json(nullptr);
}

}  // namespace

std::optional<DecisionRecord> make_record(const Rulebook& book, const Application& application,
                                          const Decision& decision) {
  if (!decision.valid()) return std::nullopt;
  const Item& item = decision.item();
  DecisionRecord r;
  r.item = item.code;
  r.version = item.version;
  r.effective = {item.effective.from, item.effective.until, {}};
  r.as_of = application.as_of;
  r.application = canonical_application(application);
  r.application_sha256 = sha256_hex(r.application);
  r.item_sha256 = sha256_hex(canonical_item(item));
  r.calendar_years = years_used(book.calendar(), decision);
  r.calendar_sha256 = sha256_hex(canonical_calendar(book.calendar(), r.calendar_years));
  r.engine = fmt::format("shenpi {}", SHENPI_VERSION_TEXT);
  return r;
}

std::string record_to_json(const DecisionRecord& r) {
  ordered_json j;
  j["item"] = r.item;
  j["version"] = r.version;
  j["effective"] = {{"from", optional_date(r.effective.from)},
                    {"until", optional_date(r.effective.until)}};
  j["as_of"] = optional_date(r.as_of);
  j["application"] = ordered_json::parse(r.application);
  j["application_sha256"] = r.application_sha256;
  j["item_sha256"] = r.item_sha256;
  j["calendar_years"] = r.calendar_years;
  j["calendar_sha256"] = r.calendar_sha256;
  j["engine"] = r.engine;
  return j.dump();
}

std::string decision_json_with_record(const Rulebook& book, const Application& application,
                                      const Decision& decision, bool trace) {
  auto j = nlohmann::ordered_json::parse(decision_to_json(decision, trace));
  if (const auto record = make_record(book, application, decision)) {
    j["record"] = nlohmann::ordered_json::parse(record_to_json(*record));
  }
  return j.dump(2);
}

}  // namespace shenpi
