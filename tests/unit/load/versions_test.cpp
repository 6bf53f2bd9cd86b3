// Item versions with effective dates: selection on every boundary day,
// overlap, gap and bad periods, and as-of for evaluation and bundles.
#include "diag_helpers.hpp"
#include "shenpi/evaluate.hpp"
#include "shenpi/graph.hpp"

using namespace shenpi;
using namespace shenpi::test;

namespace {

/// An item version; `effective` is the flow mapping after `effective:`
/// (line 4), or empty for none.
std::string version(std::string_view label, std::string_view effective, int limit_days) {
  std::string text = "item:\n  code: T-0001\n  version: \"" + std::string(label) + "\"\n";
  if (!effective.empty()) text += "  effective: " + std::string(effective) + "\n";
  text +=
      "  name: 测试事项\n  kind: administrative_license\n  authority: 区审批局\n"
      "  basis:\n    - { id: law, title: 《测试法》第一条 }\n"
      "time_limit: { statutory: " +
      std::to_string(limit_days) + " working days }\n";
  return text;
}

/// 2025.1 in force 2025-01-01 – 2025-06-30 (20 days), 2025.2 from 2025-07-01 (5 days).
void write_reform(TempBook& book) {
  book.item(version("2025.1", "{ from: 2025-01-01, until: 2025-06-30 }", 20), "old.yaml")
      .item(version("2025.2", "{ from: 2025-07-01 }", 5), "new.yaml");
}

Date day(std::string_view text) {
  return *Date::parse(text);
}

Application application_on(std::string_view submitted) {
  Application a;
  a.item = "T-0001";
  a.submitted_on = day(submitted);
  return a;
}

}  // namespace

TEST_CASE("the version in force is chosen on every boundary day") {
  TempBook book;
  write_reform(book);
  const LoadResult loaded = book.load();
  REQUIRE_MESSAGE(loaded.ok(), describe(loaded.diagnostics));
  const Rulebook& rules = *loaded.rulebook;
  const auto label = [&](std::string_view d) {
    const Item* item = rules.find_item("T-0001", day(d));
    return item == nullptr ? std::string("none") : item->version;
  };
  CHECK(label("2024-12-31") == "none");
  CHECK(label("2025-01-01") == "2025.1");
  CHECK(label("2025-06-30") == "2025.1");
  CHECK(label("2025-07-01") == "2025.2");
  CHECK(label("2099-12-31") == "2025.2");
  // Without a date: the current version, whatever the clock says.
  REQUIRE(rules.find_item("T-0001") != nullptr);
  CHECK(rules.find_item("T-0001")->version == "2025.2");
  REQUIRE(rules.versions("T-0001").size() == 2);
  CHECK(rules.versions("T-0001").front()->version == "2025.1");
  CHECK(rules.versions("T-9999").empty());
  CHECK(rules.find_item("T-9999", day("2025-01-01")) == nullptr);
}

TEST_CASE("evaluate decides by submitted_on, or by as_of when given") {
  TempBook book;
  write_reform(book);
  const LoadResult loaded = book.load();
  REQUIRE_MESSAGE(loaded.ok(), describe(loaded.diagnostics));
  const Decision before = loaded.rulebook->evaluate(application_on("2025-06-30"));
  REQUIRE_MESSAGE(before.valid(), describe(before.diagnostics));
  CHECK(before.item().version == "2025.1");
  CHECK(before.item().time_limit.statutory.count == 20);
  const Decision after = loaded.rulebook->evaluate(application_on("2025-07-01"));
  REQUIRE(after.valid());
  CHECK(after.item().version == "2025.2");

  Application as_of = application_on("2025-07-01");
  as_of.as_of = day("2025-03-01");
  const Decision old_rules = loaded.rulebook->evaluate(as_of);
  REQUIRE(old_rules.valid());
  CHECK(old_rules.item().version == "2025.1");
  // The deadline still runs from the filing day.
  CHECK(old_rules.application->submitted_on() == day("2025-07-01"));
}

TEST_CASE("an application filed when no version is in force is SP620, not a guess") {
  TempBook book;
  write_reform(book);
  const LoadResult loaded = book.load();
  REQUIRE(loaded.ok());
  const Decision d = loaded.rulebook->evaluate(application_on("2024-12-31"));
  CHECK_FALSE(d.valid());
  REQUIRE(count_code(d.diagnostics, "SP620") == 1);
  CHECK(d.diagnostics.front().message.find("2025.1 2025-01-01 – 2025-06-30") != std::string::npos);
  Application a = application_on("2025-07-01");
  a.as_of = day("2024-06-01");
  CHECK(count_code(loaded.rulebook->evaluate(a).diagnostics, "SP620") == 1);
}

TEST_CASE("overlapping versions are SP116 with both locations") {
  TempBook book;
  book.item(version("a", "{ from: 2025-01-01, until: 2025-07-01 }", 20), "a.yaml")
      .item(version("b", "{ from: 2025-07-01 }", 5), "b.yaml");
  const auto d = book.diagnostics();
  CHECK_DIAG(d, "SP116", 4, 14);
  const Diagnostic* overlap = find_diag(d, "SP116", 4, 14);
  REQUIRE(overlap != nullptr);
  CHECK(overlap->location.file == book.path("items/b.yaml"));
  REQUIRE(overlap->notes.size() == 1);
  CHECK(overlap->notes[0].location.file == book.path("items/a.yaml"));
  CHECK_FALSE(book.load().ok());
}

TEST_CASE("a version open at both ends overlaps every other") {
  TempBook book;
  book.item(version("a", "{ until: 2025-06-30 }", 20), "a.yaml")
      .item(version("b", "{}", 5), "b.yaml");
  CHECK(count_code(book.diagnostics(), "SP116") == 1);
}

TEST_CASE("a gap between versions is an SP117 warning; the rulebook still loads") {
  TempBook book;
  book.item(version("a", "{ from: 2025-01-01, until: 2025-06-29 }", 20), "a.yaml")
      .item(version("b", "{ from: 2025-07-01 }", 5), "b.yaml");
  const LoadResult loaded = book.load();
  CHECK(loaded.ok());
  CHECK_DIAG(loaded.diagnostics, "SP117", 4, 14);
  REQUIRE(count_code(loaded.diagnostics, "SP117") == 1);
  CHECK(find_diag(loaded.diagnostics, "SP117", 4, 14)->message.find("2025-06-30 to 2025-06-30") !=
        std::string::npos);
  // The gap day has no version: an application filed then is SP620.
  CHECK(count_code(loaded.rulebook->evaluate(application_on("2025-06-30")).diagnostics, "SP620") ==
        1);
}

TEST_CASE("an effective period ending before it starts is SP118") {
  const auto d = item_diagnostics(version("a", "{ from: 2025-07-01, until: 2025-06-30 }", 20));
  CHECK_DIAG(d, "SP118", 4, 14);
}

TEST_CASE("the same code twice without effective dates stays SP105") {
  TempBook book;
  book.item(version("a", "", 20), "a.yaml").item(version("b", "", 5), "b.yaml");
  const auto d = book.diagnostics();
  CHECK(count_code(d, "SP105") == 1);
  CHECK_NO_DIAG(d, "SP116");
}

TEST_CASE("a bundle is planned with the versions in force on the planning day") {
  TempBook book;
  write_reform(book);
  book.bundle("bundle:\n  code: B-1\n  name: 一件事\n  items: [T-0001]\n");
  const LoadResult loaded = book.load();
  REQUIRE_MESSAGE(loaded.ok(), describe(loaded.diagnostics));
  GraphOptions options;
  options.as_of = day("2025-06-30");
  const ApprovalGraph old_plan = loaded.rulebook->graph("B-1", options);
  REQUIRE(old_plan.ok());
  CHECK(old_plan.nodes().front().duration == 20);
  options.as_of = day("2025-07-01");
  CHECK(loaded.rulebook->graph("B-1", options).nodes().front().duration == 5);
  // Without a date: the current versions.
  CHECK(loaded.rulebook->graph("B-1").nodes().front().duration == 5);
  options.as_of = day("2024-12-31");
  const ApprovalGraph none = loaded.rulebook->graph("B-1", options);
  CHECK_FALSE(none.ok());
  CHECK(count_code(none.diagnostics(), "SP119") == 1);
}
