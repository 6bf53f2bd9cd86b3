// The case clock: 补正 pauses, special procedures, extensions, overdue.
#include <doctest/doctest.h>

#include "calendar_test_util.hpp"

using shenpi::ClockEvent;
using shenpi::ClockEventKind;
using shenpi::ClockResult;
using shenpi::Duration;
using shenpi::calendar_test::date;
using K = ClockEventKind;

namespace {

const Duration kTwenty{20, Duration::Unit::working_days};
const Duration kFive{5, Duration::Unit::working_days};
const Duration kTen{10, Duration::Unit::working_days};

/// Events `kind@date`, each on its own line of a pretend case file.
std::vector<ClockEvent> timeline(std::initializer_list<std::pair<K, const char*>> list) {
  std::vector<ClockEvent> events;
  int line = 1;
  for (const auto& [kind, when] : list) {
    events.push_back(ClockEvent{kind, date(when), {"case.yaml", ++line, 7}, std::nullopt});
  }
  return events;
}

ClockResult run(const Duration& limit, const std::vector<ClockEvent>& events, const char* today,
                std::optional<Duration> extension = std::nullopt) {
  return shenpi::run_clock(shenpi::calendar_test::national_calendar(), limit, extension, events,
                           date(today), {"case.yaml", 1, 10});
}

shenpi::ClockStatus status(const ClockResult& r) {
  REQUIRE_MESSAGE(r.status.has_value(), shenpi::calendar_test::dump(r.diagnostics));
  return *r.status;
}

}  // namespace

TEST_SUITE("calendar.clock") {
  TEST_CASE("accepted: the acceptance day is not counted") {
    const auto events = timeline({{K::accepted, "2025-09-26"}});
    const auto& s = status(run(kTwenty, events, "2025-09-26"));
    CHECK(s.days_used == 0);
    CHECK(s.days_left == 20);
    CHECK(s.limit == 20);
    CHECK(s.due_date == date("2025-10-30"));
    CHECK_FALSE(s.suspended);
    CHECK_FALSE(s.decided);
    CHECK_FALSE(s.overdue);
    CHECK(s.accepted_on == date("2025-09-26"));
    // Across National Day: 09-28, 09-29, 09-30, 10-09, 10-10.
    const auto& later = status(run(kTwenty, events, "2025-10-10"));
    CHECK(later.days_used == 5);
    CHECK(later.days_left == 15);
    CHECK(later.due_date == date("2025-10-30"));
  }

  TEST_CASE("a 补正 pause: the request day counts, the days up to receipt do not") {
    const auto events = timeline({{K::accepted, "2025-09-26"},
                                  {K::supplement_requested, "2025-09-30"},
                                  {K::supplement_received, "2025-10-13"}});
    const auto& s = status(run(kTwenty, events, "2025-10-20"));
    CHECK(s.days_used == 3 + 5);  // 09-28..09-30, then 10-14..10-17, 10-20
    CHECK(s.days_left == 12);
    CHECK(s.due_date == date("2025-11-05"));
    CHECK_FALSE(s.suspended);
    // On the day it is received the clock has not moved.
    const auto& received = status(run(kTwenty, events, "2025-10-13"));
    CHECK(received.days_used == 3);
    CHECK(received.due_date == date("2025-11-05"));
  }

  TEST_CASE("while suspended there is no due date") {
    const auto events =
        timeline({{K::accepted, "2025-09-26"}, {K::supplement_requested, "2025-09-30"}});
    const auto& s = status(run(kTwenty, events, "2025-10-10"));
    CHECK(s.suspended);
    CHECK(s.days_used == 3);
    CHECK(s.days_left == 17);
    CHECK_FALSE(s.due_date.has_value());
    CHECK_FALSE(s.overdue);
    // The same day as the request: counted, then suspended.
    const auto& same = status(run(kTwenty, events, "2025-09-30"));
    CHECK(same.suspended);
    CHECK(same.days_used == 3);
  }

  TEST_CASE("a special procedure (特别程序) is not counted") {
    const auto events = timeline({{K::accepted, "2025-11-03"},
                                  {K::special_started, "2025-11-05"},
                                  {K::special_ended, "2025-11-14"}});
    const auto& s = status(run(kTwenty, events, "2025-11-20"));
    CHECK(s.days_used == 2 + 4);  // 11-04, 11-05; 11-17..11-20
    CHECK(s.days_left == 14);
    CHECK(s.due_date == date("2025-12-10"));
    const std::vector<ClockEvent> open(events.begin(), events.begin() + 2);
    const auto& during = status(run(kTwenty, open, "2025-11-10"));
    CHECK(during.suspended);
    CHECK(during.days_used == 2);
  }

  TEST_CASE("supplement and special procedure overlapping count once") {
    const auto events = timeline({{K::accepted, "2025-11-03"},
                                  {K::special_started, "2025-11-05"},
                                  {K::supplement_requested, "2025-11-07"},
                                  {K::special_ended, "2025-11-12"},
                                  {K::supplement_received, "2025-11-14"}});
    const auto& s = status(run(kTwenty, events, "2025-11-20"));
    CHECK(s.days_used == 6);
  }

  TEST_CASE("an extension adds the item's or the event's length") {
    auto events = timeline({{K::accepted, "2025-09-26"}, {K::extension_granted, "2025-10-20"}});
    const auto& s = status(run(kTwenty, events, "2025-10-20", kTen));
    CHECK(s.limit == 30);
    CHECK(s.days_used == 12);
    CHECK(s.days_left == 18);
    CHECK(s.due_date == date("2025-11-13"));
    events[1].extension = kFive;
    const auto& own = status(run(kTwenty, events, "2025-10-20", kTen));
    CHECK(own.limit == 25);
    CHECK(own.due_date == date("2025-11-06"));
    // Without an extension granted, the item's extension is not used.
    const auto& none =
        status(run(kTwenty, timeline({{K::accepted, "2025-09-26"}}), "2025-10-20", kTen));
    CHECK(none.limit == 20);
  }

  TEST_CASE("decided: the clock stops on the decision day") {
    const auto events = timeline({{K::accepted, "2025-09-26"}, {K::decided, "2025-10-09"}});
    const auto& s = status(run(kFive, events, "2025-12-01"));
    CHECK(s.decided);
    CHECK(s.decided_on == date("2025-10-09"));
    CHECK(s.days_used == 4);
    CHECK(s.days_left == 1);
    CHECK(s.due_date == date("2025-10-10"));
    CHECK_FALSE(s.overdue);
    // 即办: accepted and decided the same day.
    const auto& now =
        status(run(Duration{}, timeline({{K::accepted, "2025-09-26"}, {K::decided, "2025-09-26"}}),
                   "2025-09-26"));
    CHECK(now.days_used == 0);
    CHECK(now.due_date == date("2025-09-26"));
    CHECK_FALSE(now.overdue);
  }

  TEST_CASE("overdue (超期)") {
    const auto events = timeline({{K::accepted, "2025-09-26"}});
    const auto& s = status(run(kFive, events, "2025-10-15"));
    CHECK(s.days_used == 9);  // 09-28..09-30, 10-09..10-11, 10-13..10-15
    CHECK(s.due_date == date("2025-10-10"));
    CHECK(s.overdue);
    CHECK(s.overdue_by == 4);
    CHECK(s.days_left == -4);
    // Decided late.
    const auto& late = status(run(
        kFive, timeline({{K::accepted, "2025-09-26"}, {K::decided, "2025-10-13"}}), "2025-10-20"));
    CHECK(late.decided);
    CHECK(late.overdue);
    CHECK(late.overdue_by == 2);
    // A supplement requested after the limit ran out keeps the due date.
    const auto& paused = status(
        run(kFive, timeline({{K::accepted, "2025-09-26"}, {K::supplement_requested, "2025-10-14"}}),
            "2025-10-20"));
    CHECK(paused.suspended);
    CHECK(paused.due_date == date("2025-10-10"));
    CHECK(paused.overdue_by == 3);
  }

  TEST_CASE("a day off after the due date is not yet overdue") {
    const auto events = timeline({{K::accepted, "2025-10-17"}});
    const auto& saturday = status(run(kFive, events, "2025-10-25"));
    CHECK(saturday.due_date == date("2025-10-24"));
    CHECK(saturday.days_used == 5);
    CHECK_FALSE(saturday.overdue);
    CHECK(saturday.days_left == 0);
    const auto& monday = status(run(kFive, events, "2025-10-27"));
    CHECK(monday.overdue);
    CHECK(monday.overdue_by == 1);
  }

  TEST_CASE("a natural-day limit counts every day and ends on a working day") {
    const Duration five_days{5, Duration::Unit::natural_days};
    const auto events = timeline({{K::accepted, "2025-09-26"}});
    const auto& s = status(run(five_days, events, "2025-09-29"));
    CHECK(s.unit == Duration::Unit::natural_days);
    CHECK(s.days_used == 3);
    CHECK(s.due_date == date("2025-10-09"));  // 10-01 is 国庆节
    CHECK(s.days_left == 10);
    const auto& on_due = status(run(five_days, events, "2025-10-09"));
    CHECK_FALSE(on_due.overdue);
    const auto& after = status(run(five_days, events, "2025-10-11"));
    CHECK(after.overdue);
    CHECK(after.overdue_by == 2);
  }

  TEST_CASE("SP702: events out of date order, or after today") {
    const auto r = run(kTwenty,
                       timeline({{K::accepted, "2025-09-26"},
                                 {K::supplement_requested, "2025-10-09"},
                                 {K::supplement_received, "2025-10-01"}}),
                       "2025-10-20");
    CHECK_FALSE(r.status.has_value());
    CHECK_DIAG(r.diagnostics, "SP702", 4, 7);
    REQUIRE(r.diagnostics[0].notes.size() == 1);
    CHECK(r.diagnostics[0].notes[0].location.line == 3);
    const auto future = run(
        kTwenty, timeline({{K::accepted, "2025-09-26"}, {K::decided, "2025-10-21"}}), "2025-10-20");
    CHECK_DIAG(future.diagnostics, "SP702", 3, 7);
  }

  TEST_CASE("SP703: impossible timelines") {
    auto errors = [](std::initializer_list<std::pair<K, const char*>> list,
                     std::optional<Duration> ext = kTen) {
      const auto r = run(kTwenty, timeline(list), "2025-12-31", ext);
      CHECK_FALSE(r.status.has_value());
      return r.diagnostics;
    };
    // Not starting with accepted.
    CHECK_DIAG(errors({{K::supplement_requested, "2025-09-26"}, {K::accepted, "2025-09-27"}}),
               "SP703", 2, 7);
    CHECK_DIAG(errors({{K::accepted, "2025-09-26"}, {K::accepted, "2025-09-29"}}), "SP703", 3, 7);
    // Decided twice; an event after the decision.
    CHECK_DIAG(
        errors(
            {{K::accepted, "2025-09-26"}, {K::decided, "2025-10-09"}, {K::decided, "2025-10-10"}}),
        "SP703", 4, 7);
    CHECK_DIAG(errors({{K::accepted, "2025-09-26"},
                       {K::decided, "2025-10-09"},
                       {K::supplement_requested, "2025-10-10"}}),
               "SP703", 4, 7);
    // Received without request; ended without start; opened twice.
    CHECK_DIAG(errors({{K::accepted, "2025-09-26"}, {K::supplement_received, "2025-10-09"}}),
               "SP703", 3, 7);
    CHECK_DIAG(errors({{K::accepted, "2025-09-26"}, {K::special_ended, "2025-10-09"}}), "SP703", 3,
               7);
    CHECK_DIAG(errors({{K::accepted, "2025-09-26"},
                       {K::special_started, "2025-10-09"},
                       {K::special_started, "2025-10-10"}}),
               "SP703", 4, 7);
    CHECK_DIAG(errors({{K::accepted, "2025-09-26"},
                       {K::supplement_requested, "2025-10-09"},
                       {K::supplement_requested, "2025-10-10"}}),
               "SP703", 4, 7);
    // Decided during a special procedure.
    CHECK_DIAG(errors({{K::accepted, "2025-09-26"},
                       {K::special_started, "2025-10-09"},
                       {K::decided, "2025-10-10"}}),
               "SP703", 4, 7);
    // Extension twice; extension with no length anywhere; in other units.
    CHECK_DIAG(errors({{K::accepted, "2025-09-26"},
                       {K::extension_granted, "2025-10-09"},
                       {K::extension_granted, "2025-10-10"}}),
               "SP703", 4, 7);
    CHECK_DIAG(
        errors({{K::accepted, "2025-09-26"}, {K::extension_granted, "2025-10-09"}}, std::nullopt),
        "SP703", 3, 7);
    CHECK_DIAG(errors({{K::accepted, "2025-09-26"}, {K::extension_granted, "2025-10-09"}},
                      Duration{10, Duration::Unit::natural_days}),
               "SP703", 3, 7);
    // Lengths no real case has.
    CHECK_DIAG(errors({{K::accepted, "2025-09-26"}, {K::extension_granted, "2025-10-09"}},
                      Duration{-10, Duration::Unit::working_days}),
               "SP703", 3, 7);
    CHECK(run(Duration{2147483647, Duration::Unit::working_days},
              timeline({{K::accepted, "2025-09-26"}}), "2025-10-09")
              .diagnostics.at(0)
              .code == "SP107");
    // No events at all.
    CHECK(errors({}).at(0).code == "SP703");
  }

  TEST_CASE("a decision during 补正 closes the pause") {
    const auto events = timeline({{K::accepted, "2025-09-26"},
                                  {K::supplement_requested, "2025-09-30"},
                                  {K::decided, "2025-11-28"}});
    const auto& s = status(run(kTwenty, events, "2025-12-01"));
    CHECK(s.decided);
    CHECK_FALSE(s.suspended);
    CHECK(s.days_used == 3);
  }

  TEST_CASE("a clock counted into the provisional 2027 is flagged") {
    const auto& s = status(run(kTwenty, timeline({{K::accepted, "2026-12-24"}}), "2027-01-05"));
    CHECK(s.due_date == date("2027-01-22"));
    CHECK(s.days_used == 7);
    CHECK(s.provisional);
    const auto& early = status(run(kTwenty, timeline({{K::accepted, "2026-11-02"}}), "2026-11-20"));
    CHECK_FALSE(early.provisional);
  }

  TEST_CASE("SP504: dates outside the calendar") {
    const auto before = run(kTwenty, timeline({{K::accepted, "2023-12-28"}}), "2024-01-10");
    CHECK_DIAG(before.diagnostics, "SP504", 2, 7);
    const auto today = run(kTwenty, timeline({{K::accepted, "2027-12-28"}}), "2028-01-04");
    CHECK_DIAG(today.diagnostics, "SP504", 1, 10);
    // The due date would fall in 2028: an error, not a guess.
    const auto due = run(kTwenty, timeline({{K::accepted, "2027-12-20"}}), "2027-12-28");
    CHECK_FALSE(due.status.has_value());
    CHECK_DIAG(due.diagnostics, "SP504", 2, 7);
  }

  TEST_CASE("event names round-trip") {
    for (K k : {K::accepted, K::supplement_requested, K::supplement_received, K::special_started,
                K::special_ended, K::extension_granted, K::decided}) {
      CHECK(shenpi::parse_clock_event_kind(shenpi::to_string(k)) == k);
    }
    CHECK_FALSE(shenpi::parse_clock_event_kind("opened").has_value());
  }
}
