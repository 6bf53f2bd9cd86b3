// SP107: durations of time limits, steps, tolerance and bundle targets —
// every spelling DESIGN.md allows loads, anything else is a diagnostic at
// the value.
#include "diag_helpers.hpp"

using namespace shenpi;
using namespace shenpi::test;

namespace {

constexpr std::string_view kHead =
    "item:\n  code: T-1\n  name: 事项\n  kind: other\n  authority: 局\n  basis: [{ id: law, title: "
    "《法》 }]\n";

/// An item whose statutory limit is `duration` (line 8, column 14).
std::string with_statutory(std::string_view duration) {
  return std::string(kHead) + "time_limit:\n  statutory: " + std::string(duration) + "\n";
}

}  // namespace

TEST_CASE("every valid duration spelling loads") {
  struct Case {
    const char* text;
    int count;
    Duration::Unit unit;
  };
  const Case cases[] = {
      {"5 working days", 5, Duration::Unit::working_days},
      {"1 working day", 1, Duration::Unit::working_days},
      {"20 days", 20, Duration::Unit::natural_days},
      {"1 day", 1, Duration::Unit::natural_days},
      {"5个工作日", 5, Duration::Unit::working_days},
      {"20日", 20, Duration::Unit::natural_days},
      {"3天", 3, Duration::Unit::natural_days},
      {"即办", 0, Duration::Unit::working_days},
      {"immediate", 0, Duration::Unit::working_days},
      {"0", 0, Duration::Unit::working_days},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    TempBook book;
    book.item(with_statutory(c.text));
    const auto result = book.load();
    CHECK_CLEAN(result.diagnostics);
    REQUIRE(result.ok());
    const Duration& d = result.rulebook->items().front().time_limit.statutory;
    CHECK(d.count == c.count);
    CHECK(d.unit == c.unit);
  }
}

TEST_CASE("SP107: malformed durations point at the value") {
  for (const char* bad : {"5 workdays", "five working days", "-5 days", "5 weeks", "5", "5 working",
                          "个工作日", "5.5 days", "10001 days", "days 5", "tomorrow", "''"}) {
    CAPTURE(bad);
    const auto d = item_diagnostics(with_statutory(bad));
    CHECK_DIAG(d, "SP107", 8, 14);
    CHECK(count_code(d, "SP107") == 1);
  }
}

TEST_CASE("SP107: the message names the field and the spellings allowed") {
  const auto d = item_diagnostics(with_statutory("5 workdays"));
  REQUIRE(d.size() == 1);
  CHECK(d[0].message ==
        "time_limit.statutory: '5 workdays' is not a duration (write `5 working days`, `20 days`, "
        "`5个工作日`, "
        "`20日`, `即办` or `immediate`)");
  CHECK(d[0].severity == Severity::error);
}

TEST_CASE("SP107: in promised, extension, steps and tolerance") {
  const std::string item = std::string(kHead) +
                           "time_limit:\n"
                           "  statutory: 20 working days\n"
                           "  promised: 5 workng days\n"
                           "  extension: ten days\n"
                           "steps:\n"
                           "  - { id: review, name: 审查, takes: 3 wd }\n"
                           "tolerance: { supply_within: 5 weeks }\n"
                           "materials:\n"
                           "  - { id: plan, name: 平面图, basis: law, tolerable: true }\n";
  const auto d = item_diagnostics(item);
  CHECK_DIAG(d, "SP107", 9, 13);
  CHECK_DIAG(d, "SP107", 10, 14);
  CHECK_DIAG(d, "SP107", 12, 40);
  CHECK_DIAG(d, "SP107", 13, 29);
  CHECK(count_code(d, "SP107") == 4);
}

TEST_CASE("SP107: a duration must be a scalar") {
  const auto d = item_diagnostics(with_statutory("[5, working days]"));
  CHECK_DIAG(d, "SP103", 8, 14);
  CHECK_NO_DIAG(d, "SP107");
}

TEST_CASE("SP107: output validity periods") {
  for (const char* good :
       {"5 years", "1 year", "6 months", "30 days", "长期", "长期有效", "3年", "6个月"}) {
    CAPTURE(good);
    CHECK_CLEAN(item_diagnostics(with_statutory("1 day") +
                                 "outputs:\n  - { id: o, name: 证, valid_for: " + good + " }\n"));
  }
  for (const char* bad : {"forever", "0 years", "5 fortnights"}) {
    CAPTURE(bad);
    CHECK_DIAG(item_diagnostics(with_statutory("1 day") +
                                "outputs:\n  - { id: o, name: 证, valid_for: " + bad + " }\n"),
               "SP107", 10, 36);
  }
}

TEST_CASE("SP107: a bundle target") {
  TempBook book;
  book.item(with_statutory("1 day"))
      .bundle("bundle:\n  code: B-1\n  name: 一件事\n  target: soon\n  items: [T-1]\n");
  CHECK_DIAG(book.diagnostics(), "SP107", 4, 11);
}
