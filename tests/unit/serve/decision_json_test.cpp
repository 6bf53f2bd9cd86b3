// The service's decision JSON is written without a DOM (record/record.cpp,
// notice/json_line.cpp). These tests hold it to what the DOM writer gives
// for every shipped example application, and check that the record's
// remembered digests follow a reloaded rulebook.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "serve/router.hpp"
#include "shenpi/evaluate.hpp"
#include "shenpi/notice.hpp"
#include "shenpi/record.hpp"

namespace shenpi::detail {
namespace {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

const fs::path kSource(SHENPI_SOURCE_DIR);

/// decision_json_with_record as the DOM builds it: decision_to_json with
/// the record object added, indented by nlohmann.
std::string dom_json(const Rulebook& book, const Application& app, const Decision& d) {
  auto j = ordered_json::parse(decision_to_json(d));
  j["record"] = ordered_json::parse(record_to_json(*make_record(book, app, d)));
  return j.dump(2);
}

TEST_CASE("the streamed decision JSON equals the DOM's for every example application") {
  const auto tianjin = load_rulebook({(kSource / "rules/tianjin").string()}).rulebook;
  const auto tianshui = load_rulebook({(kSource / "rules/tianshui").string()}).rulebook;
  REQUIRE(tianjin);
  REQUIRE(tianshui);
  int decided = 0;
  for (const auto& entry : fs::directory_iterator(kSource / "examples/applications")) {
    if (entry.path().extension() != ".yaml") continue;
    CAPTURE(entry.path().filename().string());
    const ApplicationResult app = read_application_file(entry.path().string());
    REQUIRE(app.application);
    const bool west = entry.path().filename().string().find("tianshui") != std::string::npos;
    const Rulebook& book = west ? *tianshui : *tianjin;
    const Decision d = book.evaluate(*app.application);
    REQUIRE(d.valid());
    const std::string expected = dom_json(book, *app.application, d);
    CHECK(decision_json_with_record(book, *app.application, d, false) == expected);
    CHECK(record_to_json(*make_record(book, *app.application, d)) ==
          ordered_json::parse(expected)["record"].dump());
    ++decided;
  }
  CHECK(decided >= 10);
}

TEST_CASE("canonical_application, written without a DOM, is nlohmann's sorted dump") {
  Application a;
  a.item = "TJ-SCJG-XK-0012";
  a.submitted_on = *Date::parse("2025-09-26");
  a.facts = {{"z.last", true, {}, {}},
             {"a.first", std::int64_t{-42}, {}, {}},
             {"m.ratio", 0.1, {}, {}},
             {"m.whole", 100.0, {}, {}},
             {"b.text", std::string("引号\"与\\反斜杠\n\x01"), {}, {}},
             {"c.day", *Date::parse("2024-02-29"), {}, {}},
             {"d.list", std::vector<std::string>{"乙", "甲"}, {}, {}},
             {"a.first", std::int64_t{7}, {}, {}},  // given twice: the last counts
             {"A.upper", false, {}, {}}};
  a.materials = {{"safety-rules", {}}, {"application-form", {}}};
  a.commitments = {};
  nlohmann::json facts = nlohmann::json::object();
  for (const auto& f : a.facts) {
    std::visit(
        [&](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, Date>)
            facts[f.path] = v.to_string();
          else
            facts[f.path] = v;
        },
        f.value);
  }
  const nlohmann::json expected = {{"item", a.item},
                                   {"submitted_on", "2025-09-26"},
                                   {"facts", facts},
                                   {"materials", {"application-form", "safety-rules"}},
                                   {"commitments", nlohmann::json::array()}};
  CHECK(canonical_application(a) == expected.dump());
}

TEST_CASE("a batch row is the decision JSON of /v1/evaluate on one line") {
  ServeState state;
  ServeOptions options;
  options.rules = {(kSource / "rules/tianjin").string()};
  options.site = false;
  std::shared_ptr<const Snapshot> snap;
  REQUIRE(load_snapshot(options, 1, snap).ok);
  state.snapshot.store(snap);
  std::string body;
  for (const char* name : {"food-reject", "food-commitment", "housing-transfer-reject"}) {
    std::ifstream in(kSource / "examples/applications" / (std::string(name) + ".yaml"));
    const std::string yaml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const ApplicationResult app = parse_application(yaml, name);
    REQUIRE(app.application);
    // The same application as JSON, as an HTTP client sends it.
    const std::string text = canonical_application(*app.application);
    const std::string one = R"({"application":)" + text + "}";
    const ApiResponse single = route_request(state, {"POST", "/v1/evaluate", one, ""});
    REQUIRE(single.status == 200);
    const ApiResponse batch =
        route_request(state, {"POST", "/v1/evaluate-batch", "[" + one + "," + one + "]", ""});
    REQUIRE(batch.status == 200);
    const auto rows = ordered_json::parse(batch.body);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].dump() == ordered_json::parse(single.body).dump());
    CHECK(batch.body == "[" + rows[0].dump() + "," + rows[0].dump() + "]");
  }
}

TEST_CASE("the record's item digest follows the rulebook, not an address reused by a reload") {
  const fs::path dir = fs::temp_directory_path() / "shenpi-record-digest";
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy(kSource / "rules/tianjin", dir / "tianjin", fs::copy_options::recursive);
  fs::copy(kSource / "rules/calendar", dir / "calendar", fs::copy_options::recursive);
  const ApplicationResult app =
      read_application_file((kSource / "examples/applications/food-accept.yaml").string());
  REQUIRE(app.application);
  std::string before;
  {
    const auto book = load_rulebook({(dir / "tianjin").string()}).rulebook;
    REQUIRE(book);
    const auto r = make_record(*book, *app.application, book->evaluate(*app.application));
    REQUIRE(r);
    before = r->item_sha256;
  }
  const fs::path food = dir / "tianjin/items/xuke/food-license.yaml";
  std::string text;
  {
    std::ifstream in(food);
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  const std::string from = "name: 食品经营许可";
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.insert(at + from.size(), "（修订）");
  std::ofstream(food) << text;
  for (int round = 0; round < 3; ++round) {  // rulebooks come and go at reused addresses
    const auto book = load_rulebook({(dir / "tianjin").string()}).rulebook;
    REQUIRE(book);
    const Decision d = book->evaluate(*app.application);
    const auto r = make_record(*book, *app.application, d);
    REQUIRE(r);
    CHECK(r->item_sha256 == sha256_hex(canonical_item(d.item())));
    CHECK(r->item_sha256 != before);
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace shenpi::detail
