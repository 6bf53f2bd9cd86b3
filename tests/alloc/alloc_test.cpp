// "No heap allocation per bound evaluation" (include/shenpi/rulebook.hpp),
// proved by counting: this binary replaces the global operator new, so
// every allocation anywhere in the process is counted. Its own executable,
// so the counting cannot disturb the other tests (and no sanitizer build
// runs it: sanitizers bring their own allocator).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <new>
#include <vector>

#include "notice/json_line.hpp"
#include "shenpi/evaluate.hpp"
#include "shenpi/rulebook.hpp"

#include "counting_new.hpp"

namespace shenpi {
namespace {

/// Allocations made while `f` runs.
template <typename F>
long allocations(F&& f) {
  const long before = static_cast<long>(alloc::count.load());
  f();
  return static_cast<long>(alloc::count.load()) - before;
}

std::shared_ptr<const Rulebook> tianjin() {
  LoadOptions options;
  options.calendar_dirs = {SHENPI_SOURCE_DIR "/rules/calendar"};
  LoadResult loaded = load_rulebook({SHENPI_SOURCE_DIR "/rules/tianjin"}, options);
  REQUIRE(loaded.ok());
  return loaded.rulebook;
}

std::vector<std::shared_ptr<const BoundApplication>> bound_examples(const Rulebook& book) {
  std::vector<std::shared_ptr<const BoundApplication>> out;
  for (const char* file :
       {"food-accept.yaml", "food-supplement.yaml", "food-tolerated.yaml", "food-reject.yaml"}) {
    const ApplicationResult r =
        read_application_file(std::string(SHENPI_SOURCE_DIR "/examples/applications/") + file);
    REQUIRE(r.application);
    BindResult b = bind_application(book, *r.application);
    REQUIRE(b.application);
    out.push_back(std::move(b.application));
  }
  return out;
}

TEST_CASE("the counter sees allocations at all") {
  // Through a volatile pointer, so the compiler cannot elide the pair.
  CHECK(allocations([] {
          int* volatile p = new int(3);
          delete p;
        }) == 1);
  CHECK(allocations([] { std::vector<int> v(static_cast<std::size_t>(std::rand() % 8 + 100)); }) ==
        1);
}

TEST_CASE("a bound evaluation into a reused decision allocates nothing") {
  const auto book = tianjin();
  const auto apps = bound_examples(*book);
  Decision decision;
  for (const auto& app : apps) {
    book->evaluate(app, decision);  // first decision of this item: storage grows
    CAPTURE(std::string(to_string(*decision.outcome)));
    CHECK(allocations([&] {
            for (int i = 0; i < 100; ++i) book->evaluate(app, decision);
          }) == 0);
  }
  // Alternating between applications of the same item reuses storage too.
  CHECK(allocations([&] {
          for (int i = 0; i < 100; ++i) book->evaluate(apps[i % apps.size()], decision);
        }) == 0);
}

TEST_CASE("binding and deciding into a reused Application and Decision allocates nothing") {
  // The path of a department system deciding a stream of JSON texts:
  // names resolve through the load-time tables, and the decision's own
  // bound application is bound again in place.
  const auto book = tianjin();
  std::vector<Application> apps;
  for (const char* file :
       {"food-accept.yaml", "food-supplement.yaml", "food-tolerated.yaml", "food-reject.yaml"}) {
    ApplicationResult r =
        read_application_file(std::string(SHENPI_SOURCE_DIR "/examples/applications/") + file);
    REQUIRE(r.application);
    apps.push_back(std::move(*r.application));
  }
  Decision decision;
  for (const auto& app : apps) book->evaluate(app, decision);  // warm: storage grows
  CHECK(allocations([&] {
          for (int i = 0; i < 100; ++i) book->evaluate(apps[i % apps.size()], decision);
        }) == 0);
}

TEST_CASE("evaluate_json into a reused Decision allocates nothing once warm") {
  // The fast path (simdjson into the decision's bound application through
  // a SlotBinder) over the peer applications: lists, enum values and
  // strings no rule mentions included.
  LoadOptions options;
  options.calendar_dirs = {SHENPI_SOURCE_DIR "/rules/calendar"};
  LoadResult loaded = load_rulebook({SHENPI_SOURCE_DIR "/bench/peers/rules/peer"}, options);
  REQUIRE(loaded.ok());
  std::ifstream in(SHENPI_SOURCE_DIR "/tests/fixtures/evaluate/peer-apps.jsonl");
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line) && lines.size() < 200;) lines.push_back(line);
  REQUIRE(lines.size() == 200);
  const std::string name = "apps";
  Decision decision;
  for (const auto& line : lines) loaded.rulebook->evaluate_json(line, name, decision);  // warm
  CHECK(allocations([&] {
          for (const auto& line : lines) loaded.rulebook->evaluate_json(line, name, decision);
        }) == 0);
  CHECK(decision.valid());
}

TEST_CASE("the batch JSON line writer allocates nothing once warm") {
  const auto book = tianjin();
  const auto apps = bound_examples(*book);
  Decision decision;
  detail::DecisionJsonWriter writer;
  std::string line;
  for (const auto& app : apps) {  // warm: item fragments cached, buffer grown
    book->evaluate(app, decision);
    line.clear();
    writer.append(decision, line);
  }
  line.reserve(line.size() * 4);
  for (const auto& app : apps) {
    book->evaluate(app, decision);
    CHECK(allocations([&] {
            line.clear();
            writer.append(decision, line);
          }) == 0);
  }
}

}  // namespace
}  // namespace shenpi
