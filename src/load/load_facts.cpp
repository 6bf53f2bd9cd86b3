// facts.yaml (the shared fact dictionary) and materials.yaml (the catalogue).
#include <algorithm>

#include <fmt/format.h>

#include "load/loader.hpp"
#include "shenpi/diagnostic_codes.hpp"

namespace shenpi::detail {
namespace {

std::optional<FactType> parse_fact_type(std::string_view text) {
  if (text == "bool") return FactType::boolean;
  if (text == "int") return FactType::integer;
  if (text == "decimal") return FactType::decimal;
  if (text == "string") return FactType::string;
  if (text == "enum") return FactType::enumeration;
  if (text == "date") return FactType::date;
  if (text == "list<string>") return FactType::string_list;
  return std::nullopt;
}

bool valid_path(std::string_view path) {
  bool segment_start = true;
  for (const char c : path) {
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    const bool digit = c >= '0' && c <= '9';
    if (c == '.') {
      if (segment_start) return false;
      segment_start = true;
    } else if (alpha || (digit && !segment_start)) {
      segment_start = false;
    } else {
      return false;
    }
  }
  return !segment_start;
}

/// `values:` as a list (`[good, normal]`) or as a map of labels
/// (`{ good: 良好, normal: 一般 }`).
void read_enum_values(const YamlReader& r, const yaml::Node& node, Fact& fact) {
  if (!node.is_map()) {
    fact.values = r.string_list(node, "enum values").value_or(std::vector<std::string>{});
    fact.value_labels.assign(fact.values.size(), std::string());
    return;
  }
  for (const auto& kv : node.entries()) {
    const auto value = r.scalar(kv.first, "an enum value");
    const auto label =
        r.scalar(kv.second, fmt::format("the label of enum value '{}'", kv.first.scalar()));
    if (!value || !label) continue;
    // A YAML mapping may repeat a key; the second label would silently win.
    if (std::find(fact.values.begin(), fact.values.end(), *value) != fact.values.end()) {
      r.report(codes::duplicate_id, kv.first, fmt::format("enum value '{}' listed twice", *value));
      continue;
    }
    fact.values.push_back(*value);
    fact.value_labels.push_back(*label);
  }
}

/// An enum says each value once: a repeated value is a typo or a merge
/// left-over, and would make the guide list it twice.
void report_duplicate_values(const YamlReader& r, const yaml::Node& values,
                             const std::string& what) {
  if (!values.is_sequence()) return;
  std::vector<std::string> seen;
  for (const auto& v : values) {
    if (!v.is_scalar()) continue;
    if (std::find(seen.begin(), seen.end(), v.scalar()) != seen.end()) {
      r.report(codes::duplicate_id, v,
               fmt::format("{} lists the value '{}' twice", what, v.scalar()));
    }
    seen.push_back(v.scalar());
  }
}

std::optional<Fact> read_fact(const YamlReader& r, const yaml::Node& key, const yaml::Node& spec) {
  Fact fact;
  fact.path = key.scalar();
  fact.location = r.location(key);
  if (!valid_path(fact.path)) {
    r.report(
        codes::bad_value, key,
        fmt::format("'{}' is not a fact path (dotted names of letters, digits, _)", fact.path));
    return std::nullopt;
  }
  const std::string what = fmt::format("fact '{}'", fact.path);
  if (!r.expect_map(spec, what)) return std::nullopt;
  r.check_keys(spec, {"type", "label", "values"}, what);
  if (!r.require(spec, "type", what)) return std::nullopt;
  const auto type_text = r.scalar(spec["type"], "a fact type");
  if (!type_text) return std::nullopt;
  const auto type = parse_fact_type(*type_text);
  if (!type) {
    r.report(
        codes::bad_value, spec["type"],
        fmt::format("unknown fact type '{}' (bool, int, decimal, string, enum, date, list<string>)",
                    *type_text));
    return std::nullopt;
  }
  fact.type = *type;
  if (spec["label"]) fact.label = r.scalar(spec["label"], "a label").value_or("");
  if (fact.type == FactType::enumeration) {
    if (!spec["values"]) {
      r.report(codes::missing_key, spec, fmt::format("{} is an enum and needs `values:`", what));
      return std::nullopt;
    }
    read_enum_values(r, spec["values"], fact);
    if (fact.values.empty())
      r.report(codes::bad_value, spec["values"], fmt::format("{} declares no values", what));
    report_duplicate_values(r, spec["values"], what);
  } else if (spec["values"]) {
    r.report(codes::bad_value, spec["values"],
             fmt::format("{} is not an enum; `values:` applies to enums only", what));
  }
  return fact;
}

}  // namespace

std::vector<Fact> read_facts(const YamlReader& r, const yaml::Node& facts, int first_slot) {
  std::vector<Fact> result;
  if (facts.is_null()) return result;
  if (!r.expect_map(facts, "facts")) return result;
  for (const auto& kv : facts.entries()) {
    if (!kv.first.is_scalar()) continue;
    auto fact = read_fact(r, kv.first, kv.second);
    if (!fact) continue;
    const auto dup = std::find_if(result.begin(), result.end(),
                                  [&](const Fact& f) { return f.path == fact->path; });
    if (dup != result.end()) {
      Diagnostic d = make_diagnostic(codes::duplicate_id, fact->location,
                                     fmt::format("fact '{}' declared twice", fact->path));
      d.notes.push_back({dup->location, "first declared here"});
      r.add(std::move(d));
      continue;
    }
    detail::FactAccess::set_slot(*fact, first_slot + static_cast<int>(result.size()));
    result.push_back(std::move(*fact));
  }
  return result;
}

void load_shared_facts(const YamlDocument& doc, RulebookData& data, std::vector<Diagnostic>& out) {
  const YamlReader r(doc, out);
  if (doc.root.is_null()) return;
  if (!r.expect_map(doc.root, "facts.yaml")) return;
  r.check_keys(doc.root, {"facts"}, "facts.yaml");
  if (!doc.root["facts"]) return;
  const auto base = static_cast<int>(data.facts.size());
  for (auto& fact : read_facts(r, doc.root["facts"], base)) {
    if (data.fact_index.count(fact.path) != 0) {
      r.report(codes::duplicate_id, fact.location,
               fmt::format("fact '{}' declared in two rulebook folders", fact.path));
      continue;
    }
    detail::FactAccess::set_slot(fact, static_cast<int>(data.facts.size()));
    data.fact_index.emplace(fact.path, detail::FactAccess::slot(fact));
    for (const auto& v : fact.values) data.strings.intern(v);
    data.facts.push_back(std::move(fact));
  }
}

std::optional<MaterialForm> read_form(const YamlReader& r, const yaml::Node& node) {
  if (!r.expect_map(node, "form")) return std::nullopt;
  r.check_keys(node, {"original", "copies", "electronic"}, "form");
  MaterialForm form;
  if (node["original"]) form.original = r.boolean(node["original"], "form.original").value_or(true);
  if (node["copies"]) {
    const auto copies = r.integer(node["copies"], "form.copies").value_or(0);
    if (copies < 0 || copies > 100)
      r.report(codes::bad_value, node["copies"], "form.copies must be between 0 and 100");
    form.copies = static_cast<int>(std::clamp(copies, 0LL, 100LL));
  }
  if (node["electronic"])
    form.electronic = r.boolean(node["electronic"], "form.electronic").value_or(false);
  return form;
}

std::optional<Material::Source> read_source(const YamlReader& r, const yaml::Node& node) {
  const auto text = r.scalar(node, "source");
  if (!text) return std::nullopt;
  if (*text == "applicant") return Material::Source::applicant;
  if (*text == "shared") return Material::Source::shared;
  r.report(codes::bad_value, node,
           fmt::format("source must be 'applicant' or 'shared', not '{}'", *text));
  return std::nullopt;
}

void load_catalog(const YamlDocument& doc, RulebookData& data, std::vector<Diagnostic>& out) {
  const YamlReader r(doc, out);
  if (doc.root.is_null()) return;
  if (!r.expect_map(doc.root, "materials.yaml")) return;
  r.check_keys(doc.root, {"materials"}, "materials.yaml");
  const yaml::Node materials = doc.root["materials"];
  if (!materials || materials.is_null() || !r.expect_map(materials, "materials")) return;
  for (const auto& kv : materials.entries()) {
    CatalogMaterial m;
    m.id = kv.first.scalar();
    m.location = r.location(kv.first);
    const std::string what = fmt::format("catalogue material '{}'", m.id);
    if (!r.expect_map(kv.second, what)) continue;
    r.check_keys(kv.second, {"name", "issuer", "source", "form", "basis"}, what);
    if (!r.require(kv.second, "name", what)) continue;
    m.name = r.scalar(kv.second["name"], "name").value_or("");
    if (kv.second["issuer"]) m.issuer = r.scalar(kv.second["issuer"], "issuer").value_or("");
    if (kv.second["source"])
      m.source = read_source(r, kv.second["source"]).value_or(Material::Source::applicant);
    if (kv.second["form"]) m.form = read_form(r, kv.second["form"]).value_or(MaterialForm{});
    if (kv.second["basis"]) m.basis_title = r.scalar(kv.second["basis"], "basis").value_or("");
    if (data.catalog_index.count(m.id) != 0) {
      r.report(codes::duplicate_id, kv.first,
               fmt::format("catalogue material '{}' defined twice", m.id));
      continue;
    }
    data.catalog_index.emplace(m.id, static_cast<int>(data.catalog.size()));
    data.catalog.push_back(std::move(m));
  }
}

}  // namespace shenpi::detail
