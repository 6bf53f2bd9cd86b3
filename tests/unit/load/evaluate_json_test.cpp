// Rulebook::evaluate_json against the slow path it stands for
// (parse_application_json, then evaluate): the same decision JSON (with
// trace) and the same diagnostics, over every application the repository
// ships (rule tests, fixtures, examples, the 1,000 peer applications) and
// over mutations of them that the fast path must hand to the slow path.
#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <yaml-cpp/yaml.h>
#include <nlohmann/json.hpp>

#include "batch/json_decide.hpp"
#include "evaluate/eval_test_util.hpp"

namespace shenpi {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;
using eval_test::load_book;

/// A YAML scalar as the JSON a department system would send for it.
Json scalar(const YAML::Node& n) {
  const std::string& s = n.Scalar();
  if (n.Tag() == "!") return s;  // quoted: a string whatever it spells
  if (s == "true" || s == "false") return s == "true";
  if (s == "null" || s == "~" || s.empty()) return nullptr;
  std::int64_t i = 0;
  if (auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), i);
      ec == std::errc() && p == s.data() + s.size()) {
    return i;
  }
  char* end = nullptr;
  const double d = std::strtod(s.c_str(), &end);
  if (end == s.c_str() + s.size() && std::isfinite(d)) return d;
  return s;
}

Json to_json(const YAML::Node& n, int depth = 0) {
  if (depth > 16) return nullptr;  // deliberately deep or aliased fixtures
  if (n.IsMap()) {
    Json o = Json::object();
    for (const auto& kv : n) o[kv.first.Scalar()] = to_json(kv.second, depth + 1);
    return o;
  }
  if (n.IsSequence()) {
    Json a = Json::array();
    for (const auto& e : n) a.push_back(to_json(e, depth + 1));
    return a;
  }
  if (n.IsScalar()) return scalar(n);
  return nullptr;
}

/// Every mapping under a key `application`, anywhere in the document (to
/// a depth no application file needs: fixtures nest deep on purpose).
void collect(const YAML::Node& n, std::vector<std::string>& out, int depth = 0) {
  if (depth > 8) return;
  if (n.IsMap()) {
    for (const auto& kv : n) {
      if (kv.first.IsScalar() && kv.first.Scalar() == "application" && kv.second.IsMap()) {
        out.push_back(Json{{"application", to_json(kv.second)}}.dump());
      }
      collect(kv.second, out, depth + 1);
    }
  } else if (n.IsSequence()) {
    for (const auto& e : n) collect(e, out, depth + 1);
  }
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// The shipped applications: YAML ones as JSON, JSON and JSONL files as written.
std::vector<std::string> shipped_applications() {
  std::vector<std::string> out;
  for (const char* root : {SHENPI_SOURCE_DIR "/rules", SHENPI_FIXTURES,
                           SHENPI_SOURCE_DIR "/examples", SHENPI_SOURCE_DIR "/tests/adversarial"}) {
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(root)) {
      if (e.is_regular_file()) files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& path : files) {
      const std::string ext = path.extension().string();
      if (path.filename() == "peer-apps.jsonl") continue;  // read on its own
      if (ext == ".json") out.push_back(read_text(path));
      if (ext == ".jsonl") {
        std::istringstream lines(read_text(path));
        for (std::string line; std::getline(lines, line);) out.push_back(line);
      }
      if (ext != ".yaml" && ext != ".yml") continue;
      try {
        collect(YAML::LoadFile(path.string()), out);
      } catch (const YAML::Exception&) {
        // deliberately broken fixtures hold no application to compare
      }
    }
  }
  return out;
}

std::vector<std::string> peer_applications() {
  std::vector<std::string> out;
  std::istringstream lines(read_text(SHENPI_FIXTURES "/evaluate/peer-apps.jsonl"));
  for (std::string line; std::getline(lines, line);) out.push_back(line);
  return out;
}

/// The decision JSON with trace, then every diagnostic with its location.
std::string render(const Decision& d) {
  std::string s = d.valid() ? decision_to_json(d, true) : "no decision";
  for (const auto& diagnostic : d.diagnostics) s += "\n" + format_diagnostic(diagnostic);
  return s;
}

/// The slow path: parse into an Application, then decide it. `refused`:
/// the text never reached evaluation (reading or binding failed).
std::string slow(const Rulebook& book, std::string_view text, std::optional<Date> as_of,
                 bool& refused) {
  ApplicationResult r = parse_application_json(text, "app.json");
  refused = !r.application;
  if (!r.application) {
    Decision d;
    d.diagnostics = r.diagnostics;
    return render(d);
  }
  r.application->as_of = as_of;
  refused = !bind_application(book, *r.application).application;
  return render(book.evaluate(*r.application));
}

struct Comparison {
  detail::JsonDecider reader;
  Decision reused;  ///< one Decision for every text: reuse must not leak state
  int compared = 0;
  int fast = 0;

  /// Both paths agree; returns whether the fast path decided it.
  bool check(const Rulebook& book, const std::string& text,
             std::optional<Date> as_of = std::nullopt) {
    bool refused = false;
    const std::string expected = slow(book, text, as_of, refused);
    const bool took_fast = reader.decide(text, 0, "app.json", 1, book, as_of, reused);
    ++compared;
    fast += took_fast ? 1 : 0;
    INFO(text);
    CHECK(render(reused) == expected);
    // The fast path never decides what the slow path refuses.
    if (refused) CHECK_FALSE(took_fast);
    Decision fresh;
    book.evaluate_json(text, "app.json", fresh, as_of);
    CHECK(render(fresh) == expected);
    return took_fast;
  }
};

struct Books {
  std::vector<std::shared_ptr<const Rulebook>> all = {
      eval_test::basic_ptr(),
      load_book(SHENPI_SOURCE_DIR "/rules/tianjin"),
      load_book(SHENPI_SOURCE_DIR "/rules/hebei"),
      load_book(SHENPI_SOURCE_DIR "/rules/tianshui"),
      load_book(SHENPI_SOURCE_DIR "/bench/peers/rules/peer"),
      load_book(SHENPI_FIXTURES "/versions/reform")};

  /// The rulebook that knows the application's item (else the first).
  const Rulebook& home(const Json& doc) const {
    const Json* item = nullptr;
    if (doc.is_object() && doc.contains("application") && doc["application"].is_object() &&
        doc["application"].contains("item")) {
      item = &doc["application"]["item"];
    }
    for (const auto& b : all) {
      if (item != nullptr && item->is_string() &&
          b->find_item(item->get<std::string>()) != nullptr) {
        return *b;
      }
    }
    return *all.front();
  }
};

const Books& books() {
  static const Books b;
  return b;
}

/// `text` with the first `"key"` replaced by a spelling with a \u escape.
std::string escape_first(std::string text, const std::string& key) {
  const std::string quoted = "\"" + key + "\"";
  const auto at = text.find(quoted);
  if (at == std::string::npos || key.empty()) return text;
  char escaped[8];
  std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned char>(key[0]));
  return text.replace(at + 1, 1, escaped);
}

/// Values a fact may be sent as: every JSON type, numbers past 64 bits and
/// past a double, numbers as strings, dates good and bad.
const std::vector<std::string> kValues = {"true",
                                          "false",
                                          "0",
                                          "7",
                                          "-3",
                                          "2.5",
                                          "1e400",
                                          "-1e400",
                                          "1e-400",
                                          "18446744073709551616",
                                          "9223372036854775807",
                                          "\"x\"",
                                          "\"\"",
                                          "\"45\"",
                                          "\"2025-01-01\"",
                                          "\"2025-02-30\"",
                                          "[]",
                                          "[\"a\", \"b\"]",
                                          "[1]",
                                          "{}",
                                          "null",
                                          "\"good\"",
                                          "\"catering\"",
                                          "[\"catering\"]"};

/// Mutations of one application: reordered keys, duplicates, unknown names,
/// wrong types, escapes, nulls, broken JSON.
std::vector<std::string> mutations(const Json& doc, const Rulebook& book) {
  std::vector<std::string> out;
  const Json& app = doc["application"];
  const std::string text = doc.dump();
  out.push_back(doc.dump(2));  // several lines: locations by line and column
  // Key orders: facts or lists before item and submitted_on, reversed.
  for (const char* first : {"facts", "materials", "commitments", "submitted_on"}) {
    Json reordered = Json::object();
    if (app.contains(first)) reordered[first] = app[first];
    for (const auto& [k, v] : app.items()) reordered[k] = v;
    out.push_back(Json{{"application", reordered}}.dump());
  }
  Json reversed = Json::object();
  for (auto it = app.rbegin(); it != app.rend(); ++it) reversed[it.key()] = it.value();
  out.push_back(Json{{"application", reversed}}.dump());
  // Whole keys null or missing, an unknown key, root keys.
  for (const char* key : {"item", "submitted_on", "facts", "materials", "commitments"}) {
    Json nulled = doc;
    nulled["application"][key] = nullptr;
    out.push_back(nulled.dump());
    Json dropped = doc;
    dropped["application"].erase(key);
    out.push_back(dropped.dump());
  }
  for (const char* date : {"1900-01-01", "2999-01-01", "2025-13-01", "2020-01-01"}) {
    Json dated = doc;
    dated["application"]["submitted_on"] = date;
    out.push_back(dated.dump());
  }
  Json extra = doc;
  extra["application"]["note"] = "x";
  out.push_back(extra.dump());
  out.push_back("{\"meta\": 1, " + text.substr(1));
  out.push_back(text.substr(0, text.size() - 1) + ", \"meta\": {\"a\": [1]}}");
  out.push_back(text.substr(0, text.size() - 1) + ", \"application\": {}}");
  out.push_back(text + " x");
  out.push_back(text + "}");
  out.push_back(text.substr(0, text.size() / 2));
  out.push_back("{\"application\": null}");
  out.push_back("[" + text + "]");
  // Items: unknown, escaped, not a string.
  out.push_back(escape_first(text, app.value("item", "")));
  for (const char* item : {"NO-SUCH-ITEM", ""}) {
    Json other = doc;
    other["application"]["item"] = item;
    out.push_back(other.dump());
  }
  Json numbered = doc;
  numbered["application"]["item"] = 12;
  out.push_back(numbered.dump());
  // Facts: each value of kValues for the first facts, duplicates, unknown, escaped keys.
  if (app.contains("facts") && app["facts"].is_object() && !app["facts"].empty()) {
    const auto& facts = app["facts"];
    int n = 0;
    for (const auto& [path, value] : facts.items()) {
      if (n++ == 6) break;
      const std::string pair = "\"" + path + "\":" + value.dump();
      const auto at = text.find(pair);
      for (const auto& v : kValues) {
        if (at == std::string::npos) break;
        std::string changed = text;
        out.push_back(changed.replace(at, pair.size(), "\"" + path + "\":" + v));
      }
      Json as_text = doc;
      as_text["application"]["facts"][path] = value.dump();  // `3` sent as "3"
      out.push_back(as_text.dump());
      out.push_back(escape_first(text, path));
    }
    const std::string first = "\"" + facts.begin().key() + "\":" + facts.begin().value().dump();
    const auto open = text.find("\"facts\":{");
    std::string twice = text;
    out.push_back(twice.insert(open + 9, first + ","));
    std::string twice_late = text;
    const auto close = text.find('}', text.find(first));
    out.push_back(twice_late.insert(close, "," + first));
    Json unknown = doc;
    unknown["application"]["facts"]["no.such.fact"] = 1;
    out.push_back(unknown.dump());
  }
  // Materials and commitments: unknown, twice, escaped, not strings.
  const Item* item = book.find_item(app.value("item", ""));
  for (const char* list : {"materials", "commitments"}) {
    std::vector<Json> entries = {"no-such-material", 1, nullptr, Json::array(), "tolerance-letter"};
    if (item != nullptr && !item->materials.empty()) entries.push_back(item->materials[0].id);
    if (item != nullptr && !item->conditions.empty()) entries.push_back(item->conditions[0].id);
    for (const auto& e : entries) {
      Json more = doc;
      if (!more["application"].contains(list) || !more["application"][list].is_array())
        more["application"][list] = Json::array();
      more["application"][list].push_back(e);
      out.push_back(more.dump());
      more["application"][list].push_back(e);
      out.push_back(more.dump());
    }
    if (app.contains(list) && app[list].is_array() && !app[list].empty() &&
        app[list][0].is_string()) {
      out.push_back(escape_first(text, app[list][0].get<std::string>()));
    }
  }
  return out;
}

TEST_SUITE("load.evaluate_json") {
  TEST_CASE("every shipped application decides the same by evaluate_json and the slow path") {
    Comparison c;
    const auto texts = shipped_applications();
    REQUIRE(texts.size() > 50);
    int fast = 0;
    for (const auto& text : texts) {
      const Json doc = Json::parse(text, nullptr, false);
      const Rulebook& book = books().home(doc);
      fast += c.check(book, text) ? 1 : 0;
      for (const char* as_of : {"2020-01-01", "2025-07-01", "2026-06-01"})
        c.check(book, text, eval_test::date(as_of));
    }
    MESSAGE(fast << " of " << texts.size() << " shipped applications took the fast path");
    CHECK(fast > static_cast<int>(texts.size()) / 3);
  }

  TEST_CASE("the 1,000 peer applications all take the fast path, with the same decisions") {
    Comparison c;
    const Rulebook& peer = *books().all[4];
    const auto texts = peer_applications();
    REQUIRE(texts.size() == 1000);
    for (const auto& text : texts) CHECK(c.check(peer, text));
  }

  TEST_CASE("mutations decide the same by both paths, and refused ones never take the fast path") {
    Comparison c;
    auto texts = shipped_applications();
    const auto peers = peer_applications();
    texts.insert(texts.end(), peers.begin(), peers.begin() + 40);
    for (const auto& text : texts) {
      const Json doc = Json::parse(text, nullptr, false);
      if (!doc.is_object() || !doc.contains("application") || !doc["application"].is_object())
        continue;
      const Rulebook& book = books().home(doc);
      for (const auto& mutated : mutations(doc, book)) c.check(book, mutated);
    }
    MESSAGE(c.compared << " mutations compared, " << c.fast << " by the fast path");
    CHECK(c.compared > 5000);
    CHECK(c.fast > 0);
    CHECK(c.fast < c.compared);
  }

  TEST_CASE("deadlines a binder remembers per item and day stay right across days and rulebooks") {
    // The same item under other time limits: a copy of the peer rulebook
    // whose promised limit is `days` working days.
    const auto with_limit = [](int days) {
      const fs::path dir = fs::temp_directory_path() / ("shenpi-limit-" + std::to_string(days));
      fs::remove_all(dir);
      fs::copy(SHENPI_SOURCE_DIR "/bench/peers/rules/peer", dir, fs::copy_options::recursive);
      const fs::path item = dir / "items" / "peer-licence.yaml";
      std::string text = read_text(item);
      const std::string from = "promised: 5 working days";
      REQUIRE(text.find(from) != std::string::npos);
      text.replace(text.find(from), from.size(),
                   "promised: " + std::to_string(days) + " working days");
      std::ofstream(item, std::ios::binary | std::ios::trunc) << text;
      auto book = load_book(dir.string());
      fs::remove_all(dir);
      return book;
    };
    const auto on_day = [](std::string text, Date day) {
      const std::string key = R"("submitted_on":")";
      const auto at = text.find(key);
      REQUIRE(at != std::string::npos);
      text.replace(at + key.size(), 10, day.to_string());
      return text;
    };
    const Rulebook& peer = *books().all[4];
    std::string accepted;  // an application whose decision has due dates
    for (const auto& text : peer_applications()) {
      Decision d;
      peer.evaluate_json(text, "app.json", d);
      if (d.valid() && *d.outcome == Outcome::accept) accepted = text;
    }
    REQUIRE_FALSE(accepted.empty());
    const auto seven = with_limit(7);
    Comparison c;
    const Date first = eval_test::date("2026-01-05");
    // Days 256 apart share a slot of the binder's table; both rulebooks
    // number the item 0.
    for (const int offset : {0, 256, 0, 1, 257, 512, 1}) {
      const std::string text = on_day(accepted, first + offset);
      c.check(peer, text);
      c.check(*seven, text);
    }
    // A rulebook released and another loaded, perhaps at its address.
    for (const int days : {9, 11}) {
      const auto book = with_limit(days);
      c.check(*book, on_day(accepted, first));
      Decision d;
      book->evaluate_json(on_day(accepted, first), "app.json", d);
      REQUIRE(d.valid());
      CHECK(d.deadlines.promised == book->calendar().due_date(first, d.item().time_limit.promised));
    }
    CHECK(c.compared == 16);
  }

  TEST_CASE(
      "the fast path declines a fact given twice even when the slow path is the one to say so") {
    const Rulebook& peer = *books().all[4];
    Decision d;
    peer.evaluate_json(
        R"({"application": {"item": "PEER-0001", "submitted_on": "2026-02-21",
            "facts": {"shop.staff": 3, "shop.staff": 4}}})",
        "twice.json", d);
    REQUIRE_FALSE(d.valid());
    REQUIRE(d.diagnostics.size() == 1);
    CHECK(d.diagnostics[0].code == "SP601");
    INFO(format_diagnostic(d.diagnostics[0]));
    CHECK(format_diagnostic(d.diagnostics[0]).starts_with("twice.json:2:40: "));
  }
}

}  // namespace
}  // namespace shenpi
