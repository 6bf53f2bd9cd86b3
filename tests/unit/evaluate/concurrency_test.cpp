// One shared rulebook, eight threads: every decision (and its notice and
// JSON) must equal the single-threaded one. Run this file's binary under
// ThreadSanitizer to check for races too (see docs/decision.md).
#include <atomic>
#include <filesystem>
#include <thread>

#include "evaluate/eval_test_util.hpp"

namespace shenpi {
namespace {

using namespace eval_test;

struct Case {
  std::shared_ptr<const Rulebook> book;
  Application application;
  std::shared_ptr<const BoundApplication> bound;  // null when it does not bind
  Decision decision;                              // single-threaded reference
  std::string notice;
  std::string json;
};

/// Variants of a sample: each material dropped, each fact dropped, the
/// 容缺 letter signed, the submission moved across the calendar.
std::vector<Application> variants(const Application& a) {
  std::vector<Application> out{a};
  for (std::size_t i = 0; i < a.materials.size(); ++i) {
    Application v = a;
    v.materials.erase(v.materials.begin() + static_cast<std::ptrdiff_t>(i));
    out.push_back(v);
    add(v.commitments, {"tolerance-letter"});
    out.push_back(std::move(v));
  }
  for (std::size_t i = 0; i < a.facts.size(); ++i) {
    Application v = a;
    v.facts.erase(v.facts.begin() + static_cast<std::ptrdiff_t>(i));
    out.push_back(std::move(v));
  }
  for (int shift = 1; shift <= 40; shift += 3) {
    Application v = a;
    v.submitted_on = a.submitted_on + shift;
    out.push_back(std::move(v));
  }
  // Late in the last calendar year: an accepted case's deadlines leave the
  // calendar (SP504), so the error path runs concurrently too.
  Application late = a;
  late.submitted_on = date("2027-12-28");
  out.push_back(std::move(late));
  return out;
}

std::vector<Case> build_cases() {
  const std::vector<std::shared_ptr<const Rulebook>> books = {
      load_book(SHENPI_SOURCE_DIR "/rules/tianjin"), load_book(SHENPI_SOURCE_DIR "/rules/tianshui"),
      basic_ptr()};
  std::vector<Application> samples{good_application()};
  std::vector<std::string> files;
  for (const auto& e :
       std::filesystem::directory_iterator(SHENPI_SOURCE_DIR "/examples/applications")) {
    if (e.path().extension() == ".yaml") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 4);
  for (const auto& f : files) {
    ApplicationResult r = read_application_file(f);
    REQUIRE_MESSAGE(r.application.has_value(), dump(r.diagnostics));
    samples.push_back(*r.application);
  }
  std::vector<Case> cases;
  for (const auto& sample : samples) {
    const auto it = std::find_if(books.begin(), books.end(), [&](const auto& b) {
      return b->find_item(sample.item) != nullptr;
    });
    REQUIRE_MESSAGE(it != books.end(), sample.item);
    const auto book = *it;
    for (auto& v : variants(sample)) {
      Case c{book, std::move(v), nullptr, {}, {}, {}};
      c.bound = bind_application(*book, c.application).application;
      c.decision = book->evaluate(c.application);
      c.notice = render_notice(c.decision);
      c.json = decision_to_json(c.decision, true);
      cases.push_back(std::move(c));
    }
  }
  return cases;
}

TEST_SUITE("evaluate.concurrency") {
  TEST_CASE("eight threads on one rulebook agree with one thread") {
    const std::vector<Case> cases = build_cases();
    REQUIRE(cases.size() > 200);
    int valid = 0;
    for (const auto& c : cases) valid += c.decision.valid() ? 1 : 0;
    CHECK(valid > 200);                             // most variants decide;
    CHECK(valid < static_cast<int>(cases.size()));  // some leave the calendar

    constexpr int kThreads = 8;
    constexpr int kRounds = 3;
    std::atomic<int> mismatches{0};
    std::atomic<long> evaluations{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        Decision reused;  // the fast path's storage, reused across items
        for (int round = 0; round < kRounds; ++round) {
          for (std::size_t k = 0; k < cases.size(); ++k) {
            // Each thread walks the cases from a different place, so threads
            // evaluate the same bound application at the same time.
            const Case& c = cases[(k + static_cast<std::size_t>(t) * 37) % cases.size()];
            const Decision fresh = c.book->evaluate(c.application);
            bool same = same_decision(fresh, c.decision);
            if (c.bound) {
              c.book->evaluate(c.bound, reused);
              same = same && same_decision(reused, c.decision);
            }
            if (round == 0) {
              same = same && render_notice(fresh) == c.notice &&
                     decision_to_json(fresh, true) == c.json;
            }
            if (!same) mismatches.fetch_add(1);
            evaluations.fetch_add(1);
          }
        }
      });
    }
    for (auto& th : threads) th.join();
    CHECK(mismatches.load() == 0);
    CHECK(evaluations.load() == static_cast<long>(cases.size()) * kThreads * kRounds);
  }
}

}  // namespace
}  // namespace shenpi
