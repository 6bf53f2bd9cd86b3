// The service's API without sockets: every route, every error status and
// its diagnostic code, reload good and broken. The HTTP layer (body limit,
// timeouts, shutdown) is in http_test.cpp and tests/python/test_serve.py.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "serve/router.hpp"
#include "shenpi/evaluate.hpp"
#include "shenpi/notice.hpp"
#include "shenpi/record.hpp"

namespace shenpi::detail {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

const std::string kRules = std::string(SHENPI_SOURCE_DIR) + "/rules/tianjin";

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// The shipped food application as the JSON an HTTP client sends.
std::string food_application(std::string_view item = "TJ-SCJG-XK-0012") {
  return fmt::format(R"({{"application": {{"item": "{}", "submitted_on": "2025-09-26",
    "facts": {{"applicant.credit": "good", "applicant.false_commitment": false, "applicant.uses_agent": false,
      "food.only_prepackaged": false, "food.business_type": "catering", "food.bulk_food": false,
      "food.vending_machine": false, "food.pollution_distance_m": 60, "food.has_safety_manager": true,
      "food.license_revoked_5y": false}},
    "materials": ["application-form", "equipment-list", "safety-rules"],
    "commitments": ["tolerance-letter"]}}}})",
                     item);
}

struct Fixture {
  ServeOptions options;
  ServeState state;
  std::uint64_t generation = 0;

  explicit Fixture(std::vector<std::string> rules) {
    options.rules = std::move(rules);
    options.site = false;
    state.reload = [this] {
      std::shared_ptr<const Snapshot> fresh;
      ReloadReport r = load_snapshot(options, generation + 1, fresh);
      if (r.ok) {
        ++generation;
        state.snapshot.store(fresh);
      }
      return r;
    };
    REQUIRE(state.reload().ok);
  }
  ApiResponse get(std::string_view target) { return route_request(state, {"GET", target, "", ""}); }
  ApiResponse post(std::string_view target, std::string_view body) {
    return route_request(state, {"POST", target, body, ""});
  }
};

std::string first_code(const ApiResponse& r) {
  return json::parse(r.body)["diagnostics"][0]["code"];
}

TEST_CASE("POST /v1/evaluate answers with the JSON of `shenpi eval --json`") {
  Fixture f({kRules});
  const ApiResponse r = f.post("/v1/evaluate", food_application());
  CHECK(r.status == 200);
  CHECK(r.route == Route::evaluate);
  // The same decision the library makes, byte for byte.
  const ApplicationResult app = parse_application(food_application(), "request");
  REQUIRE(app.application);
  const auto book = f.state.snapshot.load()->books.front();
  CHECK(r.body == decision_json_with_record(*book, *app.application,
                                            book->evaluate(*app.application), false) +
                      "\n");
  CHECK(json::parse(r.body)["outcome"] == "accept_with_deficiency");
  CHECK(json::parse(f.post("/v1/evaluate?trace=1", food_application()).body).contains("trace"));
  // The site's 自助预审 form asks for the clerk's notice beside the data.
  const json with_notice = json::parse(f.post("/v1/evaluate?notice=1", food_application()).body);
  CHECK(with_notice["notice"] == render_notice(book->evaluate(*app.application)));
  CHECK(with_notice["outcome"] == "accept_with_deficiency");
}

TEST_CASE("POST /v1/evaluate with a bad application gives 400 and the CLI's diagnostics") {
  Fixture f({kRules});
  const ApiResponse unknown_item = f.post("/v1/evaluate", food_application("TJ-NOPE"));
  CHECK(unknown_item.status == 400);
  CHECK(first_code(unknown_item) == "SP602");
  const ApiResponse shape = f.post("/v1/evaluate", R"({"application": [1, 2]})");
  CHECK(shape.status == 400);
  CHECK(first_code(shape) == "SP601");
  CHECK(f.post("/v1/evaluate", "{not json").status == 400);
  // The API reads JSON only (simdjson); a YAML application is SP608.
  const ApiResponse yaml =
      f.post("/v1/evaluate", "application:\n  item: TJ-SCJG-XK-0012\n  submitted_on: 2025-09-26\n");
  CHECK(yaml.status == 400);
  CHECK(first_code(yaml) == "SP608");
}

TEST_CASE(
    "POST /v1/evaluate-batch decides an array or JSON Lines in order; a bad one spoils nothing") {
  Fixture f({kRules});
  const std::string good = food_application();
  const std::string bad = food_application("TJ-NOPE");
  const ApiResponse array = f.post("/v1/evaluate-batch", "[" + good + "," + bad + "," + good + "]");
  REQUIRE(array.status == 200);
  const json results = json::parse(array.body);
  REQUIRE(results.size() == 3);
  CHECK(results[0]["outcome"] == "accept_with_deficiency");
  CHECK(results[1]["index"] == 1);
  CHECK(results[1]["diagnostics"][0]["code"] == "SP602");
  CHECK(results[2]["outcome"] == "accept_with_deficiency");

  std::string lines = json::parse(bad).dump() + "\n\n" + json::parse(good).dump() + "\n";
  const ApiResponse jsonl = f.post("/v1/evaluate-batch", lines);
  CHECK(jsonl.content_type == "application/x-ndjson");
  std::istringstream in(jsonl.body);
  std::string line;
  std::vector<json> rows;
  while (std::getline(in, line)) rows.push_back(json::parse(line));
  REQUIRE(rows.size() == 2);
  CHECK(rows[0]["error"] == "invalid_application");
  CHECK(rows[1]["outcome"] == "accept_with_deficiency");

  CHECK(json::parse(f.post("/v1/evaluate-batch", "[]").body).empty());
  const ApiResponse broken = f.post("/v1/evaluate-batch", "[" + good + ",");
  CHECK(broken.status == 400);
  CHECK(first_code(broken) == "SP905");
  CHECK(first_code(f.post("/v1/evaluate-batch", "  \n")) == "SP905");
  CHECK(first_code(f.post("/v1/evaluate-batch", "[1,,2]")) == "SP905");
}

TEST_CASE("GET /v1/items, /v1/items/{code} and the guide in two forms") {
  Fixture f({kRules});
  const json items = json::parse(f.get("/v1/items").body);
  CHECK(items["items"].size() == f.state.snapshot.load()->items);
  const ApiResponse item = f.get("/v1/items/TJ-SCJG-XK-0012");
  REQUIRE(item.status == 200);
  const json model = json::parse(item.body);
  CHECK(model["code"] == "TJ-SCJG-XK-0012");
  CHECK(model["materials"].size() > 3);
  CHECK(model["facts"].size() > 5);
  CHECK(model["time_limit"]["promised"]["text"].is_string());

  const ApiResponse text = f.get("/v1/items/TJ-SCJG-XK-0012/guide");
  CHECK(text.content_type.starts_with("text/plain"));
  CHECK(text.body.find("办事指南") != std::string::npos);
  const ApiResponse as_json =
      route_request(f.state, {"GET", "/v1/items/TJ-SCJG-XK-0012/guide", "", "application/json"});
  CHECK(json::parse(as_json.body)["guide"] == text.body);
  CHECK(json::parse(f.get("/v1/items/TJ-SCJG-XK-0012/guide?format=json").body)["code"] ==
        "TJ-SCJG-XK-0012");

  const ApiResponse missing = f.get("/v1/items/TJ-NOPE");
  CHECK(missing.status == 404);
  CHECK(first_code(missing) == "SP903");
  CHECK(f.get("/v1/items/TJ-NOPE/guide").status == 404);
}

TEST_CASE("GET /v1/bundles/{code}/plan and /v1/calendar/add") {
  Fixture f({kRules});
  const ApiResponse plan = f.get("/v1/bundles/TJ-YJS-QYKB/plan?start=2025-09-26");
  REQUIRE(plan.status == 200);
  CHECK(json::parse(plan.body)["bundle"] == "TJ-YJS-QYKB");
  CHECK(f.get("/v1/bundles/TJ-YJS-QYKB/plan?format=mermaid")
            .content_type.starts_with("text/vnd.mermaid"));
  CHECK(first_code(f.get("/v1/bundles/TJ-NOPE/plan")) == "SP903");
  CHECK(first_code(f.get("/v1/bundles/TJ-YJS-QYKB/plan?start=2025-02-30")) == "SP109");
  CHECK(first_code(f.get("/v1/bundles/TJ-YJS-QYKB/plan?format=pdf")) == "SP902");

  const json added = json::parse(f.get("/v1/calendar/add?date=2025-09-26&n=5").body);
  CHECK(added["result"] == "2025-10-10");  // across 国庆, as `shenpi calendar add`
  CHECK(
      json::parse(f.get("/v1/calendar/add?date=2025-09-26&n=%E5%8D%B3%E5%8A%9E").body)["result"] ==
      "2025-09-26");
  CHECK(first_code(f.get("/v1/calendar/add?date=2025-09-26")) == "SP902");
  CHECK(first_code(f.get("/v1/calendar/add?date=26.09.2025&n=5")) == "SP109");
  CHECK(first_code(f.get("/v1/calendar/add?date=2025-09-26&n=-5")) == "SP107");
  CHECK(first_code(f.get("/v1/calendar/add?date=2031-01-05&n=5")) == "SP504");
}

TEST_CASE("unknown paths are 404, wrong methods 405 with Allow") {
  Fixture f({kRules});
  const ApiResponse wrong = f.get("/v1/evaluate");
  CHECK(wrong.status == 405);
  CHECK(first_code(wrong) == "SP904");
  REQUIRE(wrong.headers.size() >= 1);
  CHECK(wrong.headers[0] == std::pair<std::string, std::string>{"Allow", "POST"});
  CHECK(f.post("/v1/items", "").status == 405);
  CHECK(f.post("/v1/items/TJ-SCJG-XK-0012", "").status == 405);
  CHECK(first_code(f.get("/v1/nothing")) == "SP903");
  CHECK(f.get("/nothing.html").status == 404);  // no site in this fixture
}

TEST_CASE("an exception inside a handler is a 500 with SP909, and the service goes on") {
  Fixture f({kRules});
  f.state.reload = []() -> ReloadReport { throw std::runtime_error("disk on fire"); };
  const ApiResponse r = f.post("/v1/reload", "");
  CHECK(r.status == 500);
  CHECK(first_code(r) == "SP909");
  CHECK(json::parse(r.body)["message"] == "internal error: disk on fire");
  CHECK(f.get("/healthz").status == 200);
}

TEST_CASE("metrics count a manual review as `review`, not as an invalid application") {
  // T-RT-0001 divides by the stated area: zero makes the rule fail at runtime (SP613).
  Fixture f({std::string(SHENPI_SOURCE_DIR) + "/tests/fixtures/evaluate/runtime"});
  const std::string review = R"({"application": {"item": "T-RT-0001", "submitted_on": "2025-09-26",
    "facts": {"shop.area_m2": 0, "shop.seats": 10, "shop.capacity": 5, "shop.revoked": false},
    "materials": ["form", "plan"]}})";
  const ApiResponse one = f.post("/v1/evaluate", review);
  REQUIRE(one.status == 200);
  CHECK(json::parse(one.body)["outcome"] == "review");
  const ApiResponse batch = f.post("/v1/evaluate-batch", "[" + review + "," + review + "]");
  REQUIRE(batch.status == 200);
  const std::string metrics = f.get("/metrics").body;
  CHECK(metrics.find("shenpi_decisions_total{outcome=\"review\"} 3") != std::string::npos);
  CHECK(metrics.find("shenpi_decisions_total{outcome=\"invalid\"} 0") != std::string::npos);
}

TEST_CASE("healthz and metrics") {
  Fixture f({kRules});
  f.post("/v1/evaluate", food_application());
  f.post("/v1/evaluate", food_application("TJ-NOPE"));
  f.state.metrics.request(Route::evaluate, 200, 0.0003);
  const json health = json::parse(f.get("/healthz").body);
  CHECK(health["status"] == "ok");
  CHECK(health["digest"].get<std::string>().size() == 64);
  const std::string metrics = f.get("/metrics").body;
  CHECK(metrics.find("shenpi_decisions_total{outcome=\"accept_with_deficiency\"} 1") !=
        std::string::npos);
  CHECK(metrics.find("shenpi_decisions_total{outcome=\"invalid\"} 1") != std::string::npos);
  CHECK(metrics.find("shenpi_http_requests_total{route=\"evaluate\",status=\"200\"} 1") !=
        std::string::npos);
  CHECK(metrics.find(
            "shenpi_http_request_duration_seconds_bucket{route=\"evaluate\",le=\"0.0005\"} 1") !=
        std::string::npos);
  CHECK(metrics.find("shenpi_rulebook_info{digest=\"" + health["digest"].get<std::string>()) !=
        std::string::npos);
  CHECK(metrics.find("shenpi_rulebook_load_seconds") != std::string::npos);
}

TEST_CASE(
    "reload: a good rulebook is swapped in whole, a broken one refused while the old one serves") {
  const fs::path dir = fs::temp_directory_path() / "shenpi-serve-reload";
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy(kRules, dir / "tianjin", fs::copy_options::recursive);
  fs::copy(std::string(SHENPI_SOURCE_DIR) + "/rules/calendar", dir / "calendar",
           fs::copy_options::recursive);
  Fixture f({(dir / "tianjin").string()});
  const auto before = f.state.snapshot.load();

  // Same files: accepted, same digest, a new generation.
  const ApiResponse same = f.post("/v1/reload", "");
  CHECK(same.status == 200);
  CHECK(json::parse(same.body)["accepted"] == true);
  CHECK(f.state.snapshot.load()->digest == before->digest);
  CHECK(f.state.snapshot.load()->generation == 2);

  // Broken: refused with the rulebook's diagnostics; the old one answers.
  const fs::path food = dir / "tianjin/items/xuke/food-license.yaml";
  REQUIRE(fs::exists(food));
  const std::string original = read(food.string());
  std::ofstream(food, std::ios::app) << "\nnot_a_key: 1\n";
  const ApiResponse refused = f.post("/v1/reload", "");
  CHECK(refused.status == 400);
  const json report = json::parse(refused.body);
  CHECK(report["accepted"] == false);
  CHECK(report["diagnostics"][0]["code"] == "SP102");
  CHECK(report["serving_digest"] == before->digest);
  CHECK(f.post("/v1/evaluate", food_application()).status == 200);
  CHECK(f.state.snapshot.load()->generation == 2);

  // Mended and changed: accepted under a new digest.
  std::ofstream(food, std::ios::trunc) << original << "\n# edited\n";
  CHECK(json::parse(f.post("/v1/reload", "").body)["accepted"] == true);
  CHECK(f.state.snapshot.load()->digest != before->digest);
  fs::remove_all(dir);
}

TEST_CASE("rules_digest depends on names and bytes") {
  const fs::path dir = fs::temp_directory_path() / "shenpi-serve-digest";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "a.yaml") << "ab";
  std::ofstream(dir / "b.yaml") << "c";
  const std::string first = rules_digest({dir.string()});
  CHECK(first.size() == 64);
  CHECK(rules_digest({dir.string()}) == first);
  fs::rename(dir / "b.yaml", dir / "c.yaml");
  CHECK(rules_digest({dir.string()}) != first);
  fs::remove_all(dir);
}

TEST_CASE("query and path decoding") {
  CHECK(query_value("a=1&date=2025-09-26&n=5", "n") == "5");
  CHECK(query_value("a=1", "n") == std::nullopt);
  CHECK(query_value("flag", "flag") == "");
  CHECK(percent_decode("%E5%8D%B3+x", true) == "即 x");
  CHECK(percent_decode("%zz%", false) == "%zz%");
  CHECK(one_line("{\n  \"a\": [\n    1\n  ]\n}") == "{\"a\": [1]}");
}

}  // namespace
}  // namespace shenpi::detail
