// GET /v1/items/{code}: the checked item as data. The same model the
// engine evaluates, with every expression as written and the facts it reads.
#include <nlohmann/json.hpp>

#include "record/model_json.hpp"
#include "serve/router.hpp"

namespace shenpi::detail {
namespace {

using nlohmann::ordered_json;

ordered_json duration_json(const Duration& d) {
  return {{"text", d.to_string()}, {"chinese", d.to_chinese()}};
}

ordered_json expression_json(const Expression& e) {
  return e.empty() ? ordered_json() : ordered_json(e.text());
}

/// Every fact the item's expressions can read, shared ones included, with
/// what an application must give for it.
ordered_json facts_json(const Rulebook& book, const Item& item) {
  ordered_json facts = ordered_json::array();
  for (int slot = 0; slot < book.fact_slot_count(item); ++slot) {
    const Fact& f = book.fact_in_slot(item, slot);
    ordered_json j{{"path", f.path}, {"type", to_string(f.type)}, {"label", f.label}};
    if (!f.values.empty()) j["values"] = f.values;
    facts.push_back(std::move(j));
  }
  return facts;
}

ordered_json material(const Material& m) {
  const char* requirement = m.requirement == Material::Requirement::always  ? "always"
                            : m.requirement == Material::Requirement::never ? "never"
                                                                            : "when";
  ordered_json j = material_json<ordered_json>(m, requirement, expression_json);
  if (!m.catalog_id.empty()) j["catalog_id"] = m.catalog_id;
  return j;
}

ordered_json tolerance_json(const TolerancePolicy& t) {
  if (!t.present) return nullptr;
  return {{"when", expression_json(t.when)},
          {"max_missing", t.max_missing < 0 ? ordered_json() : ordered_json(t.max_missing)},
          {"supply_within", duration_json(t.supply_within)},
          {"letter_required", t.letter_required}};
}

}  // namespace

std::string item_to_json(const Rulebook& book, const Item& item) {
  ordered_json materials = ordered_json::array();
  for (const Material& m : item.materials) materials.push_back(material(m));
  const TimeLimit& t = item.time_limit;
  const ordered_json j{
      {"code", item.code},
      {"name", item.name},
      {"version", item.version},
      {"kind", item.kind},
      {"authority", item.authority},
      {"reform", item.reform},
      {"service", service_json<ordered_json>(item)},
      {"basis", basis_json<ordered_json>(item)},
      {"facts", facts_json(book, item)},
      {"conditions", conditions_json<ordered_json>(item, expression_json)},
      {"materials", materials},
      {"tolerance", tolerance_json(item.tolerance)},
      {"time_limit",
       {{"statutory", duration_json(t.statutory)},
        {"promised", duration_json(t.promised)},
        {"extension", t.extension ? duration_json(*t.extension) : ordered_json()}}},
      {"steps", steps_json<ordered_json>(item, expression_json, duration_json)},
      {"outputs", outputs_json<ordered_json>(item)},
      {"fees", fees_json<ordered_json>(item)},
      {"source", {{"file", item.location.file}, {"line", item.location.line}}},
  };
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace shenpi::detail
