// GET /v1/items/{code}: the checked item as data. The same model the
// engine evaluates, with every expression as written and the facts it reads.
#include <nlohmann/json.hpp>

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

ordered_json material_json(const Material& m) {
  const char* requirement = m.requirement == Material::Requirement::always  ? "always"
                            : m.requirement == Material::Requirement::never ? "never"
                                                                            : "when";
  ordered_json j{{"id", m.id},
                 {"name", m.name},
                 {"issuer", m.issuer},
                 {"note", m.note},
                 {"form",
                  {{"original", m.form.original},
                   {"copies", m.form.copies},
                   {"electronic", m.form.electronic}}},
                 {"source", m.source == Material::Source::shared ? "shared" : "applicant"},
                 {"requirement", requirement},
                 {"required", expression_json(m.required)},
                 {"tolerable", m.tolerable},
                 {"core", m.core},
                 {"commitment", m.commitment_allowed},
                 {"basis", m.basis}};
  if (!m.catalog_id.empty()) j["catalog_id"] = m.catalog_id;
  return j;
}

ordered_json conditions_json(const Item& item) {
  ordered_json out = ordered_json::array();
  for (const Condition& c : item.conditions) {
    out.push_back({{"id", c.id},
                   {"text", c.text},
                   {"when", expression_json(c.when)},
                   {"on_fail", c.on_fail == Condition::OnFail::reject ? "reject" : "supplement"},
                   {"basis", c.basis},
                   {"commitment", c.commitment_allowed}});
  }
  return out;
}

ordered_json tolerance_json(const TolerancePolicy& t) {
  if (!t.present) return nullptr;
  return {{"when", expression_json(t.when)},
          {"max_missing", t.max_missing < 0 ? ordered_json() : ordered_json(t.max_missing)},
          {"supply_within", duration_json(t.supply_within)},
          {"letter_required", t.letter_required}};
}

ordered_json procedure_json(const Item& item) {
  ordered_json steps = ordered_json::array();
  for (const Step& s : item.steps) {
    steps.push_back({{"id", s.id},
                     {"name", s.name},
                     {"takes", duration_json(s.takes)},
                     {"special", s.special},
                     {"when", expression_json(s.when)}});
  }
  return steps;
}

}  // namespace

std::string item_to_json(const Rulebook& book, const Item& item) {
  ordered_json basis = ordered_json::array();
  for (const LegalBasis& b : item.basis) basis.push_back({{"id", b.id}, {"title", b.title}});
  ordered_json materials = ordered_json::array();
  for (const Material& m : item.materials) materials.push_back(material_json(m));
  ordered_json outputs = ordered_json::array();
  for (const Output& o : item.outputs)
    outputs.push_back({{"id", o.id}, {"name", o.name}, {"valid_for", o.valid_for}});
  ordered_json fees = ordered_json::array();
  for (const Fee& f : item.fees) {
    fees.push_back({{"id", f.id}, {"name", f.name}, {"amount", f.amount}, {"basis", f.basis}});
  }
  const TimeLimit& t = item.time_limit;
  const ordered_json j{
      {"code", item.code},
      {"name", item.name},
      {"version", item.version},
      {"kind", item.kind},
      {"authority", item.authority},
      {"reform", item.reform},
      {"service",
       {{"online", item.service.online},
        {"max_visits", item.service.max_visits},
        {"visits_reason", item.service.visits_reason}}},
      {"basis", basis},
      {"facts", facts_json(book, item)},
      {"conditions", conditions_json(item)},
      {"materials", materials},
      {"tolerance", tolerance_json(item.tolerance)},
      {"time_limit",
       {{"statutory", duration_json(t.statutory)},
        {"promised", duration_json(t.promised)},
        {"extension", t.extension ? duration_json(*t.extension) : ordered_json()}}},
      {"steps", procedure_json(item)},
      {"outputs", outputs},
      {"fees", fees},
      {"source", {{"file", item.location.file}, {"line", item.location.line}}},
  };
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace shenpi::detail
