#include "json_application.hpp"

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace peers {
namespace {

namespace od = simdjson::ondemand;

/// The next slot of `list`: what the previous application left there is
/// overwritten rather than freed and allocated again, so a reused
/// Application settles into a steady state with few allocations.
template <class T>
T& next_slot(std::vector<T>& list, std::size_t& used) {
  if (used == list.size()) list.emplace_back();
  return list[used++];
}

void set_text(shenpi::FactValue& value, std::string_view text) {
  if (auto* s = std::get_if<std::string>(&value)) {
    s->assign(text);
  } else {
    value = std::string(text);
  }
}

/// A fact value in the most specific form the binder accepts; the binder
/// then checks it against the fact's declared type (SP604 when it is wrong).
bool read_fact(od::value value, shenpi::ApplicationFact& fact, std::string& error) {
  switch (value.type()) {
    case od::json_type::boolean:
      fact.value = bool(value.get_bool());
      return true;
    case od::json_type::number:
      if (value.get_number_type() == od::number_type::signed_integer) {
        fact.value = std::int64_t(value.get_int64());
      } else {
        fact.value = double(value.get_double());
      }
      return true;
    case od::json_type::string:
      set_text(fact.value, value.get_string());
      return true;
    case od::json_type::array: {
      auto* list = std::get_if<std::vector<std::string>>(&fact.value);
      if (list == nullptr) list = &fact.value.emplace<std::vector<std::string>>();
      std::size_t used = 0;
      for (auto element : value.get_array()) {
        next_slot(*list, used).assign(std::string_view(element.get_string()));
      }
      list->resize(used);
      return true;
    }
    default:
      error = "fact '" + fact.path + "' must be a scalar or a list of strings";
      return false;
  }
}

bool read_facts(od::object facts, shenpi::Application& app, std::string& error) {
  std::size_t used = 0;
  for (auto field : facts) {
    const std::string_view path = field.unescaped_key();  // the key before its value: on demand
    od::value value = field.value();
    if (value.is_null()) continue;  // as in YAML: `null` states nothing, the fact stays unknown
    shenpi::ApplicationFact& fact = next_slot(app.facts, used);
    fact.path.assign(path);
    if (!read_fact(value, fact, error)) return false;
  }
  app.facts.resize(used);
  return true;
}

void read_ids(od::array ids, std::vector<shenpi::ApplicationEntry>& out) {
  std::size_t used = 0;
  for (auto id : ids) next_slot(out, used).id.assign(std::string_view(id.get_string()));
  out.resize(used);
}

bool read_fields(od::object application, shenpi::Application& app, std::string& error) {
  bool has_item = false;
  bool has_date = false;
  bool has_facts = false;
  bool has_materials = false;
  bool has_commitments = false;
  for (auto field : application) {
    const std::string_view key = field.unescaped_key();
    if (key == "item") {
      app.item.assign(std::string_view(field.value().get_string()));
      has_item = true;
    } else if (key == "submitted_on") {
      const std::string_view text = field.value().get_string();
      const auto date = shenpi::Date::parse(text);
      if (!date) {
        error = "submitted_on '" + std::string(text) + "' is not a date (YYYY-MM-DD)";
        return false;
      }
      app.submitted_on = *date;
      has_date = true;
    } else if (key == "facts") {
      if (!read_facts(field.value().get_object(), app, error)) return false;
      has_facts = true;
    } else if (key == "materials") {
      read_ids(field.value().get_array(), app.materials);
      has_materials = true;
    } else if (key == "commitments") {
      read_ids(field.value().get_array(), app.commitments);
      has_commitments = true;
    } else {
      error = "unknown key application." + std::string(key);
      return false;
    }
  }
  // Lists the line does not name are empty, not what the last line said.
  if (!has_facts) app.facts.clear();
  if (!has_materials) app.materials.clear();
  if (!has_commitments) app.commitments.clear();
  if (!has_item || !has_date) error = "an application needs item and submitted_on";
  return has_item && has_date;
}

}  // namespace

bool read_json_application(od::parser& parser, const char* data, std::size_t length,
                           std::size_t capacity, shenpi::Application& out, std::string& error) {
  // simdjson reports shape errors (a string where an object belongs, bad
  // JSON) by exception; each becomes one message for the line.
  try {
    od::document doc = parser.iterate(data, length, capacity);
    od::object root = doc.get_object();
    bool found = false;
    for (auto field : root) {
      if (std::string_view(field.unescaped_key()) != "application") {
        error = "an application line holds one object {\"application\": {...}}";
        return false;
      }
      if (!read_fields(field.value().get_object(), out, error)) return false;
      found = true;
    }
    if (!found) error = "no \"application\" object";
    return found;
  } catch (const simdjson::simdjson_error& e) {
    error = std::string("JSON: ") + e.what();
    return false;
  }
}

}  // namespace peers
