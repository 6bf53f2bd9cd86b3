// Canonical JSON forms and SHA-256: the ground of the decision record's
// digests. nlohmann::json keeps object keys sorted and dump() writes no
// white space, which is the canonical form docs/versions.md promises.
#include <openssl/evp.h>

#include <algorithm>
#include <array>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "shenpi/record.hpp"

namespace shenpi {
namespace {

using nlohmann::json;

json fact_value(const FactValue& value) {
  return std::visit(
      [](const auto& v) -> json {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, Date>) {
          return v.to_string();
        } else {
          return v;
        }
      },
      value);
}

std::vector<std::string> sorted_ids(const std::vector<ApplicationEntry>& entries) {
  std::vector<std::string> ids;
  for (const auto& e : entries) ids.push_back(e.id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

/// Expression text with runs of white space as one space: a line folded
/// differently in YAML is the same rule.
std::string expression(const Expression& e) {
  std::string out;
  bool space = false;
  for (const char c : e.text()) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

json duration(const Duration& d) {
  return d.to_string();
}

json optional_date(const std::optional<Date>& d) {
  return d ? json(d->to_string()) : json(nullptr);
}

json materials_json(const Item& item) {
  json list = json::array();
  for (const auto& m : item.materials) {
    list.push_back({{"id", m.id},
                    {"name", m.name},
                    {"issuer", m.issuer},
                    {"note", m.note},
                    {"form",
                     {{"original", m.form.original},
                      {"copies", m.form.copies},
                      {"electronic", m.form.electronic}}},
                    {"source", m.source == Material::Source::shared ? "shared" : "applicant"},
                    {"requirement", static_cast<int>(m.requirement)},
                    {"required", expression(m.required)},
                    {"tolerable", m.tolerable},
                    {"core", m.core},
                    {"commitment", m.commitment_allowed},
                    {"basis", m.basis},
                    {"use", m.catalog_id}});
  }
  return list;
}

json procedure_json(const Item& item) {
  json j;
  json conditions = json::array();
  for (const auto& c : item.conditions) {
    conditions.push_back(
        {{"id", c.id},
         {"text", c.text},
         {"when", expression(c.when)},
         {"on_fail", c.on_fail == Condition::OnFail::reject ? "reject" : "supplement"},
         {"basis", c.basis},
         {"commitment", c.commitment_allowed}});
  }
  j["conditions"] = std::move(conditions);
  const auto& t = item.tolerance;
  j["tolerance"] = {{"present", t.present},
                    {"when", expression(t.when)},
                    {"max_missing", t.max_missing},
                    {"supply_within", duration(t.supply_within)},
                    {"letter", t.letter_required}};
  j["time_limit"] = {{"statutory", duration(item.time_limit.statutory)},
                     {"promised", duration(item.time_limit.promised)},
                     {"extension", item.time_limit.extension ? duration(*item.time_limit.extension)
                                                             : json(nullptr)}};
  json steps = json::array();
  for (const auto& s : item.steps) {
    steps.push_back({{"id", s.id},
                     {"name", s.name},
                     {"takes", duration(s.takes)},
                     {"special", s.special},
                     {"when", expression(s.when)}});
  }
  j["steps"] = std::move(steps);
  return j;
}

json header_json(const Item& item) {
  json j = {{"code", item.code},
            {"name", item.name},
            {"version", item.version},
            {"kind", item.kind},
            {"authority", item.authority},
            {"reform", item.reform},
            {"effective",
             {{"from", optional_date(item.effective.from)},
              {"until", optional_date(item.effective.until)}}},
            {"service",
             {{"online", item.service.online},
              {"max_visits", item.service.max_visits},
              {"visits_reason", item.service.visits_reason}}}};
  json basis = json::array();
  for (const auto& b : item.basis) basis.push_back({{"id", b.id}, {"title", b.title}});
  j["basis"] = std::move(basis);
  json facts = json::array();
  for (const auto& f : item.facts) {
    facts.push_back(
        {{"path", f.path}, {"type", to_string(f.type)}, {"label", f.label}, {"values", f.values}});
  }
  j["facts"] = std::move(facts);
  json outputs = json::array();
  for (const auto& o : item.outputs) {
    outputs.push_back({{"id", o.id}, {"name", o.name}, {"valid_for", o.valid_for}});
  }
  j["outputs"] = std::move(outputs);
  json fees = json::array();
  for (const auto& f : item.fees) {
    fees.push_back({{"id", f.id}, {"name", f.name}, {"amount", f.amount}, {"basis", f.basis}});
  }
  j["fees"] = std::move(fees);
  return j;
}

}  // namespace

std::string canonical_application(const Application& a) {
  json facts = json::object();
  for (const auto& f : a.facts) facts[f.path] = fact_value(f.value);
  const json j = {{"item", a.item},
                  {"submitted_on", a.submitted_on.to_string()},
                  {"facts", std::move(facts)},
                  {"materials", sorted_ids(a.materials)},
                  {"commitments", sorted_ids(a.commitments)}};
  return j.dump();
}

std::string canonical_item(const Item& item) {
  json j = header_json(item);
  j["materials"] = materials_json(item);
  j["procedure"] = procedure_json(item);
  return j.dump();
}

std::string sha256_hex(std::string_view text) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  EVP_Digest(text.data(), text.size(), digest.data(), &size, EVP_sha256(), nullptr);
  std::string hex;
  hex.reserve(size * 2);
  for (unsigned int i = 0; i < size; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

}  // namespace shenpi
