// Reading applications from YAML or JSON text.
#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

#include "load/application.hpp"
#include "load/json_application.hpp"
#include "model/fact_value.hpp"
#include "shenpi/diagnostic_codes.hpp"

namespace shenpi {
namespace {

namespace yaml = detail::yaml;

using detail::YamlReader;

/// A YAML scalar as the most specific value it spells; the binder converts
/// to the fact's declared type and falls back to the text for strings.
FactValue scalar_value(const yaml::Node& node) {
  const std::string& s = node.scalar();
  const bool plain = node.plain();
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

/// An application says each thing once: with a fact, material or
/// commitment given twice, which one the applicant meant is a guess
/// (`credit: dishonest` then `credit: good`), so it is an error (SP601).
class SeenOnce {
 public:
  bool first_time(const YamlReader& r, const yaml::Node& node, const std::string& id,
                  std::string_view what) {
    // Hashed: an attack lists 100,000 ids, and a scan would be quadratic.
    const auto [it, inserted] = seen_.emplace(id, node.line());
    if (inserted) return true;
    r.report(codes::application_shape, node,
             fmt::format("{} '{}' is given twice (first on line {}); give it once", what, id,
                         it->second));
    return false;
  }

 private:
  std::unordered_map<std::string, int> seen_;
};

void read_facts(const YamlReader& r, const yaml::Node& node, Application& app) {
  if (node.is_null()) return;
  if (!r.expect_map(node, "application.facts")) return;
  SeenOnce once;
  for (const auto& kv : node.entries()) {
    ApplicationFact fact;
    fact.path = kv.first.is_scalar() ? kv.first.scalar() : std::string();
    fact.location = r.location(kv.first);
    if (!once.first_time(r, kv.first, fact.path, "fact")) continue;
    if (kv.second.is_scalar()) {
      fact.value = scalar_value(kv.second);
      fact.text = kv.second.scalar();
    } else if (kv.second.is_sequence()) {
      std::vector<std::string> list;
      for (const auto& e : kv.second) {
        if (!e.is_scalar()) {
          // A value of the wrong shape is the fact's type error, as in JSON.
          r.report(codes::fact_wrong_type, e,
                   detail::wrong_fact_message(fact.path, detail::fact_value_shape,
                                              "a list holding a mapping or a list"));
          continue;
        }
        list.push_back(e.scalar());
      }
      fact.value = std::move(list);
    } else if (kv.second.is_null()) {
      continue;  // `fact: ~` states nothing: the fact stays unknown
    } else {
      r.report(codes::fact_wrong_type, kv.second,
               detail::wrong_fact_message(fact.path, detail::fact_value_shape, "a mapping"));
      continue;
    }
    app.facts.push_back(std::move(fact));
  }
}

std::vector<ApplicationEntry> read_entries(const YamlReader& r, const yaml::Node& node,
                                           const char* what) {
  std::vector<ApplicationEntry> entries;
  if (node.is_null()) return entries;
  if (!node.is_sequence()) {
    r.report(codes::application_shape, node,
             fmt::format("application.{} must be a list of ids", what));
    return entries;
  }
  SeenOnce once;
  for (const auto& e : node) {
    if (!e.is_scalar()) {
      r.report(codes::application_shape, e,
               fmt::format("application.{}: each entry must be an id", what));
      continue;
    }
    const std::string_view kind = std::string_view(what) == "materials" ? "material" : "commitment";
    if (!once.first_time(r, e, e.scalar(), kind)) continue;
    entries.push_back({e.scalar(), r.location(e)});
  }
  return entries;
}

}  // namespace

namespace detail {

ApplicationResult read_application(const YamlDocument& doc, const yaml::Node& node) {
  ApplicationResult result;
  const YamlReader r(doc, result.diagnostics);
  const auto shape = [&](const yaml::Node& n, std::string msg) {
    r.report(codes::application_shape, n, std::move(msg));
  };
  if (!node.is_map()) {
    shape(node, "`application:` must be a mapping");
    return result;
  }
  const auto before = result.diagnostics.size();
  r.check_keys(node, {"item", "submitted_on", "facts", "materials", "commitments"}, "application");
  Application app;
  app.location = r.location(node);
  if (!node["item"] || !node["item"].is_scalar()) {
    shape(node["item"] ? node["item"] : node, "application.item must name an item code");
  } else {
    app.item = node["item"].scalar();
    app.item_location = r.location(node["item"]);
  }
  if (!node["submitted_on"] || !node["submitted_on"].is_scalar()) {
    r.report(codes::bad_application_date, node["submitted_on"] ? node["submitted_on"] : node,
             "application.submitted_on must be a date (YYYY-MM-DD)");
  } else if (auto d = Date::parse(node["submitted_on"].scalar())) {
    app.submitted_on = *d;
    app.date_location = r.location(node["submitted_on"]);
  } else {
    r.report(
        codes::bad_application_date, node["submitted_on"],
        fmt::format("submitted_on '{}' is not a date (YYYY-MM-DD)", node["submitted_on"].scalar()));
  }
  if (node["facts"]) read_facts(r, node["facts"], app);
  if (node["materials"]) app.materials = read_entries(r, node["materials"], "materials");
  if (node["commitments"]) app.commitments = read_entries(r, node["commitments"], "commitments");
  // The reader's generic shape codes (unknown key, wrong type, missing or
  // duplicate key) are, in an application, the application's shape error.
  for (auto& d : result.diagnostics) {
    if (d.code == codes::unknown_key || d.code == codes::wrong_type ||
        d.code == codes::missing_key || d.code == codes::duplicate_id) {
      d.code = codes::application_shape;
    }
  }
  if (result.diagnostics.size() == before) result.application = std::move(app);
  return result;
}

}  // namespace detail

namespace {

ApplicationResult read_application_node(const detail::YamlDocument& doc) {
  if (!doc.root.is_map() || !doc.root["application"]) {
    ApplicationResult result;
    detail::YamlReader(doc, result.diagnostics)
        .report(codes::application_shape, doc.root,
                "an application file holds a mapping `application:` with item, submitted_on, "
                "facts, materials");
    return result;
  }
  return detail::read_application(doc, doc.root["application"]);
}

}  // namespace

namespace {

/// One simdjson parser per thread, sized on first use and kept: building
/// one costs more than reading a typical application.
detail::JsonApplicationReader& thread_reader() {
  thread_local detail::JsonApplicationReader reader;
  return reader;
}

}  // namespace

bool parse_application_json(std::string_view text, const std::string& name, Application& out,
                            std::vector<Diagnostic>& diagnostics) {
  return thread_reader().read(text, 0, name, 1, out, diagnostics);
}

void Rulebook::evaluate_json(std::string_view text, const std::string& name, Decision& out,
                             std::optional<Date> as_of) const {
  thread_reader().decide(text, 0, name, 1, *this, as_of, out);
}

ApplicationResult parse_application_json(std::string_view text, const std::string& name) {
  ApplicationResult result;
  Application app;
  if (thread_reader().read(text, 0, name, 1, app, result.diagnostics))
    result.application = std::move(app);
  return result;
}

namespace {

/// Bytes that are not UTF-8 make the application itself malformed (SP601),
/// at the byte's place; YAML syntax errors keep SP101.
ApplicationResult unreadable(ApplicationResult result) {
  for (auto& d : result.diagnostics) {
    if (d.code == codes::yaml_syntax && d.message.rfind("invalid UTF-8", 0) == 0)
      d.code = codes::application_shape;
  }
  return result;
}

}  // namespace

ApplicationResult parse_application(std::string_view text, const std::string& name) {
  if (detail::looks_like_json(text)) {
    // A YAML flow mapping also starts with `{`: outside `.json` files, fall
    // back to YAML when the text is no JSON but is YAML.
    ApplicationResult json = parse_application_json(text, name);
    if (json.application || json.diagnostics.empty() ||
        json.diagnostics.front().code != codes::application_json_syntax ||
        name.ends_with(".json")) {
      return json;
    }
    ApplicationResult yaml;
    auto doc = detail::parse_yaml_text(std::string(text), name, yaml.diagnostics);
    return doc ? read_application_node(*doc) : json;
  }
  ApplicationResult result;
  auto doc = detail::parse_yaml_text(std::string(text), name, result.diagnostics);
  if (!doc) return unreadable(std::move(result));
  return read_application_node(*doc);
}

ApplicationResult read_application_file(const std::string& path, std::size_t max_bytes) {
  ApplicationResult result;
  std::string text;
  std::string why;
  if (!detail::read_text_file(path, text, max_bytes, &why)) {
    result.diagnostics.push_back(
        make_diagnostic(codes::unreadable_source, {path, 0, 0}, "cannot read file: " + why));
    return result;
  }
  return unreadable(parse_application(text, path));
}

}  // namespace shenpi
