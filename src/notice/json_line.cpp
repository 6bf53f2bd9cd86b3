// A decision as a JSON line without a DOM: decision_to_json builds about
// 900 small objects per decision, which at batch rates is most of the time.
// The key order and escaping follow nlohmann's compact dump, so the batch
// output equals `eval --json` compacted (tests/unit/notice check it).
#include "notice/json_line.hpp"

#include <nlohmann/json.hpp>

#include "shenpi/notice.hpp"

namespace shenpi::detail {
namespace {

void put_string(std::string_view s, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
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
        if (u < 0x20) {
          out += "\\u00";
          out += kHex[u >> 4U];
          out += kHex[u & 0xFU];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void put_key(std::string_view key, std::string& out) {
  out += '"';
  out += key;  // our own ASCII keys: nothing to escape
  out += "\":";
}

void put_date(const std::optional<Date>& d, std::string& out) {
  if (!d) {
    out += "null";
    return;
  }
  out += '"';
  out += d->to_string();
  out += '"';
}

}  // namespace

void append_decision_json(const Decision& d, std::string& out) {
  if (!d.valid()) {
    out += nlohmann::ordered_json::parse(decision_to_json(d)).dump();
    return;
  }
  const Item& item = d.item();
  out += "{\"item\":{";
  put_key("code", out);
  put_string(item.code, out);
  out += ',';
  put_key("name", out);
  put_string(item.name, out);
  out += ',';
  put_key("authority", out);
  put_string(item.authority, out);
  out += "},";
  put_key("submitted_on", out);
  put_date(d.application->submitted_on(), out);
  out += ',';
  put_key("outcome", out);
  put_string(to_string(*d.outcome), out);
  out += ",\"conditions\":[";
  for (std::size_t i = 0; i < item.conditions.size(); ++i) {
    if (i > 0) out += ',';
    out += "{\"id\":";
    put_string(item.conditions[i].id, out);
    out += ",\"status\":";
    put_string(to_string(d.conditions[i]), out);
    out += '}';
  }
  out += "],\"materials\":[";
  for (std::size_t i = 0; i < item.materials.size(); ++i) {
    const MaterialDecision& m = d.materials[i];
    if (i > 0) out += ',';
    out += "{\"id\":";
    put_string(item.materials[i].id, out);
    out += ",\"name\":";
    put_string(item.materials[i].name, out);
    out += ",\"status\":";
    put_string(to_string(m.status), out);
    if (m.status == MaterialStatus::tolerated) {
      out += ",\"due\":";
      put_date(d.deadlines.tolerance, out);
    }
    if (m.commitment_refused) out += ",\"commitment_refused\":true";
    if (m.requirement_unknown) out += ",\"requirement_unknown\":true";
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
  out += "}}";
}

}  // namespace shenpi::detail
