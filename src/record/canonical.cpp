// Canonical JSON forms and SHA-256: the ground of the decision record's
// digests. nlohmann::json keeps object keys sorted and dump() writes no
// white space, which is the canonical form docs/versions.md promises. The
// item's parts that `GET /v1/items/{code}` shows alike come from
// record/model_json.hpp.
#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <memory>

#include <nlohmann/json.hpp>

#include "notice/json_line.hpp"
#include "record/model_json.hpp"
#include "record/record_json.hpp"
#include "shenpi/record.hpp"

namespace shenpi {
namespace {

using nlohmann::json;

void put_fact_value(const FactValue& value, std::string& out) {
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, bool>) {
          out += v ? "true" : "false";
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          out += std::to_string(v);
        } else if constexpr (std::is_same_v<T, double>) {
          out += json(v).dump();  // nlohmann's own number form
        } else if constexpr (std::is_same_v<T, std::string>) {
          detail::append_json_string(v, out);
        } else if constexpr (std::is_same_v<T, Date>) {
          detail::append_json_date(v, out);
        } else {
          out += '[';
          for (std::size_t i = 0; i < v.size(); ++i) {
            if (i > 0) out += ',';
            detail::append_json_string(v[i], out);
          }
          out += ']';
        }
      },
      value);
}

/// Entry ids sorted, as a JSON array.
void put_ids(const std::vector<ApplicationEntry>& entries, std::string& out) {
  thread_local std::vector<std::string_view> ids;  // kept: no allocation per decision
  ids.clear();
  for (const auto& e : entries) ids.emplace_back(e.id);
  std::sort(ids.begin(), ids.end());
  out += '[';
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) out += ',';
    detail::append_json_string(ids[i], out);
  }
  out += ']';
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
    json j = detail::material_json<json>(m, static_cast<int>(m.requirement), expression);
    j["use"] = m.catalog_id;
    list.push_back(std::move(j));
  }
  return list;
}

json procedure_json(const Item& item) {
  json j;
  j["conditions"] = detail::conditions_json<json>(item, expression);
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
  j["steps"] = detail::steps_json<json>(item, expression, duration);
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
            {"service", detail::service_json<json>(item)}};
  j["basis"] = detail::basis_json<json>(item);
  json facts = json::array();
  for (const auto& f : item.facts) {
    facts.push_back(
        {{"path", f.path}, {"type", to_string(f.type)}, {"label", f.label}, {"values", f.values}});
  }
  j["facts"] = std::move(facts);
  j["outputs"] = detail::outputs_json<json>(item);
  j["fees"] = detail::fees_json<json>(item);
  return j;
}

}  // namespace

namespace detail {

void append_canonical_application(const Application& a, std::string& out) {
  // Written straight (it is made for every decision the service answers),
  // byte for byte what nlohmann's dump of the same object gives: keys in
  // byte order, a fact given twice keeps its last value, no white space.
  // The order is found on pointers in a per-thread vector: a stable
  // insertion sort for the usual dozen facts (std::stable_sort allocates a
  // buffer every call), stable_sort beyond.
  thread_local std::vector<const ApplicationFact*> facts;
  facts.clear();
  for (const auto& f : a.facts) facts.push_back(&f);
  const auto before = [](const ApplicationFact* x, const ApplicationFact* y) {
    return x->path < y->path;
  };
  if (facts.size() <= 32) {
    for (std::size_t i = 1; i < facts.size(); ++i) {
      const ApplicationFact* f = facts[i];
      std::size_t j = i;
      for (; j > 0 && before(f, facts[j - 1]); --j) facts[j] = facts[j - 1];
      facts[j] = f;
    }
  } else {
    std::stable_sort(facts.begin(), facts.end(), before);
  }
  out += "{\"commitments\":";
  put_ids(a.commitments, out);
  out += ",\"facts\":{";
  bool first = true;
  for (std::size_t i = 0; i < facts.size(); ++i) {
    if (i + 1 < facts.size() && facts[i + 1]->path == facts[i]->path) continue;
    if (!first) out += ',';
    first = false;
    append_json_string(facts[i]->path, out);
    out += ':';
    put_fact_value(facts[i]->value, out);
  }
  out += "},\"item\":";
  append_json_string(a.item, out);
  out += ",\"materials\":";
  put_ids(a.materials, out);
  out += ",\"submitted_on\":";
  append_json_date(a.submitted_on, out);
  out += '}';
}

}  // namespace detail

std::string canonical_application(const Application& a) {
  std::string out;
  detail::append_canonical_application(a, out);
  return out;
}

std::string canonical_item(const Item& item) {
  json j = header_json(item);
  j["materials"] = materials_json(item);
  j["procedure"] = procedure_json(item);
  return j.dump();
}

namespace detail {

void append_sha256_hex(std::string_view text, std::string& out) {
  // One digest per decision the service answers: the algorithm is fetched
  // once and each thread reuses its context (EVP_Digest does both each call,
  // which costs more than hashing a small application).
  static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);  // lives with the process
  thread_local const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(
      EVP_MD_CTX_new(), EVP_MD_CTX_free);
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  const bool reused = md != nullptr && context &&
                      EVP_DigestInit_ex2(context.get(), md, nullptr) == 1 &&
                      EVP_DigestUpdate(context.get(), text.data(), text.size()) == 1 &&
                      EVP_DigestFinal_ex(context.get(), digest.data(), &size) == 1;
  if (!reused) EVP_Digest(text.data(), text.size(), digest.data(), &size, EVP_sha256(), nullptr);
  // `text` may lie in `out`: it is read to the end before `out` grows.
  static constexpr char kHex[] = "0123456789abcdef";
  const std::size_t at = out.size();
  out.resize(at + std::size_t{size} * 2);
  for (unsigned int i = 0; i < size; ++i) {
    out[at + 2 * i] = kHex[digest[i] >> 4U];
    out[at + 2 * i + 1] = kHex[digest[i] & 0xFU];
  }
}

}  // namespace detail

std::string sha256_hex(std::string_view text) {
  std::string hex;
  hex.reserve(64);
  detail::append_sha256_hex(text, hex);
  return hex;
}

}  // namespace shenpi
