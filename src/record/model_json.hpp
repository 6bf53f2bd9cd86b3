// The item model as JSON, the parts the decision record's canonical item
// (record/canonical.cpp) and the service's `GET /v1/items/{code}`
// (serve/item_json.cpp) write alike. Templated on the JSON type: the
// record's canonical form sorts keys (nlohmann::json), the service keeps
// them in the order written here (nlohmann::ordered_json). Where the two
// shapes differ (durations, expressions, a material's requirement), the
// caller passes its own writer. Private to the library.
#pragma once

#include <nlohmann/json.hpp>

#include "shenpi/rulebook.hpp"

namespace shenpi::detail {

template <typename Json>
Json basis_json(const Item& item) {
  Json list = Json::array();
  for (const LegalBasis& b : item.basis) list.push_back({{"id", b.id}, {"title", b.title}});
  return list;
}

template <typename Json>
Json service_json(const Item& item) {
  return {{"online", item.service.online},
          {"max_visits", item.service.max_visits},
          {"visits_reason", item.service.visits_reason}};
}

template <typename Json>
Json outputs_json(const Item& item) {
  Json list = Json::array();
  for (const Output& o : item.outputs) {
    list.push_back({{"id", o.id}, {"name", o.name}, {"valid_for", o.valid_for}});
  }
  return list;
}

template <typename Json>
Json fees_json(const Item& item) {
  Json list = Json::array();
  for (const Fee& f : item.fees) {
    list.push_back({{"id", f.id}, {"name", f.name}, {"amount", f.amount}, {"basis", f.basis}});
  }
  return list;
}

/// `expression(e)` writes a `when`/`required` expression.
template <typename Json, typename ExpressionWriter>
Json conditions_json(const Item& item, ExpressionWriter expression) {
  Json list = Json::array();
  for (const Condition& c : item.conditions) {
    list.push_back({{"id", c.id},
                    {"text", c.text},
                    {"when", expression(c.when)},
                    {"on_fail", c.on_fail == Condition::OnFail::reject ? "reject" : "supplement"},
                    {"basis", c.basis},
                    {"commitment", c.commitment_allowed}});
  }
  return list;
}

/// `duration(d)` writes a step's `takes`.
template <typename Json, typename ExpressionWriter, typename DurationWriter>
Json steps_json(const Item& item, ExpressionWriter expression, DurationWriter duration) {
  Json list = Json::array();
  for (const Step& s : item.steps) {
    list.push_back({{"id", s.id},
                    {"name", s.name},
                    {"takes", duration(s.takes)},
                    {"special", s.special},
                    {"when", expression(s.when)}});
  }
  return list;
}

/// One material; `requirement` as the caller spells it. The catalogue
/// reference is the caller's too (the two shapes name it differently).
template <typename Json, typename ExpressionWriter>
Json material_json(const Material& m, Json requirement, ExpressionWriter expression) {
  return {{"id", m.id},
          {"name", m.name},
          {"issuer", m.issuer},
          {"note", m.note},
          {"form",
           {{"original", m.form.original},
            {"copies", m.form.copies},
            {"electronic", m.form.electronic}}},
          {"source", m.source == Material::Source::shared ? "shared" : "applicant"},
          {"requirement", std::move(requirement)},
          {"required", expression(m.required)},
          {"tolerable", m.tolerable},
          {"core", m.core},
          {"commitment", m.commitment_allowed},
          {"basis", m.basis}};
}

}  // namespace shenpi::detail
