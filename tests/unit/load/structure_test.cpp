// SP100, SP101, SP103, SP104, SP108, SP109, SP110: the structure of rule
// files, through load_rulebook as `shenpi check` runs it.
#include "diag_helpers.hpp"

using namespace shenpi;
using namespace shenpi::test;

TEST_CASE("a clean item loads without diagnostics") {
  TempBook book;
  book.item(kItemHeader);
  const auto result = book.load();
  CHECK_CLEAN(result.diagnostics);
  REQUIRE(result.ok());
  CHECK(result.rulebook->items().size() == 1);
  CHECK(result.stats.items == 1);
}

TEST_CASE("SP100: a missing path, and no path at all") {
  const std::string missing = fixture("load/no-such-folder");
  const auto result = load_rulebook({missing}, test_options());
  CHECK_DIAG(result.diagnostics, "SP100", 0, 0);
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].location.file == missing);
  CHECK(result.diagnostics[0].severity == Severity::error);
  CHECK_FALSE(result.ok());

  const auto none = load_rulebook({}, test_options());
  CHECK_DIAG(none.diagnostics, "SP100", 0, 0);
  CHECK_FALSE(none.ok());
}

TEST_CASE("SP101: invalid YAML points at the place the parser stopped") {
  TempBook book;
  book.item("item:\n  code: [T-1\n  name: x\n");
  const auto d = book.diagnostics();
  REQUIRE(count_code(d, "SP101") == 1);
  const Diagnostic* syntax =
      &*std::find_if(d.begin(), d.end(), [](const Diagnostic& x) { return x.code == "SP101"; });
  CHECK(syntax->location.file == book.path("items/item.yaml"));
  CHECK(syntax->location.line >= 2);
  CHECK(syntax->message.rfind("invalid YAML: ", 0) == 0);

  TempBook tab;
  tab.item("item:\n\tcode: T-1\n");
  // A tab is no indentation in YAML: yaml-cpp stops at the `:` after it.
  CHECK_DIAG(tab.diagnostics(), "SP101", 2, 6);

  // A broken facts.yaml is reported, and items are still read.
  TempBook facts;
  facts.write("facts.yaml", "facts: { a: [ }\n").item(kItemHeader);
  CHECK(count_code(facts.diagnostics(), "SP101") == 1);
}

TEST_CASE("SP103: values of the wrong YAML type") {
  // A list where a mapping belongs, at each level.
  CHECK_DIAG(item_diagnostics("- item\n"), "SP103", 1, 1);
  CHECK_DIAG(item_diagnostics("item: [a, b]\ntime_limit: { statutory: 1 working day }\n"), "SP103",
             1, 7);
  CHECK_DIAG(item_diagnostics(item_with("tolerance: [a]\n")), "SP103", 9, 12);
  CHECK_DIAG(item_diagnostics(item_with("conditions:\n  - just text\n")), "SP103", 10, 5);
  // A mapping where a list belongs.
  CHECK_DIAG(item_diagnostics(item_with("materials: { id: a }\n")), "SP103", 9, 12);
  CHECK_DIAG(item_diagnostics(item_with("steps: accept\n")), "SP103", 9, 8);
  // A list where a scalar belongs.
  CHECK_DIAG(item_diagnostics(item_with("outputs:\n  - { id: [a], name: 证 }\n")), "SP103", 10, 11);
  // Booleans and whole numbers.
  CHECK_DIAG(item_diagnostics(
                 item_with("materials:\n  - { id: a, name: 申请书, basis: law, core: maybe }\n")),
             "SP103", 10, 49);
  CHECK_DIAG(item_diagnostics(item_with(
                 "tolerance: { max_missing: two, supply_within: 1 day }\n"
                 "materials:\n  - { id: a, name: 申请书, basis: law, tolerable: true }\n")),
             "SP103", 9, 27);
  CHECK_DIAG(item_diagnostics(item_with(
                 "materials:\n  - { id: a, name: 申请书, basis: law, form: { copies: 1.5 } }\n")),
             "SP103", 10, 59);
  // A key that is not a plain name.
  CHECK_DIAG(item_diagnostics(item_with("? [a, b]\n: 1\n")), "SP103", 9, 3);
  // facts: must be a mapping of paths.
  CHECK_DIAG(item_diagnostics(item_with("facts: [a.b]\n")), "SP103", 9, 8);
  // The file itself must be a mapping.
  CHECK_DIAG(item_diagnostics("just a sentence\n"), "SP103", 1, 1);
}

TEST_CASE("SP103 in the shared files and bundles") {
  TempBook facts;
  facts.write("facts.yaml", "facts:\n  a.b: bool\n").item(kItemHeader);
  CHECK_DIAG(facts.diagnostics(), "SP103", 2, 8);

  TempBook materials;
  materials.write("materials.yaml", "materials: [id-card]\n").item(kItemHeader);
  CHECK_DIAG(materials.diagnostics(), "SP103", 1, 12);

  TempBook bundle;
  bundle.item(kItemHeader).bundle("bundle:\n  code: B-1\n  name: 一件事\n  items: T-0001\n");
  CHECK_DIAG(bundle.diagnostics(), "SP103", 4, 10);
}

TEST_CASE("SP104: required keys that are absent") {
  // The item file without `item:` and without `time_limit:`.
  CHECK_DIAG(item_diagnostics("time_limit: { statutory: 1 day }\n"), "SP104", 1, 1);
  CHECK_DIAG(item_diagnostics("item: { code: T-1, name: 事项, kind: other, authority: 局 }\n"),
             "SP104", 1, 1);
  // item.code, item.name, item.kind, item.authority.
  const auto header = item_diagnostics("item:\n  name: 事项\ntime_limit: { statutory: 1 day }\n");
  CHECK_DIAG(header, "SP104", 2, 3);
  CHECK(count_code(header, "SP104") == 3);
  // A condition without `when:`, a material without `name:`, a step without `name:`.
  CHECK_DIAG(item_diagnostics(item_with("conditions:\n  - { id: c, text: 条件 }\n")), "SP104", 10,
             5);
  CHECK_DIAG(item_diagnostics(item_with("materials:\n  - id: a\n    basis: law\n")), "SP104", 10,
             5);
  CHECK_DIAG(item_diagnostics(item_with("steps:\n  - { id: s }\n")), "SP104", 10, 5);
  // time_limit without statutory; tolerance without supply_within.
  CHECK_DIAG(item_diagnostics("item: { code: T-1, name: 事项, kind: other, authority: 局 }\n"
                              "time_limit: { promised: 1 day }\n"),
             "SP104", 2, 13);
  CHECK_DIAG(item_diagnostics(item_with("tolerance: { max_missing: 1 }\n")), "SP104", 9, 12);
  // A basis entry without a title.
  CHECK_DIAG(item_diagnostics("item:\n  code: T-1\n  name: 事项\n  kind: other\n  authority: 局\n"
                              "  basis: [{ id: law }]\ntime_limit: { statutory: 1 day }\n"),
             "SP104", 6, 11);
}

TEST_CASE("SP104: an enum fact without values; a bundle without items") {
  TempBook facts;
  facts.write("facts.yaml", "facts:\n  a.kind: { type: enum }\n").item(kItemHeader);
  CHECK_DIAG(facts.diagnostics(), "SP104", 2, 11);

  TempBook bundle;
  bundle.item(kItemHeader).bundle("bundle:\n  code: B-1\n  name: 一件事\n");
  CHECK_DIAG(bundle.diagnostics(), "SP104", 2, 3);
}

TEST_CASE("SP108: values outside the allowed set") {
  const auto header = [](std::string_view key, std::string_view value) {
    return "item:\n  code: T-1\n  name: 事项\n  kind: other\n  authority: 局\n  " +
           std::string(key) + ": " + std::string(value) + "\ntime_limit: { statutory: 1 day }\n";
  };
  CHECK_DIAG(item_diagnostics(header("reform", "abolish")), "SP108", 6, 11);
  CHECK_DIAG(item_diagnostics(header("service", "{ online: sometimes }")), "SP108", 6, 22);
  CHECK_DIAG(item_diagnostics(header("service", "{ max_visits: -1 }")), "SP108", 6, 26);
  CHECK_DIAG(item_diagnostics("item:\n  code: T-1\n  name: 事项\n  kind: licence\n  authority: 局\n"
                              "time_limit: { statutory: 1 day }\n"),
             "SP108", 4, 9);
  CHECK_DIAG(item_diagnostics("item:\n  code: ''\n  name: 事项\n  kind: other\n  authority: 局\n"
                              "time_limit: { statutory: 1 day }\n"),
             "SP108", 2, 9);
  CHECK_DIAG(
      item_diagnostics(item_with("conditions:\n  - { id: c, text: 条件, when: 'true', basis: law, "
                                 "on_fail: refuse }\n")),
      "SP108", 10, 63);
  CHECK_DIAG(item_diagnostics(item_with(
                 "materials:\n  - { id: a, name: 申请书, basis: law, source: office }\n")),
             "SP108", 10, 51);
  CHECK_DIAG(item_diagnostics(item_with(
                 "materials:\n  - { id: a, name: 申请书, basis: law, commitment: maybe }\n")),
             "SP108", 10, 55);
  CHECK_DIAG(item_diagnostics(item_with(
                 "materials:\n  - { id: a, name: 申请书, basis: law, form: { copies: 500 } }\n")),
             "SP108", 10, 59);
  CHECK_DIAG(item_diagnostics(item_with(
                 "tolerance: { supply_within: 1 day, letter: maybe }\n"
                 "materials:\n  - { id: a, name: 申请书, basis: law, tolerable: true }\n")),
             "SP108", 9, 44);
  CHECK_DIAG(item_diagnostics(item_with(
                 "tolerance: { supply_within: 1 day, max_missing: -3 }\n"
                 "materials:\n  - { id: a, name: 申请书, basis: law, tolerable: true }\n")),
             "SP108", 9, 49);
}

TEST_CASE("SP108: bad fact declarations") {
  const auto facts = [](std::string_view line) {
    TempBook book;
    book.write("facts.yaml", "facts:\n" + std::string(line) + "\n").item(kItemHeader);
    return book.diagnostics();
  };
  CHECK_DIAG(facts("  a.size: { type: float }"), "SP108", 2, 19);
  CHECK_DIAG(facts("  a..b: { type: bool }"), "SP108", 2, 3);
  CHECK_DIAG(facts("  1a: { type: bool }"), "SP108", 2, 3);
  CHECK_DIAG(facts("  a.kind: { type: enum, values: [] }"), "SP108", 2, 33);
  CHECK_DIAG(facts("  a.flag: { type: bool, values: [yes, no] }"), "SP108", 2, 33);
}

TEST_CASE("SP109: a date that does not exist, in a local calendar") {
  TempBook book;
  book.item(kItemHeader)
      .write("calendar.yaml", "calendar:\n  extends: cn\n  days_off: [2025-02-30]\n");
  CHECK_DIAG(book.diagnostics(), "SP109", 3, 14);

  TempBook shape;
  shape.item(kItemHeader)
      .write("calendar.yaml", "calendar:\n  extends: cn\n  days_off: [25-3-3]\n");
  CHECK_DIAG(shape.diagnostics(), "SP109", 3, 14);
}

TEST_CASE("SP110: a folder that is no rulebook, a rulebook without items") {
  TempBook empty(false);
  const auto d = empty.diagnostics();
  CHECK_DIAG(d, "SP110", 0, 0);
  // One warning for one problem: not also "the rulebook has no items".
  CHECK(d.size() == 1);
  CHECK(d.front().severity == Severity::warning);

  TempBook no_items;
  const auto result = no_items.load();
  CHECK_DIAG(result.diagnostics, "SP110", 0, 0);
  CHECK(result.diagnostics.size() == 1);
  // A warning only: the (empty) rulebook is still usable.
  CHECK(result.ok());
}
