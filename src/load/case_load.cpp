// Case files for `shenpi clock`: a limit and a timeline of events.
#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "load/calendar_load.hpp"
#include "shenpi/diagnostic_codes.hpp"

namespace shenpi::detail {
namespace {

constexpr const char* kEventNames =
    "accepted, supplement_requested, supplement_received, special_started, special_ended, "
    "extension_granted, decided";

std::optional<ClockEvent> read_event(const YamlReader& r, const yaml::Node& node) {
  if (!r.expect_map(node, "an event")) return std::nullopt;
  r.check_keys(node, {"on", "event", "extension", "note"}, "an event");
  if (!r.require(node, "on", "an event") || !r.require(node, "event", "an event")) {
    return std::nullopt;
  }
  ClockEvent e;
  e.location = r.location(node);
  const auto date = r.date(node["on"], "on");
  const auto name = r.scalar(node["event"], "event");
  if (!date || !name) return std::nullopt;
  const auto kind = parse_clock_event_kind(*name);
  if (!kind) {
    r.report(codes::bad_value, node["event"],
             fmt::format("unknown event '{}' (known: {})", *name, kEventNames));
    return std::nullopt;
  }
  e.date = *date;
  e.kind = *kind;
  if (node["extension"]) {
    if (e.kind != ClockEventKind::extension_granted) {
      r.report(codes::unknown_key, node["extension"],
               "only an `extension_granted` event has an `extension`");
      return std::nullopt;
    }
    e.extension = r.duration(node["extension"], "extension");
    if (!e.extension) return std::nullopt;
  }
  if (node["note"]) r.scalar(node["note"], "note");
  return e;
}

/// `limit:` is a duration, or `promised` / `statutory` to take it from the item.
bool read_limit(const YamlReader& r, const yaml::Node& node, CaseFile& c) {
  const auto text = r.scalar(node, "limit");
  if (!text) return false;
  if (*text == "promised" || *text == "statutory") {
    c.limit_source =
        *text == "promised" ? CaseLimitSource::item_promised : CaseLimitSource::item_statutory;
    if (c.item.empty()) {
      r.report(codes::missing_key, node,
               fmt::format("`limit: {}` takes the limit from the item, but the case has no `item`",
                           *text));
      return false;
    }
    return true;
  }
  c.limit = r.duration(node, "limit");
  return c.limit.has_value();
}

bool read_events(const YamlReader& r, const yaml::Node& node, CaseFile& c) {
  if (!r.expect_sequence(node, "events")) return false;
  bool ok = true;
  for (const auto& element : node) {
    if (auto e = read_event(r, element)) {
      c.events.push_back(std::move(*e));
    } else {
      ok = false;
    }
  }
  return ok;
}

}  // namespace

std::optional<CaseFile> load_case(const YamlDocument& doc, std::vector<Diagnostic>& out) {
  const YamlReader r(doc, out);
  if (!doc.root.is_map() || !doc.root["case"] || !doc.root["case"].is_map()) {
    r.report(codes::clock_shape, doc.root,
             "a case file is a mapping `case: { limit or item, today, events: [...] }`");
    return std::nullopt;
  }
  const auto errors_before = out.size();
  r.check_keys(doc.root, {"case"}, "a case file");
  const yaml::Node node = doc.root["case"];
  CaseFile c;
  c.location = r.location(node);
  r.check_keys(node, {"item", "limit", "extension", "today", "events"}, "case");
  if (node["item"]) {
    c.item = r.scalar(node["item"], "item").value_or("");
    c.item_location = r.location(node["item"]);
  }
  if (node["limit"]) {
    read_limit(r, node["limit"], c);
  } else if (!c.item.empty()) {
    c.limit_source = CaseLimitSource::item_promised;
  } else {
    r.report(codes::clock_shape, node,
             "a case needs `limit:` (a duration) or `item:` (to take the item's limit)");
  }
  if (node["extension"]) c.extension = r.duration(node["extension"], "extension");
  if (node["today"]) {
    c.today = r.date(node["today"], "today");
    c.today_location = r.location(node["today"]);
  }
  if (r.require(node, "events", "case")) read_events(r, node["events"], c);
  if (out.size() != errors_before) return std::nullopt;
  return c;
}

}  // namespace shenpi::detail

namespace shenpi {

CaseFileResult read_case_file(const std::string& path) {
  CaseFileResult result;
  if (auto doc = detail::read_yaml_file(path, result.diagnostics)) {
    result.case_file = detail::load_case(*doc, result.diagnostics);
  }
  sort_diagnostics(result.diagnostics);
  return result;
}

CalendarResult load_calendar(const std::string& dir, const std::string& local_file) {
  CalendarResult result;
  Calendar cal;
  detail::load_calendar_dir(dir, cal, result.diagnostics);
  // Local days on a missing national year would only repeat the error.
  if (!local_file.empty() && result.diagnostics.empty()) {
    detail::load_local_calendar(local_file, cal, result.diagnostics);
  }
  sort_diagnostics(result.diagnostics);
  if (result.diagnostics.empty()) result.calendar = std::move(cal);
  return result;
}

namespace {

bool has_national_files(const std::filesystem::path& dir) {
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.rfind("cn-", 0) == 0 && it->path().extension() == ".yaml") return true;
  }
  return false;
}

}  // namespace

CalendarResult load_rules_calendar(const std::string& rules, const std::string& calendar_dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path root(rules);
  if (!fs::is_directory(root, ec)) {
    CalendarResult missing;
    missing.diagnostics.push_back(
        make_diagnostic(codes::unreadable_source, {rules, 0, 0}, "no such rulebook folder"));
    return missing;
  }
  std::string dir;
  std::string local;
  if (has_national_files(root)) {
    dir = root.generic_string();
  } else if (fs::is_directory(root / "calendar", ec)) {
    dir = (root / "calendar").generic_string();
  } else {
    dir = detail::national_calendar_dir(root).lexically_normal().generic_string();
    local = detail::local_calendar_file(root);
  }
  if (!calendar_dir.empty()) dir = calendar_dir;
  return load_calendar(dir, local);
}

}  // namespace shenpi
