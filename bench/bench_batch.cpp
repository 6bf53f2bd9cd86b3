// From JSON text to decision JSON: simdjson parsing of one application,
// parse + bind + decide, the DOM-free decision line writer, and whole
// batches through evaluate_many and evaluate_jsonl (the path of
// `shenpi eval --batch`). The application is examples/applications/
// food-accept.yaml (TJ-SCJG-XK-0012: 10 facts, 4 materials) as indented
// JSON of about 1 KB.
#include <benchmark/benchmark.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <string>

#include "load/json_application.hpp"
#include "notice/json_line.hpp"
#include "peers/applications.hpp"
#include "shenpi/batch.hpp"
#include "shenpi/evaluate.hpp"
#include "shenpi/rulebook.hpp"

namespace {

using namespace shenpi;

const Rulebook& book() {
  static const std::shared_ptr<const Rulebook> b = [] {
    LoadOptions options;
    options.calendar_dirs = {SHENPI_SOURCE_DIR "/rules/calendar"};
    LoadResult r = load_rulebook({SHENPI_SOURCE_DIR "/rules/tianjin"}, options);
    if (!r.ok()) throw std::runtime_error("rules/tianjin does not load");
    return r.rulebook;
  }();
  return *b;
}

/// The example as JSON; `indent` spaces per level (0: one line).
std::string application_json(int indent, int day = 26) {
  const std::string nl = indent > 0 ? "\n" : "";
  const std::string i1(static_cast<std::size_t>(indent), ' ');
  const std::string i2(static_cast<std::size_t>(indent * 2), ' ');
  const std::string i3(static_cast<std::size_t>(indent * 3), ' ');
  const char* facts[][2] = {
      {"applicant.credit", "\"good\""},       {"applicant.false_commitment", "false"},
      {"applicant.uses_agent", "false"},      {"food.only_prepackaged", "false"},
      {"food.business_type", "\"catering\""}, {"food.bulk_food", "false"},
      {"food.vending_machine", "false"},      {"food.pollution_distance_m", "60"},
      {"food.has_safety_manager", "true"},    {"food.license_revoked_5y", "false"}};
  std::string s = "{" + nl + i1 + "\"application\": {" + nl;
  s += i2 + "\"item\": \"TJ-SCJG-XK-0012\"," + nl;
  s += i2 + "\"submitted_on\": \"2025-09-" + std::to_string(day) + "\"," + nl;
  s += i2 + "\"facts\": {" + nl;
  for (std::size_t k = 0; k < std::size(facts); ++k) {
    s +=
        i3 + "\"" + facts[k][0] + "\": " + facts[k][1] + (k + 1 < std::size(facts) ? "," : "") + nl;
  }
  s += i2 + "}," + nl;
  s += i2 + "\"materials\": [\"application-form\", \"layout-plan\", \"equipment-list\", " +
       "\"safety-rules\"]" + nl;
  s += i1 + "}" + nl + "}";
  return s;
}

void BM_JsonParse(benchmark::State& state) {
  const std::string text = application_json(4) + std::string(detail::kJsonPadding, ' ');
  const std::size_t size = text.size() - detail::kJsonPadding;
  detail::JsonApplicationReader reader;
  Application app;
  std::vector<Diagnostic> diagnostics;
  const std::string name = "app.json";
  for (auto _ : state) {
    const bool ok = reader.read({text.data(), size}, text.size(), name, 1, app, diagnostics);
    benchmark::DoNotOptimize(ok);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * size));
  state.SetLabel(std::to_string(size) + " bytes");
}
BENCHMARK(BM_JsonParse);

/// JSON text to decision as a caller deciding a stream does it: one
/// Application and one Decision reused (binding in place through the
/// load-time name tables), the public API only.
void BM_JsonParseBindDecide(benchmark::State& state) {
  const std::string text = application_json(4);
  Application app;
  std::vector<Diagnostic> diagnostics;
  Decision decision;
  const std::string name = "app.json";
  const Rulebook& b = book();
  for (auto _ : state) {
    diagnostics.clear();
    parse_application_json(text, name, app, diagnostics);
    b.evaluate(app, decision);
    benchmark::DoNotOptimize(decision.outcome);
  }
}
BENCHMARK(BM_JsonParseBindDecide);

/// The same with nothing kept: a new Application, BoundApplication and
/// Decision per text.
void BM_JsonParseBindDecideFresh(benchmark::State& state) {
  const std::string text = application_json(4);
  const Rulebook& b = book();
  for (auto _ : state) {
    const ApplicationResult r = parse_application_json(text, "app.json");
    const Decision decision = b.evaluate(*r.application);
    benchmark::DoNotOptimize(decision.outcome);
  }
}
BENCHMARK(BM_JsonParseBindDecideFresh);

/// JSON text to decision by Rulebook::evaluate_json: simdjson straight into
/// the reused Decision's bound application, no Application built.
void BM_EvaluateJson(benchmark::State& state) {
  const std::string text = application_json(0);
  Decision decision;
  const std::string name = "app.json";
  const Rulebook& b = book();
  for (auto _ : state) {
    b.evaluate_json(text, name, decision);
    // A bool, not the optional itself: DoNotOptimize's register constraint
    // writes an optional<Outcome> back disengaged (benchmark 1.7).
    bool valid = decision.valid();
    benchmark::DoNotOptimize(valid);
  }
  if (!decision.valid()) state.SkipWithError("no decision");
}
BENCHMARK(BM_EvaluateJson);

/// The peer item (bench/peers, PEER-0001: 14 facts, 10 conditions, 20
/// materials), over the first applications of the peer harness's set
/// (tests/fixtures/evaluate/peer-apps.jsonl, generate.mjs's default seed).
const Rulebook& peer_book() {
  static const std::shared_ptr<const Rulebook> b = peers::load_peer_book();
  return *b;
}

std::vector<std::string> peer_lines() {
  std::ifstream in(SHENPI_SOURCE_DIR "/tests/fixtures/evaluate/peer-apps.jsonl");
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line) && lines.size() < 1000;) lines.push_back(line);
  return lines;
}

void BM_EvaluateJsonPeer(benchmark::State& state) {
  const std::vector<std::string> lines = peer_lines();
  if (lines.empty()) {
    state.SkipWithError("no peer applications");
    return;
  }
  Decision decision;
  const std::string name = "apps";
  const Rulebook& b = peer_book();
  std::size_t i = 0;
  for (auto _ : state) {
    b.evaluate_json(lines[i], name, decision);
    bool valid = decision.valid();
    benchmark::DoNotOptimize(valid);
    i = i + 1 == lines.size() ? 0 : i + 1;
  }
  if (!decision.valid()) state.SkipWithError("no decision");
}
BENCHMARK(BM_EvaluateJsonPeer);

void BM_DecisionJsonLine(benchmark::State& state) {
  const ApplicationResult r = parse_application_json(application_json(0), "app.json");
  const Decision decision = book().evaluate(*r.application);
  detail::DecisionJsonWriter writer;
  std::string line;
  const bool trace = state.range(0) != 0;
  for (auto _ : state) {
    line.clear();
    writer.append(decision, line, trace);
    benchmark::DoNotOptimize(line.data());
  }
  state.SetLabel(std::to_string(line.size()) + " bytes" + (trace ? ", with trace" : ""));
}
BENCHMARK(BM_DecisionJsonLine)->Arg(0)->Arg(1);

/// `n` one-line applications with varied dates (and so deadlines).
std::string jsonl(std::size_t n) {
  std::string text;
  for (std::size_t i = 0; i < n; ++i)
    text += application_json(0, 10 + static_cast<int>(i % 19)) + "\n";
  return text;
}

/// Output that goes nowhere, as to a pipe read elsewhere: an ostringstream
/// would measure its own growth (100,000 decisions are 130 MB).
class DiscardBuffer : public std::streambuf {
 protected:
  int overflow(int c) override { return c; }
  std::streamsize xsputn(const char* /*s*/, std::streamsize n) override { return n; }
};

void BM_EvaluateJsonl(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::string input = jsonl(n);
  BatchOptions options;
  options.threads = static_cast<int>(state.range(1));
  for (auto _ : state) {
    std::istringstream in(input);
    DiscardBuffer discard;
    std::ostream out(&discard);
    const JsonlSummary s = evaluate_jsonl(book(), in, "apps.jsonl", out, options);
    if (s.invalid != 0) state.SkipWithError("invalid lines");
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}
BENCHMARK(BM_EvaluateJsonl)
    ->Args({100000, 1})
    ->Args({100000, 0})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_EvaluateMany(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const ApplicationResult r = parse_application_json(application_json(0), "app.json");
  std::vector<Application> apps(n, *r.application);
  for (std::size_t i = 0; i < n; ++i)
    apps[i].submitted_on = apps[i].submitted_on + static_cast<int>(i % 19);
  BatchOptions options;
  options.threads = static_cast<int>(state.range(1));
  for (auto _ : state) {
    std::atomic<std::size_t> decided{0};
    evaluate_many(
        book(), apps,
        [&](std::size_t, const Decision&) { decided.fetch_add(1, std::memory_order_relaxed); },
        options);
    if (decided != n) state.SkipWithError("not every application decided");
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}
BENCHMARK(BM_EvaluateMany)
    ->Args({100000, 1})
    ->Args({100000, 0})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
