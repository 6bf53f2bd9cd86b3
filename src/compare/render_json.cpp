// A comparison as JSON: ASCII keys, the same data as the text (docs/compare.md).
#include <nlohmann/json.hpp>

#include "shenpi/compare.hpp"

namespace shenpi {
namespace {

using nlohmann::json;

json side_json(const ComparedSide& s) {
  if (!s.present) return nullptr;
  return {{"item", s.item_code},
          {"name", s.name},
          {"kind", s.kind},
          {"authority", s.authority},
          {"basis", s.basis},
          {"statutory", s.statutory},
          {"promised", s.promised},
          {"promised_working_days", s.promised_working_days},
          {"max_visits", s.max_visits},
          {"online", s.online},
          {"conditions", s.conditions},
          {"tolerance", s.tolerance.empty() ? json(nullptr) : json(s.tolerance)},
          {"commitments", s.commitments},
          {"asked", s.asked}};
}

json material_json(const ComparedMaterial& m) {
  json presence = json::array();
  json names = json::array();
  json when = json::array();
  for (std::size_t j = 0; j < m.presence.size(); ++j) {
    presence.push_back(to_string(m.presence[j]));
    names.push_back(m.names[j].empty() ? json(nullptr) : json(m.names[j]));
    when.push_back(m.required_when[j].empty() ? json(nullptr) : json(m.required_when[j]));
  }
  return {{"key", m.key},
          {"names", names},
          {"presence", presence},
          {"required_when", when},
          {"names_differ", m.names_differ}};
}

json item_json(const Comparison& c, const ComparedItem& item) {
  json sides = json::array();
  for (const auto& s : item.sides) sides.push_back(side_json(s));
  json materials = json::array();
  for (const auto& m : item.materials) materials.push_back(material_json(m));
  const auto who = [&c](int j) {
    return j < 0 ? json(nullptr) : json(c.jurisdictions[static_cast<std::size_t>(j)]);
  };
  return {{"catalog_code", item.catalog_code},
          {"catalog_name", item.catalog_name},
          {"uniform",
           {{"name", item.uniform.name},
            {"code", item.uniform.code},
            {"basis", item.uniform.basis},
            {"kind", item.uniform.kind},
            {"all", item.uniform.all()}}},
          {"sides", sides},
          {"materials", materials},
          {"asks_least", who(item.asks_least)},
          {"fastest", who(item.fastest)}};
}

}  // namespace

std::string to_json(const Comparison& c) {
  json items = json::array();
  for (const auto& item : c.items) items.push_back(item_json(c, item));
  json singles = json::array();
  for (const auto& s : c.singles) {
    singles.push_back(
        {{"jurisdiction", c.jurisdictions[static_cast<std::size_t>(s.jurisdiction)]},
         {"catalog_code", s.catalog_code.empty() ? json(nullptr) : json(s.catalog_code)},
         {"item", s.item_code},
         {"name", s.name}});
  }
  json summary = json::array();
  for (const auto& s : c.summary) {
    summary.push_back({{"jurisdiction", s.label},
                       {"items", s.items},
                       {"asks_least", s.asks_least},
                       {"fastest", s.fastest},
                       {"asked_total", s.asked_total}});
  }
  const json out = {{"jurisdictions", c.jurisdictions},
                    {"items", items},
                    {"only_in_one", singles},
                    {"summary", summary}};
  return out.dump(2) + "\n";
}

}  // namespace shenpi
