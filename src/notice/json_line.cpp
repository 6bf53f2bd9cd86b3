// A decision as a JSON line without a DOM: decision_to_json builds about
// 900 small objects per decision, which at batch rates is most of the time.
// The key order and escaping follow nlohmann's compact dump, so the batch
// output equals `eval --json` compacted (tests/unit/notice check it).
#include "notice/json_line.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "notice/words.hpp"
#include "shenpi/notice.hpp"

namespace shenpi::detail {
namespace {

/// Whether a byte must be escaped in JSON (as nlohmann does: quote,
/// backslash, control characters; UTF-8 passes through).
constexpr bool needs_escape(unsigned char c) {
  return c < 0x20 || c == '"' || c == '\\';
}

void put_escaped(unsigned char c, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\b':
      out += "\\b";
      break;
    case '\f':
      out += "\\f";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\t':
      out += "\\t";
      break;
    default:
      out += "\\u00";
      out += kHex[c >> 4U];
      out += kHex[c & 0xFU];
  }
}

}  // namespace

void append_json_string(std::string_view s, std::string& out) {
  out += '"';
  // Runs without anything to escape go in whole: names are mostly CJK text.
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (!needs_escape(c)) continue;
    out.append(s.data() + run, i - run);
    put_escaped(c, out);
    run = i + 1;
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

namespace {

void put_string(std::string_view s, std::string& out) {
  append_json_string(s, out);
}

void put_key(std::string_view key, std::string& out) {
  out += '"';
  out += key;  // our own ASCII keys: nothing to escape
  out += "\":";
}

}  // namespace

void append_json_date(const std::optional<Date>& d, std::string& out) {
  if (!d) {
    out += "null";
    return;
  }
  const int y = d->year();
  if (y < 1 || y > 9999) {
    out += '"' + d->to_string() + '"';  // as Date writes it; never hot
    return;
  }
  // YYYY-MM-DD by hand: Date::to_string goes through printf.
  char text[12] = {'"'};
  const auto two = [&](int at, int v) {
    text[at] = static_cast<char>('0' + v / 10);
    text[at + 1] = static_cast<char>('0' + v % 10);
  };
  two(1, y / 100);
  two(3, y % 100);
  text[5] = '-';
  two(6, d->month());
  text[8] = '-';
  two(9, d->day());
  text[11] = '"';
  out.append(text, sizeof text);
}

namespace {

void put_date(const std::optional<Date>& d, std::string& out) {
  append_json_date(d, out);
}

/// `"refer_to"` of a refused condition (行政许可法第三十二条), as
/// decision_to_json writes it.
void put_referral(const Decision& d, const Condition& condition, std::string& out) {
  const auto r = referral(*BoundAccess::impl(*d.application).book, condition);
  if (!r) return;
  const auto text_or_null = [&](const std::string& text) {
    if (text.empty())
      out += "null";
    else
      put_string(text, out);
  };
  out += ",\"refer_to\":{\"item\":";
  text_or_null(r->item);
  out += ",\"name\":";
  text_or_null(r->name);
  out += ",\"authority\":";
  put_string(r->authority, out);
  out += '}';
}

}  // namespace

/// The fixed text of one trace entry (see decision_to_json's trace_json).
DecisionJsonWriter::TraceEntry DecisionJsonWriter::trace_entry(
    const Rulebook& book, const Item& item, std::string_view kind, std::string_view id,
    const Expression& e, const std::string& basis) {
  TraceEntry t;
  t.head = "{\"kind\":";
  put_string(kind, t.head);
  t.head += ",\"id\":";
  put_string(id, t.head);
  t.head += ",\"expression\":";
  put_string(e.text(), t.head);
  t.head += ",\"facts\":{";
  if (!e.empty()) {
    for (const std::int32_t slot : program_fact_slots(*ExpressionAccess::program(e))) {
      std::string key;
      put_string(book.fact_in_slot(item, slot).path, key);
      key += ':';
      t.slots.push_back(slot);
      t.keys.push_back(std::move(key));
    }
  }
  t.tail = ",\"basis\":";
  put_string(basis, t.tail);
  t.tail += '}';
  return t;
}

const DecisionJsonWriter::Fragments& DecisionJsonWriter::fragments(const Decision& d) {
  const Item& item = d.item();
  const auto found = cache_.find(&item);
  if (found != cache_.end()) return found->second;
  Fragments f;
  f.head = "{\"item\":{";
  put_key("code", f.head);
  put_string(item.code, f.head);
  f.head += ',';
  put_key("name", f.head);
  put_string(item.name, f.head);
  f.head += ',';
  put_key("authority", f.head);
  put_string(item.authority, f.head);
  f.head += "},\"submitted_on\":";
  for (const auto& c : item.conditions) {
    std::string& text = f.conditions.emplace_back("{\"id\":");
    put_string(c.id, text);
    text += ",\"status\":";
  }
  for (const auto& m : item.materials) {
    std::string& text = f.materials.emplace_back("{\"id\":");
    put_string(m.id, text);
    text += ",\"name\":";
    put_string(m.name, text);
    text += ",\"status\":";
  }
  const Rulebook& book = *BoundAccess::impl(*d.application).book;
  for (const auto& c : item.conditions) {
    f.trace.push_back(
        trace_entry(book, item, "condition", c.id, c.when, basis_title(item, c.basis)));
  }
  for (const auto& m : item.materials) {
    f.trace.push_back(
        trace_entry(book, item, "material", m.id, m.required, material_basis(book, item, m)));
  }
  if (item.tolerance.present) {
    f.trace.push_back(trace_entry(book, item, "tolerance", "policy", item.tolerance.when,
                                  basis_title(item, item.tolerance.basis)));
  }
  return cache_.emplace(&item, std::move(f)).first->second;
}

namespace {

/// A bound fact value with its JSON type, as decision_to_json's value_json.
void put_value(const BoundApplication::Impl& app, const Value& v, std::string& out) {
  const auto text = [&](std::int32_t id) {
    if (id >= 0) {
      put_string(RulebookAccess::data(*app.book).strings.text(id), out);
    } else {
      put_string(app.extra_strings[static_cast<std::size_t>(-id - 1)], out);
    }
  };
  switch (v.kind) {
    case Value::Kind::unknown:
      out += "null";
      return;
    case Value::Kind::boolean:
      out += v.b ? "true" : "false";
      return;
    case Value::Kind::integer:
      out += fmt::format_int(v.i).c_str();
      return;
    case Value::Kind::decimal:
      out += nlohmann::ordered_json(v.d).dump();  // nlohmann's own number spelling
      return;
    case Value::Kind::string:
      text(v.s);
      return;
    case Value::Kind::date:
      append_json_date(Date::from_days(v.date), out);
      return;
    case Value::Kind::list:
      out += '[';
      for (std::int32_t k = 0; k < v.list_size; ++k) {
        if (k > 0) out += ',';
        text(v.list[k]);
      }
      out += ']';
      return;
  }
  out += "null";
}

}  // namespace

void DecisionJsonWriter::append_trace(const Decision& d, const Fragments& f, std::string& out) {
  const BoundApplication::Impl& app = BoundAccess::impl(*d.application);
  const Item& item = d.item();
  out += ",\"trace\":[";
  for (std::size_t i = 0; i < f.trace.size(); ++i) {
    const TraceEntry& t = f.trace[i];
    if (i > 0) out += ',';
    out += t.head;
    for (std::size_t k = 0; k < t.slots.size(); ++k) {
      if (k > 0) out += ',';
      out += t.keys[k];
      put_value(app, app.facts[static_cast<std::size_t>(t.slots[k])], out);
    }
    out += "},\"result\":";
    const std::size_t conditions = item.conditions.size();
    if (i < conditions) {
      put_string(to_string(d.conditions[i]), out);
    } else if (i < conditions + item.materials.size()) {
      put_string(to_string(d.materials[i - conditions].status), out);
    } else {
      put_string(to_string(d.tolerance), out);
    }
    out += t.tail;
  }
  out += ']';
}

void DecisionJsonWriter::append(const Decision& d, std::string& out, bool trace) {
  if (!d.valid()) {
    out += nlohmann::ordered_json::parse(decision_to_json(d)).dump();
    return;
  }
  const Item& item = d.item();
  const Fragments& f = fragments(d);
  out += f.head;
  put_date(d.application->submitted_on(), out);
  out += ",\"outcome\":";
  put_string(to_string(*d.outcome), out);
  out += ",\"conditions\":[";
  for (std::size_t i = 0; i < item.conditions.size(); ++i) {
    if (i > 0) out += ',';
    out += f.conditions[i];
    put_string(to_string(d.conditions[i]), out);
    if (d.commitment_conflicts[i]) out += ",\"commitment_conflict\":true";
    if (d.commitment_refused[i]) out += ",\"commitment_refused\":true";
    if (d.conditions[i] == ConditionStatus::unmet &&
        item.conditions[i].on_fail == Condition::OnFail::reject) {
      put_referral(d, item.conditions[i], out);
    }
    out += '}';
  }
  out += "],\"materials\":[";
  for (std::size_t i = 0; i < item.materials.size(); ++i) {
    const MaterialDecision& m = d.materials[i];
    if (i > 0) out += ',';
    out += f.materials[i];
    put_string(to_string(m.status), out);
    if (m.status == MaterialStatus::tolerated) {
      out += ",\"due\":";
      put_date(d.deadlines.tolerance, out);
    }
    if (m.commitment_refused) out += ",\"commitment_refused\":true";
    if (m.requirement_unknown) out += ",\"requirement_unknown\":true";
    if (m.requirement_error) out += ",\"requirement_error\":true";
    out += '}';
  }
  out += "],\"tolerance\":";
  put_string(to_string(d.tolerance), out);
  out += ",\"deadlines\":{\"promised\":";
  put_date(d.deadlines.promised, out);
  out += ",\"statutory\":";
  put_date(d.deadlines.statutory, out);
  out += ",\"tolerance\":";
  put_date(d.deadlines.tolerance, out);
  if (d.deadlines.provisional.any()) out += ",\"provisional\":true";
  out += '}';
  if (!d.diagnostics.empty()) {
    // Rule defects found while evaluating (SP613): rare, not hot.
    out += ",\"diagnostics\":";
    out += nlohmann::ordered_json::parse(diagnostics_to_json(d.diagnostics)).dump();
  }
  if (trace) append_trace(d, f, out);
  out += '}';
}

void append_decision_json(const Decision& d, std::string& out) {
  DecisionJsonWriter().append(d, out);
}

}  // namespace shenpi::detail
