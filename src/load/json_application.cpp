// Reading applications from JSON with simdjson's on-demand API: one pass
// over the text, no DOM, strings copied once into the Application. Every
// message and code matches the YAML reader (src/evaluate/application.cpp),
// so a clerk sees the same words whichever format a system sent.
#include "load/json_application.hpp"
#include "load/json_decide.hpp"
#include "load/json_lines.hpp"
#include "model/fact_value.hpp"
#include "shenpi/diagnostic_codes.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <unordered_set>

#include <fmt/format.h>
#include <simdjson.h>

namespace shenpi::detail {

namespace od = simdjson::ondemand;

namespace {

constexpr std::array<std::string_view, 5> kKeys = {"item", "submitted_on", "facts", "materials",
                                                   "commitments"};

/// The text of a scalar token: a string unescaped, a number or boolean as
/// written. nullopt for null, objects and arrays (not scalars in YAML terms).
std::optional<std::string_view> scalar_text(od::value& v, od::json_type type,
                                            simdjson::error_code& error) {
  switch (type) {
    case od::json_type::string: {
      std::string_view s;
      error = v.get_string().get(s);
      return s;
    }
    case od::json_type::number:
    case od::json_type::boolean: {
      // The type is guessed from the first character: check the token.
      if (type == od::json_type::boolean) {
        bool b = false;
        error = v.get_bool().get(b);
      } else {
        od::number_type kind{};
        error = v.get_number_type().get(kind);
      }
      if (error != simdjson::SUCCESS) return std::nullopt;
      std::string_view raw = v.raw_json_token();
      while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\t' || raw.back() == '\n' ||
                              raw.back() == '\r')) {
        raw.remove_suffix(1);
      }
      return raw;
    }
    default:
      return std::nullopt;
  }
}

const char* kind_name(od::json_type type) {
  switch (type) {
    case od::json_type::object:
      return "a mapping";
    case od::json_type::array:
      return "a list";
    case od::json_type::null:
      return "nothing";
    default:
      return "a scalar";
  }
}

/// Facts and entries of the previous document, kept so their strings'
/// storage is reused: reading into one Application builds no std::string
/// per fact once the texts have been seen at their length.
struct Spares {
  static constexpr std::size_t kKept = 512;
  std::vector<ApplicationFact> facts;
  std::vector<ApplicationEntry> entries;
  /// Hashes of the keys or ids read so far in one mapping or list, parallel
  /// to it: a repeat is looked for among equal hashes only.
  std::vector<std::uint64_t> hashes;

  /// In reverse, so the next document's k-th fact (usually the same fact,
  /// as one system writes them in one order) takes this one's k-th.
  void keep(Application& app) {
    // A huge document's elements are let go: a reader keeps a typical one.
    if (facts.size() + app.facts.size() > kKept ||
        entries.size() + app.materials.size() + app.commitments.size() > kKept) {
      return;
    }
    for (auto f = app.facts.rbegin(); f != app.facts.rend(); ++f) facts.push_back(std::move(*f));
    for (auto e = app.commitments.rbegin(); e != app.commitments.rend(); ++e)
      entries.push_back(std::move(*e));
    for (auto e = app.materials.rbegin(); e != app.materials.rend(); ++e)
      entries.push_back(std::move(*e));
  }
  /// A fact whose `text` is empty; its `value` is set by every reader path.
  ApplicationFact fact() {
    if (facts.empty()) return {};
    ApplicationFact f = std::move(facts.back());
    facts.pop_back();
    f.text.clear();
    return f;
  }
  ApplicationEntry entry() {
    if (entries.empty()) return {};
    ApplicationEntry e = std::move(entries.back());
    entries.pop_back();
    return e;
  }
};

/// One document's reading state; a syntax error ends the read (SP608).
struct Reading {
  Lines lines;
  Application& app;
  std::vector<Diagnostic>& out;
  Spares& spares;
  simdjson::error_code error = simdjson::SUCCESS;
  const char* error_at = nullptr;

  void report(std::string_view code, const char* where, std::string message) {
    out.push_back(make_diagnostic(code, lines.at(where), std::move(message)));
  }
  /// Records a simdjson failure; true when there was one.
  bool failed(simdjson::error_code e, const char* where) {
    if (e == simdjson::SUCCESS) return false;
    if (error == simdjson::SUCCESS) {
      error = e;
      error_at = where;
    }
    return true;
  }

  /// One array element: its text when it is a scalar (nullopt when not),
  /// and where it stands. False when the JSON is broken (recorded).
  bool element(simdjson::simdjson_result<od::value> result, const char* array_at, const char*& at,
               std::optional<std::string_view>& text) {
    od::value element;
    if (failed(std::move(result).get(element), array_at)) return false;
    od::json_type type{};
    if (failed(element.type().get(type), array_at)) return false;
    at = element.raw_json_token().data();
    text = scalar_text(element, type, error);
    return !failed(error, at);
  }

  bool fact_value(od::value& v, const char* at, ApplicationFact& fact);
  void facts(od::value& v, od::json_type type, const char* at);
  void entries(od::value& v, od::json_type type, const char* at, const char* what,
               std::vector<ApplicationEntry>& into);
  void submitted_on(od::value& v, od::json_type type, const char* at);
  void application(od::value& v);
};

/// True for a number simdjson refuses only because a double cannot hold
/// it (`1e400`, `1e-400`): well-formed JSON, so not SP608.
bool beyond_double(const std::string& text) {
  char* end = nullptr;
  errno = 0;
  std::strtod(text.c_str(), &end);
  return errno == ERANGE && end == text.c_str() + text.size();
}

/// A scalar fact as the most specific value it spells, like the YAML
/// reader: integers that fit in 64 bits, other numbers as doubles, big
/// integers and numbers past a double as text (which the binder then
/// refuses for a number fact, SP604, as for YAML).
bool Reading::fact_value(od::value& v, const char* at, ApplicationFact& fact) {
  od::number_type kind{};
  const simdjson::error_code typed = v.get_number_type().get(kind);
  if (typed == simdjson::NUMBER_ERROR && beyond_double(fact.text)) {
    fact.value = fact.text;
    return true;
  }
  if (failed(typed, at)) return false;
  if (kind == od::number_type::signed_integer) {
    std::int64_t i = 0;
    if (failed(v.get_int64().get(i), at)) return false;
    fact.value = i;
  } else if (kind == od::number_type::floating_point_number) {
    double d = 0;
    const simdjson::error_code e = v.get_double().get(d);
    if (e == simdjson::NUMBER_ERROR && beyond_double(fact.text)) {
      fact.value = fact.text;
      return true;
    }
    if (failed(e, at)) return false;
    fact.value = d;
  } else {
    fact.value = fact.text;
  }
  return true;
}

void Reading::facts(od::value& v, od::json_type type, const char* at) {
  if (type == od::json_type::null) return;
  if (type != od::json_type::object) {
    report(codes::application_shape, at,
           fmt::format("application.facts must be a mapping, found {}", kind_name(type)));
    return;
  }
  od::object object;
  if (failed(v.get_object().get(object), at)) return;
  const std::size_t first = app.facts.size();
  std::unordered_set<std::string> seen;
  auto& hashes = spares.hashes;
  hashes.clear();
  for (auto field_result : object) {
    od::field field;
    if (failed(std::move(field_result).get(field), at)) return;
    const char* key_at = field.key().raw() - 1;
    std::string_view key;
    if (failed(field.unescaped_key().get(key), key_at)) return;
    od::value value = field.value();
    od::json_type vt{};
    if (failed(value.type().get(vt), key_at)) return;
    const char* value_at = value.raw_json_token().data();
    // The YAML reader's rule and words (load/application.cpp, SeenOnce);
    // hashed past a few dozen facts, as for ids below: a scan is quadratic.
    const std::size_t count = app.facts.size() - first;
    if (count == 64) {
      for (std::size_t i = first; i < app.facts.size(); ++i) seen.insert(app.facts[i].path);
    }
    const bool twice = count < 64 ? false : !seen.insert(std::string(key)).second;
    const std::uint64_t hash = std::hash<std::string_view>{}(key);
    const bool same_hash =
        count < 64 && std::find(hashes.begin(), hashes.end(), hash) != hashes.end();
    const auto earlier =
        same_hash || twice
            ? std::find_if(app.facts.begin() + static_cast<std::ptrdiff_t>(first), app.facts.end(),
                           [&](const ApplicationFact& f) { return f.path == key; })
            : app.facts.end();
    if (earlier != app.facts.end()) {
      report(codes::application_shape, key_at,
             fmt::format("fact '{}' is given twice (first on line {}); give it once", key,
                         earlier->location.line));
      continue;
    }
    ApplicationFact fact = spares.fact();
    fact.path = key;
    lines.at(key_at, fact.location);
    if (vt == od::json_type::null) continue;  // `"fact": null` states nothing: unknown
    if (vt == od::json_type::object) {
      // A value of the wrong shape is the fact's type error (SP604), as in YAML.
      report(codes::fact_wrong_type, value_at,
             detail::wrong_fact_message(key, detail::fact_value_shape, "a mapping"));
      continue;
    }
    if (vt == od::json_type::array) {
      od::array array;
      if (failed(value.get_array().get(array), value_at)) return;
      std::vector<std::string> list;
      if (auto* held = std::get_if<std::vector<std::string>>(&fact.value)) list.swap(*held);
      list.clear();
      for (auto element_result : array) {
        const char* element_at = nullptr;
        std::optional<std::string_view> text;
        if (!element(std::move(element_result), value_at, element_at, text)) return;
        if (!text) {
          report(codes::fact_wrong_type, element_at,
                 detail::wrong_fact_message(fact.path, detail::fact_value_shape,
                                            "a list holding a mapping or a list"));
          continue;
        }
        list.emplace_back(*text);
      }
      fact.value = std::move(list);
      app.facts.push_back(std::move(fact));
      if (hashes.size() < 64) hashes.push_back(hash);
      continue;
    }
    const auto text = scalar_text(value, vt, error);
    if (failed(error, value_at) || !text) return;
    fact.text = *text;
    if (vt == od::json_type::string) {
      fact.value = fact.text;
    } else if (vt == od::json_type::boolean) {
      fact.value = *text == "true";
    } else if (!fact_value(value, value_at, fact)) {
      return;
    }
    app.facts.push_back(std::move(fact));
    if (hashes.size() < 64) hashes.push_back(hash);
  }
}

void Reading::entries(od::value& v, od::json_type type, const char* at, const char* what,
                      std::vector<ApplicationEntry>& into) {
  if (type == od::json_type::null) return;
  if (type != od::json_type::array) {
    report(codes::application_shape, at, fmt::format("application.{} must be a list of ids", what));
    return;
  }
  od::array array;
  if (failed(v.get_array().get(array), at)) return;
  std::unordered_set<std::string> seen;
  auto& hashes = spares.hashes;
  hashes.clear();
  for (auto element_result : array) {
    const char* element_at = nullptr;
    std::optional<std::string_view> text;
    if (!element(std::move(element_result), at, element_at, text)) return;
    if (!text) {
      report(codes::application_shape, element_at,
             fmt::format("application.{}: each entry must be an id", what));
      continue;
    }
    // Each id once, as in the YAML reader; hashed past a few dozen ids, since
    // an attack lists 100,000 and a scan would be quadratic.
    if (into.size() == 64) {
      for (const auto& e : into) seen.insert(e.id);
    }
    const std::uint64_t hash = std::hash<std::string_view>{}(*text);
    const bool twice =
        into.size() < 64 ? std::find(hashes.begin(), hashes.end(), hash) != hashes.end() &&
                               std::any_of(into.begin(), into.end(),
                                           [&](const ApplicationEntry& e) { return e.id == *text; })
                         : !seen.insert(std::string(*text)).second;
    if (twice) {
      const auto first_at = std::find_if(into.begin(), into.end(),
                                         [&](const ApplicationEntry& e) { return e.id == *text; });
      report(codes::application_shape, element_at,
             fmt::format("{} '{}' is given twice (first on line {}); give it once",
                         std::string_view(what) == "materials" ? "material" : "commitment", *text,
                         first_at->location.line));
      continue;
    }
    ApplicationEntry entry = spares.entry();
    entry.id = *text;
    lines.at(element_at, entry.location);
    into.push_back(std::move(entry));
    if (hashes.size() < 64) hashes.push_back(hash);
  }
}

void Reading::submitted_on(od::value& v, od::json_type type, const char* at) {
  const auto text = scalar_text(v, type, error);
  if (failed(error, at)) return;
  if (!text) {
    report(codes::bad_application_date, at, "application.submitted_on must be a date (YYYY-MM-DD)");
    return;
  }
  if (auto d = Date::parse(*text)) {
    app.submitted_on = *d;
    app.date_location = lines.at(at);
    return;
  }
  report(codes::bad_application_date, at,
         fmt::format("submitted_on '{}' is not a date (YYYY-MM-DD)", *text));
}

/// The mapping under `application`: the keys of kKeys, each at most once.
void Reading::application(od::value& v) {
  const char* at = v.raw_json_token().data();
  od::json_type type{};
  if (failed(v.type().get(type), at)) return;
  od::object object;
  if (type != od::json_type::object || failed(v.get_object().get(object), at)) {
    if (error == simdjson::SUCCESS)
      report(codes::application_shape, at, "`application:` must be a mapping");
    return;
  }
  app.location = lines.at(at);
  std::array<bool, kKeys.size()> seen{};
  for (auto field_result : object) {
    od::field field;
    if (failed(std::move(field_result).get(field), at)) return;
    const char* key_at = field.key().raw() - 1;
    std::string_view key;
    if (failed(field.unescaped_key().get(key), key_at)) return;
    od::value value = field.value();
    od::json_type vt{};
    if (failed(value.type().get(vt), key_at)) return;
    const char* value_at = value.raw_json_token().data();
    const auto k =
        static_cast<std::size_t>(std::find(kKeys.begin(), kKeys.end(), key) - kKeys.begin());
    if (k == kKeys.size()) {
      report(codes::application_shape, key_at,
             fmt::format("unknown key '{}' in application (allowed: {})", key,
                         fmt::join(kKeys, ", ")));
      continue;
    }
    if (seen[k]) {
      report(codes::application_shape, key_at,
             fmt::format("key '{}' given twice in application", key));
      continue;
    }
    seen[k] = true;
    if (k == 0) {
      const auto text = scalar_text(value, vt, error);
      if (failed(error, value_at)) return;
      if (!text) {
        report(codes::application_shape, value_at, "application.item must name an item code");
      } else {
        app.item = *text;
        app.item_location = lines.at(value_at);
      }
    } else if (k == 1) {
      submitted_on(value, vt, value_at);
    } else if (k == 2) {
      facts(value, vt, value_at);
    } else {
      entries(value, vt, value_at, k == 3 ? "materials" : "commitments",
              k == 3 ? app.materials : app.commitments);
    }
    if (error != simdjson::SUCCESS) return;
  }
  if (!seen[0]) report(codes::application_shape, at, "application.item must name an item code");
  if (!seen[1])
    report(codes::bad_application_date, at, "application.submitted_on must be a date (YYYY-MM-DD)");
}

void clear(Application& app) {
  app.item.clear();
  app.submitted_on = Date();
  app.facts.clear();
  app.materials.clear();
  app.commitments.clear();
  app.location = {};
  app.item_location = {};
  app.date_location = {};
}

constexpr std::string_view kShape =
    "an application file holds a mapping `application:` with item, submitted_on, facts, materials";

/// The root `{"application": ...}`; other root keys are left alone, as in
/// YAML. False when the root was left unread (not an object).
bool read_root(od::document& doc, Reading& r, const char* begin) {
  od::object root;
  od::json_type type{};
  if (r.failed(doc.type().get(type), begin)) return false;
  if (type != od::json_type::object) {
    r.report(codes::application_shape, begin, std::string(kShape));
    return false;
  }
  if (r.failed(doc.get_object().get(root), begin)) return false;
  bool found = false;
  for (auto field_result : root) {
    od::field field;
    if (r.failed(std::move(field_result).get(field), begin)) return true;
    const char* key_at = field.key().raw() - 1;
    std::string_view key;
    if (r.failed(field.unescaped_key().get(key), key_at)) return true;
    if (key != "application") continue;
    if (found) {
      r.report(codes::application_shape, key_at,
               "key 'application' given twice in the application file");
      continue;
    }
    found = true;
    od::value value = field.value();
    r.application(value);
    if (r.error != simdjson::SUCCESS) return true;
  }
  if (!found) r.report(codes::application_shape, begin, std::string(kShape));
  return true;
}

}  // namespace

struct JsonApplicationReader::Impl {
  od::parser parser;
  Spares spares;
  std::string copy;  ///< padded copy of text that came without room to read ahead
  SlotBinder binder;
  Application application;  ///< the full reader's, when the fast path declines
};

JsonApplicationReader::JsonApplicationReader() : impl_(std::make_unique<Impl>()) {
  // Sizes the parser for a typical application and, on first use in the
  // process, makes simdjson pick its CPU implementation here, on the thread
  // that builds the readers, rather than in several workers at once.
  const auto error = impl_->parser.allocate(4096);
  (void)error;  // a failed allocation is retried, and reported, by read()
}
JsonApplicationReader::~JsonApplicationReader() = default;

bool JsonApplicationReader::read(std::string_view text, std::size_t capacity,
                                 const std::string& name, int first_line, Application& out,
                                 std::vector<Diagnostic>& diagnostics) {
  impl_->spares.keep(out);
  clear(out);
  if (capacity < text.size() + kJsonPadding) {
    impl_->copy.assign(text);
    impl_->copy.append(kJsonPadding, ' ');
    text = std::string_view(impl_->copy.data(), text.size());
    capacity = impl_->copy.size();
  }
  const std::size_t before = diagnostics.size();
  Reading r{Lines(text, name, first_line), out, diagnostics, impl_->spares};
  od::document doc;
  const char* begin = text.data() + std::min(text.size(), text.find_first_not_of(" \t\r\n"));
  const bool iterated =
      !r.failed(impl_->parser.iterate(text.data(), text.size(), capacity).get(doc), begin);
  if (iterated) {
    const bool read = read_root(doc, r, begin);
    // On-demand parsing checks only what it reads: insist on nothing after
    // the document, so `{...} x` is not an application.
    if (auto rest = doc.current_location(); read && r.error == simdjson::SUCCESS && !rest.error()) {
      r.failed(simdjson::TRAILING_CONTENT, rest.value_unsafe());
    }
  }
  if (r.error != simdjson::SUCCESS) {
    // A syntax error makes every other finding doubtful: report it alone.
    diagnostics.resize(before);
    const char* at = r.error_at != nullptr ? r.error_at : begin;
    if (auto where = iterated ? doc.current_location() : simdjson::error_code::OUT_OF_BOUNDS;
        where.error() == simdjson::SUCCESS) {
      at = std::max(at, where.value_unsafe());
    }
    // simdjson guesses a scalar's type by its first letter; `tru` then fails
    // as "not the requested type", which says nothing to the sender.
    const std::string_view why = r.error == simdjson::INCORRECT_TYPE
                                     ? "a token that is no JSON value"
                                     : simdjson::error_message(r.error);
    r.report(codes::application_json_syntax, at, fmt::format("invalid JSON: {}", why));
  }
  return diagnostics.size() == before;
}

bool JsonApplicationReader::decide(std::string_view text, std::size_t capacity,
                                   const std::string& name, int first_line, const Rulebook& book,
                                   std::optional<Date> as_of, Decision& out) {
  if (capacity < text.size() + kJsonPadding) {
    impl_->copy.assign(text);
    impl_->copy.append(kJsonPadding, ' ');
    text = std::string_view(impl_->copy.data(), text.size());
    capacity = impl_->copy.size();
  }
  if (decide_json_fast(impl_->parser, impl_->binder, text, capacity, name, first_line, book, as_of,
                       out)) {
    return true;
  }
  // The full reader says what the fast path would not take as is.
  std::vector<Diagnostic> diagnostics;
  if (read(text, capacity, name, first_line, impl_->application, diagnostics)) {
    impl_->application.as_of = as_of;
    decide_into(book, impl_->application, out);
    return false;
  }
  out = Decision{};
  out.diagnostics = std::move(diagnostics);
  return false;
}

bool looks_like_json(std::string_view text) {
  const auto at = text.find_first_not_of(" \t\r\n");
  return at != std::string_view::npos && text[at] == '{';
}

}  // namespace shenpi::detail
