// The decision as JSON (docs/decision.md), with its trace (notice/trace.cpp
// writes the trace as text).
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "notice/words.hpp"
#include "shenpi/notice.hpp"

namespace shenpi {
namespace {

using nlohmann::ordered_json;

ordered_json optional_date(const std::optional<Date>& d) {
  return d ? ordered_json(d->to_string()) : ordered_json();
}

/// A fact value with its JSON type (the trace text is for people).
ordered_json value_json(const BoundApplication::Impl& app, const detail::Value& v) {
  using Kind = detail::Value::Kind;
  switch (v.kind) {
    case Kind::unknown:
      return nullptr;
    case Kind::boolean:
      return v.b;
    case Kind::integer:
      return v.i;
    case Kind::decimal:
      return v.d;
    case Kind::string:
      return detail::bound_string(app, v.s);
    case Kind::date:
      return Date::from_days(v.date).to_string();
    case Kind::list: {
      ordered_json list = ordered_json::array();
      for (std::int32_t k = 0; k < v.list_size; ++k) {
        list.push_back(detail::bound_string(app, v.list[k]));
      }
      return list;
    }
  }
  return nullptr;
}

ordered_json reads_json(const BoundApplication::Impl& app, const Expression& e) {
  ordered_json facts = ordered_json::object();
  for (const auto& r : detail::fact_reads(app, e)) facts[r.path] = value_json(app, r.raw);
  return facts;
}

ordered_json trace_json(const Decision& d) {
  const auto& app = detail::BoundAccess::impl(*d.application);
  const Item& item = d.item();
  ordered_json trace = ordered_json::array();
  for (std::size_t i = 0; i < item.conditions.size(); ++i) {
    const Condition& c = item.conditions[i];
    trace.push_back({{"kind", "condition"},
                     {"id", c.id},
                     {"expression", c.when.text()},
                     {"facts", reads_json(app, c.when)},
                     {"result", to_string(d.conditions[i])},
                     {"basis", detail::basis_title(item, c.basis)}});
  }
  for (std::size_t i = 0; i < item.materials.size(); ++i) {
    const Material& m = item.materials[i];
    ordered_json t = {{"kind", "material"},
                      {"id", m.id},
                      {"expression", m.required.text()},
                      {"facts", reads_json(app, m.required)},
                      {"result", to_string(d.materials[i].status)},
                      {"basis", detail::material_basis(*app.book, item, m)}};
    trace.push_back(std::move(t));
  }
  if (item.tolerance.present) {
    // Same keys as the other entries, so consumers read one shape.
    trace.push_back({{"kind", "tolerance"},
                     {"id", "policy"},
                     {"expression", item.tolerance.when.text()},
                     {"facts", reads_json(app, item.tolerance.when)},
                     {"result", to_string(d.tolerance)},
                     {"basis", detail::basis_title(item, item.tolerance.basis)}});
  }
  return trace;
}

}  // namespace

std::string decision_to_json(const Decision& d, bool trace) {
  ordered_json j;
  if (!d.valid() || !d.application) {
    j["outcome"] = nullptr;
    j["diagnostics"] = ordered_json::parse(diagnostics_to_json(d.diagnostics));
    return j.dump(2);
  }
  const Item& item = d.item();
  j["item"] = {{"code", item.code}, {"name", item.name}, {"authority", item.authority}};
  j["submitted_on"] = d.application->submitted_on().to_string();
  j["outcome"] = to_string(*d.outcome);
  ordered_json conditions = ordered_json::array();
  for (std::size_t i = 0; i < item.conditions.size(); ++i) {
    ordered_json e = {{"id", item.conditions[i].id}, {"status", to_string(d.conditions[i])}};
    if (d.commitment_conflicts[i]) e["commitment_conflict"] = true;
    if (d.commitment_refused[i]) e["commitment_refused"] = true;
    // 行政许可法第三十二条: a refusal says where to go instead.
    const auto referral =
        detail::referral(*detail::BoundAccess::impl(*d.application).book, item.conditions[i]);
    if (referral && d.conditions[i] == ConditionStatus::unmet &&
        item.conditions[i].on_fail == Condition::OnFail::reject) {
      e["refer_to"] = {
          {"item", referral->item.empty() ? ordered_json() : ordered_json(referral->item)},
          {"name", referral->name.empty() ? ordered_json() : ordered_json(referral->name)},
          {"authority", referral->authority}};
    }
    conditions.push_back(std::move(e));
  }
  j["conditions"] = std::move(conditions);
  ordered_json materials = ordered_json::array();
  for (std::size_t i = 0; i < item.materials.size(); ++i) {
    const MaterialDecision& m = d.materials[i];
    ordered_json e = {{"id", item.materials[i].id},
                      {"name", item.materials[i].name},
                      {"status", to_string(m.status)}};
    if (m.status == MaterialStatus::tolerated) e["due"] = optional_date(d.deadlines.tolerance);
    if (m.commitment_refused) e["commitment_refused"] = true;
    if (m.requirement_unknown) e["requirement_unknown"] = true;
    if (m.requirement_error) e["requirement_error"] = true;
    materials.push_back(std::move(e));
  }
  j["materials"] = std::move(materials);
  j["tolerance"] = to_string(d.tolerance);
  j["deadlines"] = {{"promised", optional_date(d.deadlines.promised)},
                    {"statutory", optional_date(d.deadlines.statutory)},
                    {"tolerance", optional_date(d.deadlines.tolerance)}};
  // Present only when true: a date counted across a provisional year (预计).
  if (d.deadlines.provisional.any()) j["deadlines"]["provisional"] = true;
  // Rule defects found while evaluating (SP613 warnings); absent when none.
  if (!d.diagnostics.empty()) {
    j["diagnostics"] = ordered_json::parse(diagnostics_to_json(d.diagnostics));
  }
  if (trace) j["trace"] = trace_json(d);
  return j.dump(2);
}

}  // namespace shenpi
