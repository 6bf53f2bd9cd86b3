// SP105 (duplicates of every kind) and SP106 (dangling references), with
// the "first defined here" notes that point at the other definition.
#include "diag_helpers.hpp"

using namespace shenpi;
using namespace shenpi::test;

namespace {

const Diagnostic& only(const std::vector<Diagnostic>& diagnostics, std::string_view code) {
  REQUIRE_MESSAGE(count_code(diagnostics, code) == 1, describe(diagnostics));
  return *std::find_if(diagnostics.begin(), diagnostics.end(),
                       [&](const Diagnostic& d) { return d.code == code; });
}

}  // namespace

TEST_CASE("SP105: an item code defined in two files") {
  TempBook book;
  book.item(kItemHeader, "a.yaml").item(kItemHeader, "b.yaml");
  const auto result = book.load();
  CHECK_DIAG(result.diagnostics, "SP105", 2, 9);
  const Diagnostic& d = only(result.diagnostics, "SP105");
  CHECK(d.location.file == book.path("items/b.yaml"));
  CHECK(d.message == "item code 'T-0001' defined twice");
  REQUIRE(d.notes.size() == 1);
  CHECK(d.notes[0].location == SourceLocation{book.path("items/a.yaml"), 2, 9});
  CHECK(result.stats.items == 1);
}

TEST_CASE("SP105: a bundle code defined twice") {
  TempBook book;
  const char* bundle = "bundle:\n  code: B-1\n  name: 一件事\n  items: [T-0001]\n";
  book.item(kItemHeader).bundle(bundle, "a.yaml").bundle(bundle, "b.yaml");
  const auto d = book.diagnostics();
  CHECK_DIAG(d, "SP105", 2, 9);
  CHECK(only(d, "SP105").location.file == book.path("bundles/b.yaml"));
}

TEST_CASE("SP105: a material id given twice in one item") {
  const auto d =
      item_diagnostics(item_with("materials:\n"
                                 "  - { id: form, name: 申请书, basis: law }\n"
                                 "  - { id: plan, name: 平面图, basis: law }\n"
                                 "  - { id: form, name: 申请表, basis: law }\n"));
  CHECK_DIAG(d, "SP105", 12, 11);
  REQUIRE(only(d, "SP105").notes.size() == 1);
  CHECK(only(d, "SP105").notes[0].location.line == 10);
  // `use:` of the same catalogue material twice is the same mistake.
  const auto used = item_diagnostics(item_with("materials:\n  - use: id-card\n  - use: id-card\n"));
  CHECK_DIAG(used, "SP105", 11, 10);
}

TEST_CASE("SP105: a condition id given twice") {
  const auto d =
      item_diagnostics(item_with("conditions:\n"
                                 "  - { id: c, text: 条件一, when: 'true', basis: law }\n"
                                 "  - { id: c, text: 条件二, when: 'true', basis: law }\n"));
  CHECK_DIAG(d, "SP105", 11, 11);
  CHECK(only(d, "SP105").message == "condition 'c' defined twice");
}

TEST_CASE("SP105: steps, outputs, fees and stages given twice") {
  CHECK_DIAG(
      item_diagnostics(item_with("steps:\n  - { id: s, name: 受理 }\n  - { id: s, name: 审查 }\n")),
      "SP105", 11, 11);
  CHECK_DIAG(
      item_diagnostics(item_with("outputs:\n  - { id: o, name: 证 }\n  - { id: o, name: 照 }\n")),
      "SP105", 11, 11);
  CHECK_DIAG(item_diagnostics(item_with("fees:\n  - { id: f, name: 费, basis: law }\n"
                                        "  - { id: f, name: 费, basis: law }\n")),
             "SP105", 11, 11);
  TempBook book;
  book.item(kItemHeader)
      .bundle(
          "bundle:\n  code: B-1\n  name: 一件事\n  stages:\n"
          "    - { id: s, items: [T-0001] }\n    - { id: s, items: [] }\n");
  CHECK_DIAG(book.diagnostics(), "SP105", 6, 13);
}

TEST_CASE("SP105: a basis id given twice") {
  const auto d = item_diagnostics(
      "item:\n  code: T-1\n  name: 事项\n  kind: other\n  authority: 局\n  basis:\n"
      "    - { id: law, title: 《甲法》 }\n    - { id: law, title: 《乙法》 }\n"
      "time_limit: { statutory: 1 day }\n");
  CHECK_DIAG(d, "SP105", 8, 13);
  CHECK(only(d, "SP105").message == "basis 'law' defined twice");
}

TEST_CASE("SP105: a fact declared twice") {
  // Twice in facts.yaml (YAML itself allows the repeated key).
  TempBook shared;
  shared.write("facts.yaml", "facts:\n  a.b: { type: bool }\n  a.b: { type: int }\n")
      .item(kItemHeader);
  const auto twice = shared.diagnostics();
  CHECK_DIAG(twice, "SP105", 3, 3);
  CHECK(count_code(twice, "SP105") == 1);
  // An item re-declaring a shared fact breaks 一数一源.
  const auto local = item_diagnostics(item_with("facts:\n  applicant.credit: { type: string }\n"));
  CHECK_DIAG(local, "SP105", 10, 3);
  REQUIRE(only(local, "SP105").notes.size() == 1);
  CHECK(only(local, "SP105").notes[0].location.line == 3);
}

TEST_CASE("SP105: a catalogue material and a mapping key given twice") {
  TempBook book;
  book.write("materials.yaml", "materials:\n  a: { name: 甲 }\n  a: { name: 乙 }\n")
      .item(kItemHeader);
  CHECK_DIAG(book.diagnostics(), "SP105", 3, 3);
  // The same key twice in one mapping.
  CHECK_DIAG(item_diagnostics(item_with("outputs:\n  - { id: o, name: 证, name: 照 }\n")), "SP105",
             10, 25);
}

TEST_CASE("SP106: use: of a material not in materials.yaml") {
  const auto d = item_diagnostics(item_with("materials:\n  - use: id-crad\n"));
  CHECK_DIAG(d, "SP106", 10, 10);
  CHECK(only(d, "SP106").message == "material 'id-crad' is not in materials.yaml");
}

TEST_CASE("SP106: basis: that the item does not declare") {
  const auto d = item_diagnostics(
      item_with("conditions:\n  - { id: c, text: 条件, when: 'true', basis: lwa }\n"
                "materials:\n  - { id: a, name: 申请书, basis: statute }\n"
                "fees:\n  - { id: f, name: 费, basis: fee-rule }\n"));
  CHECK_DIAG(d, "SP106", 10, 49);
  CHECK_DIAG(d, "SP106", 12, 38);
  CHECK_DIAG(d, "SP106", 14, 32);
  CHECK(count_code(d, "SP106") == 3);
  const auto it =
      std::find_if(d.begin(), d.end(), [](const Diagnostic& x) { return x.code == "SP106"; });
  CHECK(it->message == "basis 'lwa' is not declared in item.basis (law)");
}

TEST_CASE("SP106: a bundle naming an unknown item") {
  TempBook book;
  book.item(kItemHeader)
      .bundle("bundle:\n  code: B-1\n  name: 一件事\n  items: [T-0001, T-0002]\n");
  const auto d = book.diagnostics();
  CHECK_DIAG(d, "SP106", 4, 19);
  CHECK(only(d, "SP106").message == "bundle B-1 names unknown item 'T-0002'");
}

TEST_CASE("SP106: depends naming an item outside the bundle") {
  TempBook book;
  book.item(kItemHeader)
      .bundle(
          "bundle:\n  code: B-1\n  name: 一件事\n  items: [T-0001]\n  depends:\n"
          "    - { before: T-0001, after: T-0009 }\n");
  const auto d = book.diagnostics();
  CHECK_DIAG(d, "SP106", 6, 7);
  CHECK(only(d, "SP106").message ==
        "dependency names 'T-0009', which is not an item of bundle B-1");
}

TEST_CASE("SP403: an item listed twice in a bundle, also across stages") {
  TempBook book;
  book.item(kItemHeader)
      .bundle(
          "bundle:\n  code: B-1\n  name: 一件事\n  stages:\n"
          "    - { id: one, items: [T-0001] }\n    - { id: two, items: [T-0001] }\n");
  const auto d = book.diagnostics();
  CHECK_DIAG(d, "SP403", 6, 26);
  CHECK(only(d, "SP403").severity == Severity::error);
  CHECK(only(d, "SP403").message == "item 'T-0001' is listed twice in bundle B-1");
}
