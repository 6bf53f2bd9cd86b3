// The decision's records written a word at a time (evaluate/records.hpp):
// the SSE2 way against the one-at-a-time reference for every length of a
// word, and the reference against the law's table.
#include <doctest/doctest.h>

#include <cstdint>
#include <cstring>
#include <random>

#include "evaluate/eval_test_util.hpp"
#include "evaluate/records.hpp"

namespace shenpi {
namespace {

using namespace eval_test;

constexpr auto kSentinel = static_cast<ConditionStatus>(0xEE);

TEST_SUITE("evaluate.records") {
  TEST_CASE("condition statuses: each test, commitment and flag as the law reads them") {
    struct Row {
      std::uint8_t test;
      bool offered;
      std::uint8_t flags;
      ConditionStatus status;
      bool conflict;
      bool refused;
      bool rejects;
      bool incomplete;
    };
    const std::uint8_t allowed = detail::kConditionCommittable;
    const std::uint8_t rejects = detail::kConditionRejects;
    const Row rows[] = {
        {1, false, 0, ConditionStatus::met, false, false, false, false},
        {1, true, allowed, ConditionStatus::met, false, false, false, false},
        {2, false, 0, ConditionStatus::unmet, false, false, false, true},
        {2, false, rejects, ConditionStatus::unmet, false, false, true, true},
        // Own facts fail it: a commitment conflicts, even where allowed.
        {2, true, allowed, ConditionStatus::unmet, true, false, false, true},
        {3, false, allowed, ConditionStatus::unknown, false, false, false, true},
        {3, true, allowed, ConditionStatus::committed, false, false, false, false},
        {3, true, allowed | rejects, ConditionStatus::committed, false, false, false, false},
        // An unknown condition that allows no commitment stays unknown.
        {3, true, rejects, ConditionStatus::unknown, false, true, false, true},
        {0, true, allowed | rejects, ConditionStatus::error, false, false, false, false},
    };
    for (const Row& r : rows) {
      CAPTURE(int{r.test});
      CAPTURE(r.offered);
      CAPTURE(int{r.flags});
      // Zeros to sixteen past the one condition, as condition_records reads.
      const std::uint8_t test[16] = {r.test};
      const std::uint8_t flags[16] = {r.flags};
      ConditionStatus each = kSentinel;
      ConditionStatus word = kSentinel;
      const detail::ConditionWord a =
          detail::condition_records_each(test, flags, r.offered ? 1 : 0, 1, &each);
      const detail::ConditionWord b =
          detail::condition_records(test, flags, r.offered ? 1 : 0, 1, &word);
      CHECK(each == r.status);
      CHECK(word == r.status);
      for (const detail::ConditionWord& w : {a, b}) {
        CHECK(w.conflicts == (r.conflict ? 1U : 0U));
        CHECK(w.refused == (r.refused ? 1U : 0U));
        CHECK(w.rejects == r.rejects);
        CHECK(w.incomplete == r.incomplete);
      }
    }
  }

  TEST_CASE("condition statuses sixteen at a time: as one at a time, for every length") {
    std::mt19937_64 random(20261202);
    for (std::size_t count = 0; count <= 64; ++count) {
      CAPTURE(count);
      for (int round = 0; round < 20; ++round) {
        std::uint8_t test[64] = {};  // zeros past `count`, as condition_records reads
        std::uint8_t flags[64] = {};
        for (std::size_t j = 0; j < count; ++j) {
          test[j] = static_cast<std::uint8_t>(random() % 4);
          flags[j] = static_cast<std::uint8_t>(random() % 4);
        }
        // Some rounds all but one met, so one lane alone decides the word.
        if (round % 4 == 0) std::memset(test, 1, count);
        if (round % 4 == 0 && count > 0) test[random() % count] = 2;
        const std::uint64_t offered = random();
        ConditionStatus each[65];
        ConditionStatus word[65];
        std::fill(std::begin(each), std::end(each), kSentinel);
        std::fill(std::begin(word), std::end(word), kSentinel);
        const detail::ConditionWord a =
            detail::condition_records_each(test, flags, offered, count, each);
        const detail::ConditionWord b =
            detail::condition_records(test, flags, offered, count, word);
        CHECK(std::equal(each, each + 65, word));
        CHECK(word[count] == kSentinel);  // nothing written past the end
        CHECK(a.conflicts == b.conflicts);
        CHECK(a.refused == b.refused);
        CHECK(a.rejects == b.rejects);
        CHECK(a.incomplete == b.incomplete);
      }
    }
  }

  TEST_CASE("material records sixteen at a time: as one at a time, for every length") {
    std::mt19937_64 random(20261203);
    MaterialDecision sentinel;
    sentinel.status = static_cast<MaterialStatus>(0xEE);
    sentinel.commitment_refused = true;
    const auto same = [](const MaterialDecision& x, const MaterialDecision& y) {
      return x.status == y.status && x.commitment_refused == y.commitment_refused &&
             x.requirement_unknown == y.requirement_unknown &&
             x.requirement_error == y.requirement_error;
    };
    for (std::size_t count = 0; count <= 64; ++count) {
      CAPTURE(count);
      for (int round = 0; round < 20; ++round) {
        // The evaluator's planes never code a status past 5: committed
        // and shared or missing exclude each other.
        const std::uint64_t required = random();
        const std::uint64_t missing = random() & required;
        const std::uint64_t committed = random() & required & ~missing;
        const std::uint64_t shared = random() & required & ~missing & ~committed;
        const detail::MaterialPlanes planes{{shared | missing, committed, ~required | missing},
                                            random() & missing,
                                            random(),
                                            random()};
        MaterialDecision each[65];
        MaterialDecision word[65];
        std::fill(std::begin(each), std::end(each), sentinel);
        std::fill(std::begin(word), std::end(word), sentinel);
        detail::material_records_each(planes, count, each);
        detail::material_records(planes, count, word);
        for (std::size_t j = 0; j <= count && j < 65; ++j) {
          CAPTURE(j);
          CHECK(same(each[j], word[j]));
          if (j < count) CHECK(static_cast<int>(word[j].status) <= 5);
        }
        CHECK(same(word[count], sentinel));  // nothing written past the end
      }
    }
  }
}

}  // namespace
}  // namespace shenpi
