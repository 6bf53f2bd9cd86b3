// One item file: header, facts, then the sections, then the expressions.
#include <fmt/format.h>

#include "load/item_parts.hpp"
#include "shenpi/diagnostic_codes.hpp"

namespace shenpi::detail {
namespace {

constexpr std::string_view kKinds[] = {"administrative_license",
                                       "administrative_confirmation",
                                       "administrative_payment",
                                       "administrative_levy",
                                       "administrative_ruling",
                                       "administrative_reward",
                                       "administrative_inspection",
                                       "administrative_penalty",
                                       "administrative_enforcement",
                                       "public_service",
                                       "filing",
                                       "other"};
constexpr std::string_view kReforms[] = {"cancel", "filing", "commitment", "optimize", "none"};
constexpr std::string_view kOnline[] = {"full", "partial", "none"};

template <std::size_t N>
void check_one_of(const YamlReader& r, const yaml::Node& node, const std::string& value,
                  const std::string_view (&allowed)[N], std::string_view what) {
  if (std::find(std::begin(allowed), std::end(allowed), value) != std::end(allowed)) return;
  r.report(codes::bad_value, node,
           fmt::format("{} '{}' is not one of: {}", what, value, fmt::join(allowed, ", ")));
}

std::string read_text(const YamlReader& r, const yaml::Node& map, const char* key) {
  if (!map[key]) return {};
  return r.scalar(map[key], key).value_or("");
}

void read_basis(ItemReader& ir, const yaml::Node& node) {
  if (!ir.r.expect_sequence(node, "item.basis")) return;
  for (const auto& b : node) {
    if (!ir.r.expect_map(b, "a legal basis")) continue;
    ir.r.check_keys(b, {"id", "title"}, "a legal basis");
    if (!ir.r.require(b, "id", "a legal basis") || !ir.r.require(b, "title", "a legal basis")) {
      continue;
    }
    ir.item.basis.push_back(
        {read_text(ir.r, b, "id"), read_text(ir.r, b, "title"), ir.r.location(b["id"])});
  }
  check_unique_ids(ir.r, ir.item.basis, "basis");
}

void read_service(ItemReader& ir, const yaml::Node& node) {
  if (!ir.r.expect_map(node, "item.service")) return;
  ir.r.check_keys(node, {"online", "max_visits", "visits_reason"}, "item.service");
  if (node["online"]) {
    ir.item.service.online = read_text(ir.r, node, "online");
    check_one_of(ir.r, node["online"], ir.item.service.online, kOnline, "service.online");
  }
  if (node["max_visits"]) {
    const auto v = ir.r.integer(node["max_visits"], "service.max_visits").value_or(1);
    if (v < 0 || v > 100) {
      ir.r.report(codes::bad_value, node["max_visits"],
                  "service.max_visits must be between 0 and 100");
    }
    ir.item.service.max_visits = static_cast<int>(std::clamp(v, 0LL, 100LL));
    ir.item.service.location = ir.r.location(node["max_visits"]);
  }
  ir.item.service.visits_reason = read_text(ir.r, node, "visits_reason");
}

void read_catalog(ItemReader& ir, const yaml::Node& node) {
  if (!ir.r.expect_map(node, "item.catalog")) return;
  ir.r.check_keys(node, {"code", "name"}, "item.catalog");
  ir.item.catalog.location = ir.r.location(node);
  if (!ir.r.require(node, "code", "item.catalog")) return;
  ir.item.catalog.code = read_text(ir.r, node, "code");
  ir.item.catalog.location = ir.r.location(node["code"]);
  ir.item.catalog.name = read_text(ir.r, node, "name");
}

}  // namespace

void read_item_header(ItemReader& ir, const yaml::Node& node) {
  const YamlReader& r = ir.r;
  if (!r.expect_map(node, "item")) return;
  r.check_keys(node,
               {"code", "name", "version", "effective", "kind", "authority", "basis", "service",
                "reform", "catalog"},
               "item");
  ir.item.location = r.location(node);
  if (r.require(node, "code", "item")) {
    ir.item.code = read_text(r, node, "code");
    ir.item.location = r.location(node["code"]);
    if (ir.item.code.empty() || ir.item.code.size() > 64) {
      r.report(codes::bad_value, node["code"], "item.code must be 1 to 64 characters");
    }
  }
  if (r.require(node, "name", "item")) ir.item.name = read_text(r, node, "name");
  ir.item.version = read_text(r, node, "version");
  if (node["effective"]) read_effective(ir, node["effective"]);
  if (r.require(node, "kind", "item")) {
    ir.item.kind = read_text(r, node, "kind");
    check_one_of(r, node["kind"], ir.item.kind, kKinds, "item.kind");
  }
  if (r.require(node, "authority", "item")) ir.item.authority = read_text(r, node, "authority");
  ir.item.reform = node["reform"] ? read_text(r, node, "reform") : "none";
  if (node["reform"]) check_one_of(r, node["reform"], ir.item.reform, kReforms, "item.reform");
  if (node["basis"]) read_basis(ir, node["basis"]);
  if (node["service"]) read_service(ir, node["service"]);
  if (node["catalog"]) read_catalog(ir, node["catalog"]);
}

void check_basis_ref(const ItemReader& ir, const yaml::Node& node, const std::string& basis) {
  if (basis.empty() || ir.item.find_basis(basis) != nullptr) return;
  std::vector<std::string> ids;
  for (const auto& b : ir.item.basis) ids.push_back(b.id);
  ir.r.report(codes::dangling_reference, node,
              fmt::format("basis '{}' is not declared in item.basis{}", basis,
                          ids.empty() ? std::string(" (which is empty)")
                                      : fmt::format(" ({})", fmt::join(ids, ", "))));
}

std::optional<bool> read_allowed(const YamlReader& r, const yaml::Node& node,
                                 std::string_view what) {
  const auto text = r.scalar(node, what);
  if (!text) return std::nullopt;
  if (*text == "allowed" || *text == "true") return true;
  if (*text == "forbidden" || *text == "false") return false;
  r.report(codes::bad_value, node,
           fmt::format("{} must be 'allowed' or 'forbidden', not '{}'", what, *text));
  return std::nullopt;
}

namespace {

Expression compile(const ItemReader& ir, const yaml::Node& node, const Scope& scope,
                   std::vector<Diagnostic>& out) {
  const auto text = ir.r.scalar(node, "an expression");
  if (!text) return {};
  // Compiled from a copy whose line breaks match the file, so diagnostics
  // land on the right line; the Expression keeps the text as YAML read it.
  const ExpressionSource source = ir.r.expression_source(node);
  CompileResult result = compile_expression(source.text, source.origin, scope, ir.strings);
  out.insert(out.end(), result.diagnostics.begin(), result.diagnostics.end());
  if (!result.program) return {};
  return Expression(*text, source.origin.at(0, source.text), std::move(result.program));
}

Scope item_scope(const RulebookData& data, const Item& item) {
  Scope scope;
  scope.fact = [&data, &item](std::string_view path) -> const Fact* {
    for (const auto& f : item.facts) {
      if (f.path == path) return &f;
    }
    const auto it = data.fact_index.find(path);
    return it == data.fact_index.end() ? nullptr
                                       : &data.facts[static_cast<std::size_t>(it->second)];
  };
  scope.material = [&item](std::string_view id) { return item.material_index(id); };
  return scope;
}

void read_local_facts(ItemReader& ir, const yaml::Node& node) {
  ir.item.facts = read_facts(ir.r, node, static_cast<int>(ir.data.facts.size()));
  for (const auto& f : ir.item.facts) {
    if (ir.data.fact_index.count(f.path) != 0) {
      Diagnostic d = make_diagnostic(
          codes::duplicate_id, f.location,
          fmt::format("fact '{}' is already declared in facts.yaml (一数一源)", f.path));
      d.notes.push_back(
          {ir.data.facts[static_cast<std::size_t>(ir.data.fact_index.at(f.path))].location,
           "declared here"});
      ir.r.add(std::move(d));
    }
    for (const auto& v : f.values) ir.strings.intern(v);
  }
}

}  // namespace

std::optional<Item> load_item(const YamlDocument& doc, const RulebookData& data,
                              StringTable& strings, std::vector<Diagnostic>& out) {
  const YamlReader r(doc, out);
  const yaml::Node& root = doc.root;
  if (!r.expect_map(root, "an item file")) return std::nullopt;
  r.check_keys(root,
               {"item", "facts", "conditions", "materials", "tolerance", "time_limit", "steps",
                "outputs", "fees"},
               "an item file");
  if (!r.require(root, "item", "an item file")) return std::nullopt;
  Item item;
  ItemReader ir{r, data, strings, item, {}};
  std::vector<yaml::Node> condition_nodes, material_nodes, step_nodes;
  read_item_header(ir, root["item"]);
  if (root["facts"]) read_local_facts(ir, root["facts"]);
  if (root["conditions"]) read_conditions(ir, root["conditions"], condition_nodes);
  if (root["materials"]) read_materials(ir, root["materials"], material_nodes);
  if (root["tolerance"]) read_tolerance(ir, root["tolerance"]);
  if (r.require(root, "time_limit", "an item file")) read_time_limit(ir, root["time_limit"]);
  if (root["steps"]) read_steps(ir, root["steps"], step_nodes);
  if (root["outputs"]) read_outputs(ir, root["outputs"]);
  if (root["fees"]) read_fees(ir, root["fees"]);

  // Every fact and material is known now, so expressions (which may call
  // submitted("material-id")) compile against the item's final scope.
  const Scope scope = item_scope(data, item);
  // Absent keys come back as undefined or null nodes: no expression.
  const auto given = [](const yaml::Node& n) { return n.defined() && !n.is_null(); };
  for (std::size_t i = 0; i < item.conditions.size(); ++i) {
    if (given(condition_nodes[i])) {
      item.conditions[i].when = compile(ir, condition_nodes[i], scope, out);
    }
  }
  for (std::size_t i = 0; i < item.materials.size(); ++i) {
    if (given(material_nodes[i])) {
      item.materials[i].required = compile(ir, material_nodes[i], scope, out);
    }
  }
  for (std::size_t i = 0; i < item.steps.size(); ++i) {
    if (given(step_nodes[i])) item.steps[i].when = compile(ir, step_nodes[i], scope, out);
  }
  if (given(ir.tolerance_when)) item.tolerance.when = compile(ir, ir.tolerance_when, scope, out);
  return item;
}

}  // namespace shenpi::detail
