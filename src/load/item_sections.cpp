// The sections of an item file: conditions, materials, tolerance, time
// limit, steps, outputs, fees. Expressions are only collected here.
#include <fmt/format.h>

#include "load/item_parts.hpp"
#include "shenpi/diagnostic_codes.hpp"

namespace shenpi::detail {
namespace {

std::string text_of(const YamlReader& r, const yaml::Node& map, const char* key) {
  if (!map[key]) return {};
  return r.scalar(map[key], key).value_or("");
}

bool flag(const YamlReader& r, const yaml::Node& map, const char* key, bool fallback) {
  if (!map[key]) return fallback;
  return r.boolean(map[key], key).value_or(fallback);
}

}  // namespace

void read_conditions(ItemReader& ir, const yaml::Node& node, std::vector<yaml::Node>& when_nodes) {
  const YamlReader& r = ir.r;
  if (!r.expect_sequence(node, "conditions")) return;
  ir.item.conditions.reserve(node.size());
  when_nodes.reserve(node.size());
  for (const auto& c : node) {
    if (!r.expect_map(c, "a condition")) continue;
    r.check_keys(c, {"id", "text", "when", "on_fail", "basis", "commitment", "refer_to"},
                 "a condition");
    if (!r.require(c, "id", "a condition") || !r.require(c, "text", "a condition") ||
        !r.require(c, "when", "a condition")) {
      continue;
    }
    Condition cond;
    cond.id = text_of(r, c, "id");
    cond.text = text_of(r, c, "text");
    cond.location = r.location(c["id"]);
    if (c["on_fail"]) {
      const auto on_fail = text_of(r, c, "on_fail");
      if (on_fail == "reject") {
        cond.on_fail = Condition::OnFail::reject;
      } else if (on_fail != "supplement") {
        r.report(codes::bad_value, c["on_fail"],
                 fmt::format("on_fail must be 'reject' or 'supplement', not '{}'", on_fail));
      }
    }
    cond.basis = text_of(r, c, "basis");
    if (c["basis"]) check_basis_ref(ir, c["basis"], cond.basis);
    if (c["commitment"]) {
      cond.commitment_allowed = read_allowed(r, c["commitment"], "commitment").value_or(false);
    }
    if (c["refer_to"]) {
      cond.refer_to = text_of(r, c, "refer_to");
      cond.refer_to_location = r.location(c["refer_to"]);
    }
    ir.item.conditions.push_back(std::move(cond));
    when_nodes.push_back(c["when"]);
  }
  check_unique_ids(r, ir.item.conditions, "condition");
}

namespace {

/// Fills a material from its catalogue entry (`use:`); SP106 when unknown.
bool apply_catalog(const ItemReader& ir, const yaml::Node& m, Material& mat) {
  mat.catalog_id = text_of(ir.r, m, "use");
  mat.id = mat.catalog_id;
  const auto it = ir.data.catalog_index.find(mat.catalog_id);
  if (it == ir.data.catalog_index.end()) {
    ir.r.report(codes::dangling_reference, m["use"],
                fmt::format("material '{}' is not in materials.yaml", mat.catalog_id));
    return false;
  }
  const CatalogMaterial& entry = ir.data.catalog[static_cast<std::size_t>(it->second)];
  mat.name = entry.name;
  mat.issuer = entry.issuer;
  mat.form = entry.form;
  mat.source = entry.source;
  return true;
}

void read_requirement(const ItemReader& ir, const yaml::Node& m, Material& mat,
                      yaml::Node& required) {
  if (!m["required"]) return;
  const auto text = ir.r.scalar(m["required"], "required");
  if (!text) return;
  if (*text == "always" || *text == "true") {
    mat.requirement = Material::Requirement::always;
  } else if (*text == "never" || *text == "false") {
    mat.requirement = Material::Requirement::never;
  } else {
    mat.requirement = Material::Requirement::when;
    required = m["required"];
  }
}

}  // namespace

void read_materials(ItemReader& ir, const yaml::Node& node,
                    std::vector<yaml::Node>& required_nodes) {
  const YamlReader& r = ir.r;
  if (!r.expect_sequence(node, "materials")) return;
  ir.item.materials.reserve(node.size());
  required_nodes.reserve(node.size());
  for (const auto& m : node) {
    if (!r.expect_map(m, "a material")) continue;
    r.check_keys(m,
                 {"id", "use", "name", "form", "issuer", "note", "source", "required", "tolerable",
                  "core", "commitment", "basis"},
                 "a material");
    Material mat;
    if (m["use"]) {
      mat.location = r.location(m["use"]);
      if (m["id"])
        r.report(codes::unknown_key, m["id"], "a material takes either `id:` or `use:`, not both");
      if (!apply_catalog(ir, m, mat)) continue;
    } else {
      if (!r.require(m, "id", "a material") || !r.require(m, "name", "a material")) continue;
      mat.id = text_of(r, m, "id");
      mat.location = r.location(m["id"]);
    }
    if (m["name"]) mat.name = text_of(r, m, "name");
    if (m["issuer"]) mat.issuer = text_of(r, m, "issuer");
    mat.note = text_of(r, m, "note");
    if (m["form"]) mat.form = read_form(r, m["form"]).value_or(mat.form);
    if (m["source"]) mat.source = read_source(r, m["source"]).value_or(mat.source);
    yaml::Node required;
    read_requirement(ir, m, mat, required);
    mat.tolerable = flag(r, m, "tolerable", false);
    mat.core = flag(r, m, "core", false);
    if (m["commitment"]) {
      mat.commitment_allowed = read_allowed(r, m["commitment"], "commitment").value_or(false);
    }
    mat.basis = text_of(r, m, "basis");
    if (m["basis"]) check_basis_ref(ir, m["basis"], mat.basis);
    ir.item.materials.push_back(std::move(mat));
    required_nodes.push_back(required);
  }
  check_unique_ids(r, ir.item.materials, "material");
}

void read_tolerance(ItemReader& ir, const yaml::Node& node) {
  const YamlReader& r = ir.r;
  if (!r.expect_map(node, "tolerance")) return;
  r.check_keys(node, {"when", "max_missing", "supply_within", "letter", "basis"}, "tolerance");
  TolerancePolicy& t = ir.item.tolerance;
  t.present = true;
  t.location = r.location(node);
  if (node["when"]) ir.tolerance_when = node["when"];
  if (node["max_missing"]) {
    const auto n = r.integer(node["max_missing"], "tolerance.max_missing").value_or(-1);
    if (n < 0 || n > 1000) {
      r.report(codes::bad_value, node["max_missing"],
               "tolerance.max_missing must be between 0 and 1000");
    }
    t.max_missing = static_cast<int>(std::clamp(n, -1LL, 1000LL));
  }
  if (node["basis"]) {
    t.basis = text_of(r, node, "basis");
    check_basis_ref(ir, node["basis"], t.basis);
  }
  if (r.require(node, "supply_within", "tolerance")) {
    t.supply_within_location = r.location(node["supply_within"]);
    t.supply_within =
        r.duration(node["supply_within"], "tolerance.supply_within").value_or(Duration{});
  }
  if (node["letter"]) {
    const auto letter = text_of(r, node, "letter");
    if (letter == "not_required") {
      t.letter_required = false;
    } else if (letter != "required") {
      r.report(
          codes::bad_value, node["letter"],
          fmt::format("tolerance.letter must be 'required' or 'not_required', not '{}'", letter));
    }
  }
}

void read_time_limit(ItemReader& ir, const yaml::Node& node) {
  const YamlReader& r = ir.r;
  if (!r.expect_map(node, "time_limit")) return;
  r.check_keys(node, {"statutory", "promised", "extension"}, "time_limit");
  TimeLimit& t = ir.item.time_limit;
  t.location = r.location(node);
  if (r.require(node, "statutory", "time_limit")) {
    t.statutory = r.duration(node["statutory"], "time_limit.statutory").value_or(Duration{});
  }
  t.promised = t.statutory;
  if (node["promised"]) {
    t.promised = r.duration(node["promised"], "time_limit.promised").value_or(t.statutory);
  }
  if (node["extension"]) t.extension = r.duration(node["extension"], "time_limit.extension");
}

void read_steps(ItemReader& ir, const yaml::Node& node, std::vector<yaml::Node>& when_nodes) {
  const YamlReader& r = ir.r;
  if (!r.expect_sequence(node, "steps")) return;
  ir.item.steps.reserve(node.size());
  when_nodes.reserve(node.size());
  for (const auto& s : node) {
    if (!r.expect_map(s, "a step")) continue;
    r.check_keys(s, {"id", "name", "takes", "special", "when"}, "a step");
    if (!r.require(s, "id", "a step") || !r.require(s, "name", "a step")) continue;
    Step step;
    step.id = text_of(r, s, "id");
    step.name = text_of(r, s, "name");
    step.location = r.location(s["id"]);
    if (s["takes"]) step.takes = r.duration(s["takes"], "takes").value_or(Duration{});
    step.special = flag(r, s, "special", false);
    ir.item.steps.push_back(std::move(step));
    when_nodes.push_back(s["when"]);
  }
  check_unique_ids(r, ir.item.steps, "step");
}

void read_outputs(ItemReader& ir, const yaml::Node& node) {
  const YamlReader& r = ir.r;
  if (!r.expect_sequence(node, "outputs")) return;
  for (const auto& o : node) {
    if (!r.expect_map(o, "an output")) continue;
    r.check_keys(o, {"id", "name", "valid_for"}, "an output");
    if (!r.require(o, "id", "an output") || !r.require(o, "name", "an output")) continue;
    Output out{text_of(r, o, "id"), text_of(r, o, "name"), {}, r.location(o["id"])};
    if (o["valid_for"]) {
      const auto text = text_of(r, o, "valid_for");
      if (auto v = normalize_validity(text)) {
        out.valid_for = *v;
      } else {
        r.report(
            codes::bad_duration, o["valid_for"],
            fmt::format("valid_for '{}' is not a period (`5 years`, `6 months`, `长期`)", text));
      }
    }
    ir.item.outputs.push_back(std::move(out));
  }
  check_unique_ids(r, ir.item.outputs, "output");
}

void read_fees(ItemReader& ir, const yaml::Node& node) {
  const YamlReader& r = ir.r;
  if (!r.expect_sequence(node, "fees")) return;
  for (const auto& f : node) {
    if (!r.expect_map(f, "a fee")) continue;
    r.check_keys(f, {"id", "name", "amount", "basis"}, "a fee");
    if (!r.require(f, "id", "a fee") || !r.require(f, "name", "a fee")) continue;
    Fee fee{text_of(r, f, "id"), text_of(r, f, "name"), text_of(r, f, "amount"),
            text_of(r, f, "basis"), r.location(f["id"])};
    if (f["basis"]) check_basis_ref(ir, f["basis"], fee.basis);
    ir.item.fees.push_back(std::move(fee));
  }
  check_unique_ids(r, ir.item.fees, "fee");
}

}  // namespace shenpi::detail
