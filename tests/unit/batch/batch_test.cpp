// evaluate_many and evaluate_jsonl: order kept, bad input reported by
// index or line, the same decisions on any number of threads, a thread
// that cannot start is a warning, and the JSON line writer matches
// decision_to_json byte for byte.
#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <system_error>

#include "batch/worker_pool.hpp"
#include "evaluate/eval_test_util.hpp"
#include "notice/json_line.hpp"
#include "shenpi/batch.hpp"

namespace shenpi {
namespace {

using namespace eval_test;

/// Applications with every outcome, and every third one malformed.
std::vector<Application> mixed(std::size_t n) {
  std::vector<Application> apps;
  for (std::size_t i = 0; i < n; ++i) {
    Application a = good_application();
    if (i % 3 == 1) a.item = "T-EV-9999";                                       // SP602
    if (i % 5 == 2) drop_material(a, "plan");                                   // supplement
    if (i % 7 == 3) set_fact(a, "applicant.credit", std::string("dishonest"));  // reject
    if (i % 11 == 4) add(a.commitments, {"tolerance-letter"});
    a.submitted_on = a.submitted_on + static_cast<int>(i % 40);
    apps.push_back(std::move(a));
  }
  return apps;
}

std::string compact(const Decision& d, bool trace = false) {
  return nlohmann::ordered_json::parse(decision_to_json(d, trace)).dump();
}

TEST_SUITE("batch.concurrency") {
  TEST_CASE("evaluate_many keeps the order and reports bad applications by index") {
    const auto apps = mixed(2000);
    for (const int threads : {1, 2, 8}) {
      for (const std::size_t chunk : {std::size_t{0}, std::size_t{1}, std::size_t{77}}) {
        CAPTURE(threads);
        CAPTURE(chunk);
        const BatchResult r = evaluate_many(basic(), apps, {threads, chunk});
        CHECK(r.diagnostics.empty());
        REQUIRE(r.decisions.size() == apps.size());
        std::vector<std::size_t> bad;
        for (std::size_t i = 0; i < apps.size(); ++i) {
          const Decision one = basic().evaluate(apps[i]);
          if (!one.valid()) bad.push_back(i);
          REQUIRE(r.decisions[i].valid() == one.valid());
          CHECK(compact(r.decisions[i]) == compact(one));
        }
        CHECK(r.invalid == bad);
        REQUIRE_FALSE(bad.empty());
        CHECK(r.decisions[bad[0]].diagnostics.at(0).code == "SP602");
      }
    }
  }

  TEST_CASE("the fill overload decides what fill makes, on the worker, bad fills by index") {
    const auto apps = mixed(1000);
    for (const int threads : {1, 2}) {
      CAPTURE(threads);
      std::vector<std::string> got(apps.size());
      std::vector<int> visits(apps.size(), 0);
      const auto fill = [&](std::size_t i, Application& out, std::vector<Diagnostic>& diagnostics) {
        if (i % 97 == 5) {  // a row the caller could not read
          diagnostics.push_back(make_diagnostic("SP601", {"row", 1, 1}, "unreadable"));
          return false;
        }
        out = apps[i];
        return true;
      };
      const auto report = evaluate_many(basic(), apps.size(), fill,
                                        [&](std::size_t i, const Decision& d) {
                                          ++visits[i];
                                          got[i] =
                                              d.valid() ? compact(d) : d.diagnostics.at(0).code;
                                        },
                                        {threads, 13});
      CHECK(report.empty());
      for (std::size_t i = 0; i < apps.size(); ++i) {
        REQUIRE(visits[i] == 1);
        const Decision one = basic().evaluate(apps[i]);
        const std::string expected = i % 97 == 5   ? "SP601"
                                     : one.valid() ? compact(one)
                                                   : one.diagnostics.at(0).code;
        CHECK(got[i] == expected);
      }
    }
    CHECK(evaluate_many(
              basic(), 0, [](std::size_t, Application&, std::vector<Diagnostic>&) { return true; },
              [](std::size_t, const Decision&) { FAIL("nothing to visit"); })
              .empty());
  }

  TEST_CASE("an empty batch decides nothing and starts no work") {
    const BatchResult r = evaluate_many(basic(), std::span<const Application>{});
    CHECK(r.decisions.empty());
    CHECK(r.invalid.empty());
    CHECK(r.diagnostics.empty());
  }

  TEST_CASE("a thread that cannot start is SP609, and the batch still completes") {
    std::vector<Diagnostic> report;
    int calls = 0;
    const detail::WorkerPool::Starter fail_after_one = [&](std::function<void()> body) {
      if (++calls > 1)
        throw std::system_error(std::make_error_code(std::errc::resource_unavailable_try_again));
      return std::thread(std::move(body));
    };
    std::vector<int> done(100, 0);
    {
      detail::WorkerPool pool(4, report, fail_after_one);
      CHECK(pool.started() == 1);
      for (int i = 0; i < 100; ++i) pool.post([&, i](int slot) { done[i] = slot + 1; });
      pool.wait();
    }
    CHECK(std::count(done.begin(), done.end(), 1) == 100);
    REQUIRE(report.size() == 1);
    CHECK(report[0].code == "SP609");
    CHECK(report[0].severity == Severity::warning);
    CHECK(report[0].message.find("1 of 4") != std::string::npos);

    report.clear();
    const detail::WorkerPool::Starter never = [](std::function<void()>) -> std::thread {
      throw std::system_error(std::make_error_code(std::errc::resource_unavailable_try_again));
    };
    detail::WorkerPool none(2, report, never);
    CHECK(none.started() == 0);
    int ran = 0;
    none.post([&](int slot) { ran += slot + 1; });  // on the caller, slot 0
    none.wait();
    CHECK(ran == 1);
    CHECK(report.at(0).message.find("calling thread") != std::string::npos);
  }

  TEST_CASE("a job's exception reaches wait(), after the other jobs ran") {
    std::vector<Diagnostic> report;
    detail::WorkerPool pool(2, report);
    std::atomic<int> ran{0};
    for (int i = 0; i < 20; ++i) {
      pool.post([&, i](int) {
        if (i == 5) throw std::runtime_error("boom");
        ++ran;
      });
    }
    CHECK_THROWS_WITH(pool.wait(), "boom");
    CHECK(ran == 19);
  }

  TEST_CASE("run_chunks runs every chunk once, on the pool and the caller") {
    std::vector<Diagnostic> report;
    detail::WorkerPool pool(2, report);
    for (const std::size_t chunks :
         {std::size_t{0}, std::size_t{1}, std::size_t{3}, std::size_t{500}}) {
      CAPTURE(chunks);
      std::vector<std::atomic<int>> runs(chunks);
      std::mutex mutex;
      std::set<std::thread::id> threads;
      detail::run_chunks(pool, chunks, [&](std::size_t c) {
        runs[c].fetch_add(1);
        const std::lock_guard lock(mutex);
        threads.insert(std::this_thread::get_id());
      });
      CHECK(std::all_of(runs.begin(), runs.end(), [](const auto& r) { return r.load() == 1; }));
      CHECK(threads.size() <= 3);
    }
    // The pool lives on: it is the service's, shared by every batch.
    std::atomic<int> after{0};
    detail::run_chunks(pool, 4, [&](std::size_t) { after.fetch_add(1); });
    CHECK(after == 4);
  }

  TEST_CASE("run_chunks rethrows a chunk's exception after the other chunks ran") {
    std::vector<Diagnostic> report;
    detail::WorkerPool pool(2, report);
    std::atomic<int> ran{0};
    CHECK_THROWS_WITH(detail::run_chunks(pool, 40,
                                         [&](std::size_t c) {
                                           if (c == 7) throw std::runtime_error("boom");
                                           ran.fetch_add(1);
                                         }),
                      "boom");
    CHECK(ran == 39);
  }

  TEST_CASE("run_chunks on a pool without threads runs on the caller") {
    std::vector<Diagnostic> report;
    const detail::WorkerPool::Starter never = [](std::function<void()>) -> std::thread {
      throw std::system_error(std::make_error_code(std::errc::resource_unavailable_try_again));
    };
    detail::WorkerPool none(2, report, never);
    std::vector<std::thread::id> threads;
    detail::run_chunks(none, 5,
                       [&](std::size_t) { threads.push_back(std::this_thread::get_id()); });
    CHECK(threads == std::vector<std::thread::id>(5, std::this_thread::get_id()));
  }

  TEST_CASE("a large run on a shared pool does not hold back a small one") {
    // One worker; a large run of slow chunks is under way. A small run
    // started meanwhile finishes long before it: its caller takes its own
    // chunks, and the worker's turns alternate between the two runs.
    std::vector<Diagnostic> report;
    detail::WorkerPool pool(1, report);
    std::atomic<bool> large_done{false};
    std::atomic<int> large_ran{0};
    std::thread large([&] {
      detail::run_chunks(pool, 400, [&](std::size_t) {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        large_ran.fetch_add(1);
      });
      large_done = true;
    });
    while (large_ran.load() < 2) std::this_thread::yield();
    std::atomic<int> small_ran{0};
    detail::run_chunks(pool, 4, [&](std::size_t) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      small_ran.fetch_add(1);
    });
    CHECK(small_ran == 4);
    CHECK_FALSE(large_done.load());
    large.join();
    CHECK(large_ran == 400);
  }

  TEST_CASE("thread counts resolve to every core, capped") {
    CHECK(detail::resolve_threads(0) >= 1);
    CHECK(detail::resolve_threads(3) == 3);
    CHECK(detail::resolve_threads(100000) == kMaxBatchThreads);
    CHECK(detail::resolve_threads(-2) >= 1);
  }

  TEST_CASE("the JSON line writer equals decision_to_json, compacted") {
    std::vector<Decision> decisions;
    for (const auto& a : mixed(300)) decisions.push_back(basic().evaluate(a));
    for (const char* file : {"food-accept.yaml", "food-supplement.yaml", "food-tolerated.yaml"}) {
      const ApplicationResult r =
          read_application_file(std::string(SHENPI_SOURCE_DIR "/examples/applications/") + file);
      REQUIRE(r.application);
      decisions.push_back(tianjin().evaluate(*r.application));
    }
    std::string line;
    detail::DecisionJsonWriter writer;  // reused: its cached item fragments too
    for (const auto& d : decisions) {
      line.clear();
      detail::append_decision_json(d, line);
      CHECK(line == compact(d));
      line.clear();
      writer.append(d, line);
      CHECK(line == compact(d));
    }
  }
}

TEST_CASE("the JSON line writer's trace equals decision_to_json's, compacted") {
  std::vector<Decision> decisions;
  for (const auto& a : mixed(200)) decisions.push_back(basic().evaluate(a));
  for (const char* file : {"food-accept.yaml", "food-supplement.yaml", "food-tolerated.yaml"}) {
    const ApplicationResult r =
        read_application_file(std::string(SHENPI_SOURCE_DIR "/examples/applications/") + file);
    REQUIRE(r.application);
    decisions.push_back(tianjin().evaluate(*r.application));
  }
  // Every fact type and outcome: decimals, lists, enums, unknowns (the peer
  // item), and a manual review whose trace reads a zero area.
  const auto peer = eval_test::load_book(SHENPI_SOURCE_DIR "/bench/peers/rules/peer");
  const auto runtime = eval_test::load_book(SHENPI_FIXTURES "/evaluate/runtime");
  std::ifstream lines(SHENPI_FIXTURES "/evaluate/peer-apps.jsonl");
  std::string text;
  for (int n = 0; n < 300 && std::getline(lines, text); ++n) {
    Decision d;
    peer->evaluate_json(text, "peer", d);
    REQUIRE(d.valid());
    decisions.push_back(std::move(d));
  }
  const ApplicationResult review = parse_application_json(
      R"({"application": {"item": "T-RT-0001", "submitted_on": "2025-09-26",
          "facts": {"shop.area_m2": 0, "shop.seats": 10, "shop.capacity": 5}}})",
      "review");
  REQUIRE(review.application);
  decisions.push_back(runtime->evaluate(*review.application));
  REQUIRE(decisions.back().outcome == Outcome::review);
  std::string line;
  detail::DecisionJsonWriter writer;
  for (const auto& d : decisions) {
    line.clear();
    writer.append(d, line, true);
    CHECK(line == compact(d, true));
  }
}

/// The JSON line of an application built in code.
std::string jsonl(const Application& a) {
  nlohmann::ordered_json j;
  j["item"] = a.item;
  j["submitted_on"] = a.submitted_on.to_string();
  nlohmann::ordered_json facts = nlohmann::ordered_json::object();
  for (const auto& f : a.facts) {
    std::visit(
        [&](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, Date>) {
            facts[f.path] = v.to_string();
          } else {
            facts[f.path] = v;
          }
        },
        f.value);
  }
  j["facts"] = facts;
  for (const auto& m : a.materials) j["materials"].push_back(m.id);
  for (const auto& c : a.commitments) j["commitments"].push_back(c.id);
  return nlohmann::ordered_json{{"application", j}}.dump();
}

TEST_SUITE("batch.concurrency") {
  TEST_CASE("evaluate_jsonl streams many lines across blocks, in order") {
    const auto apps = mixed(3000);
    std::string input;
    std::vector<std::string> expected;
    for (std::size_t i = 0; i < apps.size(); ++i) {
      input += jsonl(apps[i]) + (i % 10 == 0 ? "\r\n" : "\n");
      if (i % 500 == 0) input += "\n   \n";  // blank lines are skipped
      expected.push_back(compact(basic().evaluate(apps[i])));
    }
    for (const int threads : {1, 2, 8}) {
      std::istringstream in(input);
      std::ostringstream out;
      const JsonlSummary s = evaluate_jsonl(basic(), in, "apps.jsonl", out, {threads, 0});
      CHECK(s.lines == apps.size());
      CHECK(s.invalid == 1000);
      CHECK(s.diagnostics.empty());
      std::istringstream lines(out.str());
      std::string line;
      std::size_t k = 0;
      while (std::getline(lines, line)) {
        REQUIRE(k < expected.size());
        if (apps[k].item == "T-EV-9999") {
          CHECK(line.find(R"("code":"SP602")") != std::string::npos);
          CHECK(line.find(R"("file":"apps.jsonl")") != std::string::npos);
        } else {
          CHECK(line == expected[k]);
        }
        ++k;
      }
      CHECK(k == apps.size());
    }
  }
}

TEST_SUITE("batch.jsonl") {
  TEST_CASE("a bad line names its line number; a line longer than a block reads whole") {
    Application big = good_application();
    std::vector<std::string> scope(40000, "catering-and-more");  // ~800 KB on one line
    set_fact(big, "shop.scope", scope);
    const std::string input = jsonl(good_application()) + "\n\n{oops\n" + jsonl(big) + "\n" +
                              jsonl(good_application());  // no final newline
    std::istringstream in(input);
    std::ostringstream out;
    const JsonlSummary s = evaluate_jsonl(basic(), in, "x.jsonl", out, {2, 0});
    CHECK(s.lines == 4);
    CHECK(s.invalid == 1);
    std::istringstream lines(out.str());
    std::vector<std::string> got;
    for (std::string l; std::getline(lines, l);) got.push_back(l);
    REQUIRE(got.size() == 4);
    CHECK(got[0] == got[3]);
    CHECK(got[1].starts_with(
        R"({"outcome":null,"diagnostics":[{"code":"SP608","column":1,"file":"x.jsonl","line":3)"));
    CHECK(got[2].find(R"("outcome":"accept")") != std::string::npos);
  }

  TEST_CASE("empty input writes nothing") {
    std::istringstream in("");
    std::ostringstream out;
    const JsonlSummary s = evaluate_jsonl(basic(), in, "-", out);
    CHECK(s.lines == 0);
    CHECK(out.str().empty());
  }
}

}  // namespace
}  // namespace shenpi
