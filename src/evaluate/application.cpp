// Reading applications from YAML or JSON text.
#include <fmt/format.h>

#include "evaluate/bound.hpp"
#include "load/yaml_util.hpp"

namespace shenpi {
namespace {

using detail::YamlReader;

/// A YAML scalar as the most specific value it spells; the binder converts
/// to the fact's declared type and falls back to the text for strings.
FactValue scalar_value(const YAML::Node& node) {
  const std::string& s = node.Scalar();
  const bool plain = node.Tag() == "?";
  if (plain) {
    if (s == "true" || s == "True") return true;
    if (s == "false" || s == "False") return false;
    if (auto d = Date::parse(s)) return *d;
    try {
      std::size_t used = 0;
      const long long i = std::stoll(s, &used);
      if (used == s.size()) return static_cast<std::int64_t>(i);
      const double d = std::stod(s, &used);
      if (used == s.size()) return d;
    } catch (const std::exception&) {
      // not a number: a string
    }
  }
  return s;
}

void read_facts(const YamlReader& r, const YAML::Node& node, Application& app) {
  if (node.IsNull()) return;
  if (!r.expect_map(node, "application.facts")) return;
  for (const auto& kv : node) {
    ApplicationFact fact;
    fact.path = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
    fact.location = r.location(kv.first);
    if (kv.second.IsScalar()) {
      fact.value = scalar_value(kv.second);
      fact.text = kv.second.Scalar();
    } else if (kv.second.IsSequence()) {
      std::vector<std::string> list;
      for (const auto& e : kv.second) {
        if (!e.IsScalar()) {
          r.report("SP601", e, fmt::format("fact '{}': list elements must be strings", fact.path));
          continue;
        }
        list.push_back(e.Scalar());
      }
      fact.value = std::move(list);
    } else if (kv.second.IsNull()) {
      continue;  // `fact: ~` states nothing: the fact stays unknown
    } else {
      r.report("SP601", kv.second, fmt::format("fact '{}' must be a scalar or a list", fact.path));
      continue;
    }
    app.facts.push_back(std::move(fact));
  }
}

std::vector<ApplicationEntry> read_entries(const YamlReader& r, const YAML::Node& node,
                                           const char* what) {
  std::vector<ApplicationEntry> entries;
  if (node.IsNull()) return entries;
  if (!node.IsSequence()) {
    r.report("SP601", node, fmt::format("application.{} must be a list of ids", what));
    return entries;
  }
  for (const auto& e : node) {
    if (!e.IsScalar()) {
      r.report("SP601", e, fmt::format("application.{}: each entry must be an id", what));
      continue;
    }
    entries.push_back({e.Scalar(), r.location(e)});
  }
  return entries;
}

}  // namespace

namespace detail {

ApplicationResult read_application(const YamlDocument& doc, const YAML::Node& node) {
  ApplicationResult result;
  const YamlReader r(doc, result.diagnostics);
  const auto shape = [&](const YAML::Node& n, std::string msg) {
    r.report("SP601", n, std::move(msg));
  };
  if (!node.IsMap()) {
    shape(node, "`application:` must be a mapping");
    return result;
  }
  const auto before = result.diagnostics.size();
  r.check_keys(node, {"item", "submitted_on", "facts", "materials", "commitments"}, "application");
  Application app;
  app.location = r.location(node);
  if (!node["item"] || !node["item"].IsScalar()) {
    shape(node["item"] ? node["item"] : node, "application.item must name an item code");
  } else {
    app.item = node["item"].Scalar();
    app.item_location = r.location(node["item"]);
  }
  if (!node["submitted_on"] || !node["submitted_on"].IsScalar()) {
    r.report("SP607", node["submitted_on"] ? node["submitted_on"] : node,
             "application.submitted_on must be a date (YYYY-MM-DD)");
  } else if (auto d = Date::parse(node["submitted_on"].Scalar())) {
    app.submitted_on = *d;
    app.date_location = r.location(node["submitted_on"]);
  } else {
    r.report(
        "SP607", node["submitted_on"],
        fmt::format("submitted_on '{}' is not a date (YYYY-MM-DD)", node["submitted_on"].Scalar()));
  }
  if (node["facts"]) read_facts(r, node["facts"], app);
  if (node["materials"]) app.materials = read_entries(r, node["materials"], "materials");
  if (node["commitments"]) app.commitments = read_entries(r, node["commitments"], "commitments");
  // The reader's generic shape codes (unknown key, wrong type, missing or
  // duplicate key) are, in an application, the application's shape error.
  for (auto& d : result.diagnostics) {
    if (d.code == "SP102" || d.code == "SP103" || d.code == "SP104" || d.code == "SP105")
      d.code = "SP601";
  }
  if (result.diagnostics.size() == before) result.application = std::move(app);
  return result;
}

}  // namespace detail

namespace {

ApplicationResult read_application_node(const detail::YamlDocument& doc) {
  if (!doc.root.IsMap() || !doc.root["application"]) {
    ApplicationResult result;
    detail::YamlReader(doc, result.diagnostics)
        .report("SP601", doc.root,
                "an application file holds a mapping `application:` with item, submitted_on, "
                "facts, materials");
    return result;
  }
  return detail::read_application(doc, doc.root["application"]);
}

}  // namespace

ApplicationResult parse_application(std::string_view text, const std::string& name) {
  ApplicationResult result;
  auto doc = detail::parse_yaml_text(std::string(text), name, result.diagnostics);
  if (!doc) return result;
  return read_application_node(*doc);
}

ApplicationResult read_application_file(const std::string& path) {
  ApplicationResult result;
  auto doc = detail::read_yaml_file(path, result.diagnostics);
  if (!doc) return result;
  return read_application_node(*doc);
}

}  // namespace shenpi
