// POST /v1/evaluate-batch against the one-by-one path: a batch of 1,000
// applications (every shipped example, for two rulebooks, filed on dates
// across a year's end, with malformed ones among them) answers each row
// byte for byte as /v1/evaluate answers that application alone, and each
// bad one as the batch always did, while other batches share the workers.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "serve/router.hpp"
#include "shenpi/evaluate.hpp"
#include "shenpi/record.hpp"

namespace shenpi::detail {
namespace {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

const fs::path kSource(SHENPI_SOURCE_DIR);

/// Every shipped example application, in file name order.
std::vector<Application> examples() {
  std::vector<Application> apps;
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(kSource / "examples/applications")) {
    if (entry.path().extension() == ".yaml") paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  for (const auto& path : paths) {
    ApplicationResult app = read_application_file(path.string());
    REQUIRE(app.application);
    apps.push_back(std::move(*app.application));
  }
  return apps;
}

/// `a` as one line of request JSON, its filing day moved by `shift` days.
std::string request_text(Application a, int shift) {
  a.submitted_on = a.submitted_on + shift;
  return R"({"application":)" + canonical_application(a) + "}";
}

/// Malformed applications of every kind the reader and binder report
/// (brackets balanced: an array that is not one is SP905 for the whole).
const std::vector<std::string> kBad = {
    R"({"application":{"item":"TJ-NOPE","submitted_on":"2025-09-26"}})",  // SP602
    R"({"application":{"item":tru}})",                                    // SP608
    R"({"application":[1,2]})",                                           // SP601
    R"({"application":{"item":"TJ-SCJG-XK-0012","submitted_on":"2025-02-30"}})",
    R"(42)",
    // Brackets, a comma and escaped quotes inside a string are no structure.
    R"({"application":{"item":"TJ-\"]},[{\\\"NOPE","submitted_on":"2025-09-26"}})",
};

/// What the batch has always answered for text `i`: the decision of
/// /v1/evaluate on one line, or the reader's or binder's diagnostics
/// located at `request[i]`, in the order they were found.
std::string expected_row(ServeState& state, const Snapshot& snap, std::string_view text,
                         std::size_t i) {
  const ApiResponse single = route_request(state, {"POST", "/v1/evaluate", text, ""});
  if (single.status == 200) return ordered_json::parse(single.body).dump();
  CHECK(single.status == 400);
  ApplicationResult app = parse_application_json(text, fmt::format("request[{}]", i));
  std::vector<Diagnostic> diagnostics = app.diagnostics;
  if (app.application) {
    const Rulebook* book = snap.book_of_item(app.application->item);
    diagnostics = (book != nullptr ? *book : snap.first()).evaluate(*app.application).diagnostics;
  }
  REQUIRE_FALSE(diagnostics.empty());
  return one_line(fmt::format(R"({{"index":{},"error":"invalid_application","diagnostics":{}}})", i,
                              diagnostics_to_json(diagnostics)));
}

std::uint64_t decisions_total(const ServeState& state, const Snapshot& snap) {
  std::uint64_t total = 0;
  const std::string text = state.metrics.render(snap);
  for (std::size_t at = text.find("\nshenpi_decisions_total{"); at != std::string::npos;
       at = text.find("\nshenpi_decisions_total{", at + 1)) {
    const std::size_t space = text.find(' ', text.find('}', at));
    total += std::stoull(text.substr(space + 1, text.find('\n', space) - space - 1));
  }
  return total;
}

TEST_CASE("a batch of 1,000 answers row by row what /v1/evaluate answers alone") {
  ServeState state(2);
  ServeOptions options;
  options.rules = {(kSource / "rules/tianjin").string(), (kSource / "rules/tianshui").string()};
  options.site = false;
  std::shared_ptr<const Snapshot> snap;
  REQUIRE(load_snapshot(options, 1, snap).ok);
  state.snapshot.store(snap);

  const std::vector<Application> apps = examples();
  REQUIRE(apps.size() >= 10);
  std::vector<std::string> texts;
  std::vector<std::string> rows;
  std::size_t bad = 0;
  for (std::size_t i = 0; i < 1000; ++i) {
    // Filing days spread over 15 months: deadlines in the next year too.
    texts.push_back(i % 37 == 5
                        ? kBad[bad++ % kBad.size()]
                        : request_text(apps[i % apps.size()], static_cast<int>(i * 7 % 460)));
    rows.push_back(expected_row(state, *snap, texts.back(), i));
  }
  CHECK(bad >= kBad.size());

  std::string array = "[";
  std::string lines;
  std::string expected_array = "[";
  std::string expected_lines;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    array += (i > 0 ? "," : "") + texts[i];
    lines += texts[i] + "\n";
    expected_array += (i > 0 ? "," : "") + rows[i];
    expected_lines += rows[i] + "\n";
  }
  array += "]";
  expected_array += "]";

  const std::uint64_t before = decisions_total(state, *snap);
  const ApiResponse r = route_request(state, {"POST", "/v1/evaluate-batch", array, ""});
  REQUIRE(r.status == 200);
  CHECK(r.content_type == "application/json");
  CHECK(r.body == expected_array);
  CHECK(decisions_total(state, *snap) == before + 1000);

  const ApiResponse jsonl = route_request(state, {"POST", "/v1/evaluate-batch", lines, ""});
  REQUIRE(jsonl.status == 200);
  CHECK(jsonl.content_type == "application/x-ndjson");
  CHECK(jsonl.body == expected_lines);

  // Batches at once share the workers; each keeps its own rows and order.
  std::vector<std::string> bodies(3);
  std::vector<std::thread> clients;
  for (std::size_t c = 0; c < bodies.size(); ++c) {
    clients.emplace_back([&, c] {
      bodies[c] =
          route_request(state, {"POST", "/v1/evaluate-batch", c == 1 ? lines : array, ""}).body;
    });
  }
  for (auto& t : clients) t.join();
  CHECK(bodies[0] == expected_array);
  CHECK(bodies[1] == expected_lines);
  CHECK(bodies[2] == expected_array);
}

}  // namespace
}  // namespace shenpi::detail
