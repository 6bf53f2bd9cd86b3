// make_record and its JSON: the item version, its period and the digests of
// what the decision read (docs/versions.md, "The decision record").
#include <algorithm>
#include <array>
#include <map>
#include <mutex>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "notice/json_line.hpp"
#include "record/record_json.hpp"
#include "shenpi/notice.hpp"
#include "shenpi/record.hpp"

#ifndef SHENPI_VERSION_TEXT
#define SHENPI_VERSION_TEXT "unknown"
#endif

namespace shenpi {
namespace {

int year_of(Date d) {
  return d.year();
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

/// The item and calendar digests depend on the rulebook only, and cost
/// far more than the decision (canonical_item builds the whole item as a
/// DOM): each is computed once per rulebook. An entry remembers its
/// rulebook weakly, so an address reused by a later rulebook (a reload)
/// is never mistaken for the old one; entries of freed rulebooks are
/// dropped as the table grows.
class DigestMemo {
 public:
  template <typename Key, typename Compute>
  std::string get(const Rulebook& book, const Key& key, Compute compute) {
    const std::weak_ptr<const Rulebook> weak = book.weak_from_this();
    if (weak.expired()) return compute();  // not shared-owned: nothing to key on safely
    auto& table = table_for<Key>();
    {
      std::lock_guard lock(mutex_);
      const auto it = table.find(key);
      if (it != table.end() && it->second.book.lock().get() == &book) return it->second.digest;
    }
    std::string digest = compute();
    std::lock_guard lock(mutex_);
    if (table.size() >= 4096) {
      std::erase_if(table, [](const auto& e) { return e.second.book.expired(); });
    }
    table.insert_or_assign(key, Entry{weak, digest});
    return digest;
  }

 private:
  struct Entry {
    std::weak_ptr<const Rulebook> book;
    std::string digest;
  };
  using ItemKey = const Item*;
  using CalendarKey = std::pair<const Calendar*, std::vector<int>>;
  template <typename Key>
  auto& table_for() {
    if constexpr (std::is_same_v<Key, ItemKey>)
      return items_;
    else
      return calendars_;
  }
  std::mutex mutex_;
  std::unordered_map<ItemKey, Entry> items_;
  std::map<CalendarKey, Entry> calendars_;
};

DigestMemo& digest_memo() {
  static DigestMemo memo;
  return memo;
}

void put_date(const std::optional<Date>& d, std::string& out) {
  detail::append_json_date(d, out);
}

/// Compact JSON as nlohmann's dump(2) indents it: two spaces a level,
/// `"key": value`, one element a line, `{}` and `[]` when empty. Strings
/// and scalars are copied in runs.
std::string indented(std::string_view compact) {
  std::string out;
  out.reserve(compact.size() + compact.size() / 2);
  int depth = 0;
  const auto newline = [&] {
    out += '\n';
    out.append(static_cast<std::size_t>(depth) * 2, ' ');
  };
  std::size_t i = 0;
  while (i < compact.size()) {
    const char c = compact[i];
    if (c == '"') {
      std::size_t end = i + 1;
      for (;;) {
        end = compact.find_first_of("\"\\", end);
        if (compact[end] == '"') break;
        end += 2;  // an escape and the character it escapes
      }
      out.append(compact.substr(i, end + 1 - i));
      i = end + 1;
      continue;
    }
    if (c == '{' || c == '[') {
      out += c;
      if (compact[i + 1] == (c == '{' ? '}' : ']')) {
        out += compact[i + 1];
        i += 2;
        continue;
      }
      ++depth;
      newline();
    } else if (c == '}' || c == ']') {
      --depth;
      newline();
      out += c;
    } else if (c == ',') {
      out += c;
      newline();
    } else if (c == ':') {
      out += ": ";
    } else {
      // A number, true, false or null: up to the next structural character.
      const std::size_t end = std::min(compact.find_first_of(",:]}", i), compact.size());
      out.append(compact.substr(i, end - i));
      i = end;
      continue;
    }
    ++i;
  }
  return out;
}

}  // namespace

namespace detail {

void append_record_json(const DecisionRecord& r, std::string& out) {
  out += "{\"item\":";
  append_json_string(r.item, out);
  out += ",\"version\":";
  append_json_string(r.version, out);
  out += ",\"effective\":{\"from\":";
  put_date(r.effective.from, out);
  out += ",\"until\":";
  put_date(r.effective.until, out);
  out += "},\"as_of\":";
  put_date(r.as_of, out);
  // canonical_application is nlohmann's own compact dump: embedded as is.
  out += ",\"application\":";
  out += r.application;
  out += ",\"application_sha256\":";
  append_json_string(r.application_sha256, out);
  out += ",\"item_sha256\":";
  append_json_string(r.item_sha256, out);
  out += ",\"calendar_years\":[";
  for (std::size_t i = 0; i < r.calendar_years.size(); ++i) {
    if (i > 0) out += ',';
    out += std::to_string(r.calendar_years[i]);
  }
  out += "],\"calendar_sha256\":";
  append_json_string(r.calendar_sha256, out);
  out += ",\"engine\":";
  append_json_string(r.engine, out);
  out += '}';
}

std::string_view engine_name() {
  return "shenpi " SHENPI_VERSION_TEXT;
}

std::string item_digest(const Rulebook& book, const Item& item) {
  return digest_memo().get(book, &item, [&] { return sha256_hex(canonical_item(item)); });
}

std::vector<int> calendar_years(const Calendar& calendar, const Decision& decision) {
  return years_used(calendar, decision);
}

std::string calendar_digest(const Rulebook& book, const std::vector<int>& years) {
  return digest_memo().get(book, std::pair(&book.calendar(), years),
                           [&] { return sha256_hex(canonical_calendar(book.calendar(), years)); });
}

}  // namespace detail

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
  r.item_sha256 = detail::item_digest(book, item);
  r.calendar_years = years_used(book.calendar(), decision);
  r.calendar_sha256 = detail::calendar_digest(book, r.calendar_years);
  r.engine = detail::engine_name();
  return r;
}

std::string record_to_json(const DecisionRecord& r) {
  std::string out;
  detail::append_record_json(r, out);
  return out;
}

std::string decision_json_with_record(const Rulebook& book, const Application& application,
                                      const Decision& decision, bool trace) {
  if (!trace) {
    // The hot path (every `POST /v1/evaluate`): written straight, then
    // indented; no DOM.
    std::string compact;
    if (detail::append_decision_with_record(book, application, decision, compact)) {
      return indented(compact);
    }
  }
  auto j = nlohmann::ordered_json::parse(decision_to_json(decision, trace));
  if (const auto record = make_record(book, application, decision)) {
    j["record"] = nlohmann::ordered_json::parse(record_to_json(*record));
  }
  return j.dump(2);
}

}  // namespace shenpi
