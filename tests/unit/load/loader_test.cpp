// load_rulebook as a whole: folders and single files, deterministic order,
// silencing warnings, and the shipped rules.
#include "diag_helpers.hpp"

using namespace shenpi;
using namespace shenpi::test;

namespace {

bool sorted(const std::vector<Diagnostic>& d) {
  return std::is_sorted(d.begin(), d.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.location.file, a.location.line, a.location.column, a.code) <
           std::tie(b.location.file, b.location.line, b.location.column, b.code);
  });
}

/// Two items whose warnings and errors interleave across files and lines.
void write_mixed(TempBook& book) {
  book.item(item_with(
                "materials:\n  - { id: b, name: 乙 }\n  - { id: a, name: 其他材料, basis: law }\n"),
            "b.yaml")
      .item(item_with("fees:\n  - { id: f, name: 费 }\nconditions:\n  - { id: c, text: 条件, "
                      "basis: law, when: x.y }\n",
                      "T-0002"),
            "a.yaml");
}

}  // namespace

TEST_CASE("diagnostics come sorted by file, line, column and code") {
  TempBook book;
  write_mixed(book);
  const auto d = book.diagnostics();
  REQUIRE(d.size() == 4);
  CHECK(sorted(d));
  CHECK(d.front().location.file == book.path("items/a.yaml"));
  CHECK(d.back().location.file == book.path("items/b.yaml"));
  // Loading twice gives the same list: no order from hashing or the file system.
  CHECK(book.diagnostics() == d);
}

TEST_CASE("LoadOptions::disabled silences warnings by code and by name") {
  TempBook book;
  write_mixed(book);
  const auto all = book.diagnostics();
  REQUIRE(count_code(all, "SP302") == 1);
  REQUIRE(count_code(all, "SP304") == 1);

  LoadOptions by_code = test_options();
  by_code.disabled = {"SP302"};
  const auto quiet = book.diagnostics(by_code);
  CHECK_NO_DIAG(quiet, "SP302");
  CHECK(count_code(quiet, "SP304") == 1);
  CHECK(quiet.size() == all.size() - 1);

  LoadOptions by_name = test_options();
  by_name.disabled = {"material-without-basis", "fee-without-basis"};
  const auto quieter = book.diagnostics(by_name);
  CHECK_NO_DIAG(quieter, "SP302");
  CHECK_NO_DIAG(quieter, "SP304");
}

TEST_CASE("LoadOptions::disabled never silences an error") {
  TempBook book;
  write_mixed(book);
  LoadOptions options = test_options();
  options.disabled = {"SP301", "unknown-fact", "SP202"};
  const auto result = book.load(options);
  CHECK(count_code(result.diagnostics, "SP301") == 1);
  CHECK(count_code(result.diagnostics, "SP202") == 1);
  CHECK_FALSE(result.ok());
}

TEST_CASE("a warning-only rulebook still loads") {
  TempBook book;
  book.item(item_with("materials:\n  - { id: form, name: 申请书 }\n"));
  const auto result = book.load();
  CHECK(count_code(result.diagnostics, "SP302") == 1);
  CHECK(result.ok());
}

TEST_CASE("a single item file is checked against its folder's shared facts") {
  TempBook book;
  book.item(item_with(
                "conditions:\n  - { id: c, text: 条件, when: applicant.uses_agent, basis: law }\n"
                "materials:\n  - use: agent-authorization\n"),
            "one.yaml")
      .item("not: an item\n", "broken.yaml");
  const auto result = load_rulebook({book.path("items/one.yaml")}, test_options());
  CHECK_CLEAN(result.diagnostics);
  REQUIRE(result.ok());
  CHECK(result.stats.items == 1);
  CHECK(result.rulebook->items().front().materials.front().name == "授权委托书");

  // The broken sibling is not read when only one file is named.
  const auto both = load_rulebook({book.path()}, test_options());
  CHECK(count_code(both.diagnostics, "SP102") == 1);
}

TEST_CASE("a single bundle file is read as a bundle") {
  TempBook book;
  book.item(kItemHeader).bundle("bundle:\n  code: B-1\n  name: 一件事\n  items: [T-0009]\n");
  const auto result = load_rulebook({book.path("bundles/bundle.yaml")}, test_options());
  // Alone, the bundle's item is unknown: the file was read as a bundle.
  CHECK_DIAG(result.diagnostics, "SP106", 4, 11);
  CHECK(result.stats.bundles == 1);
}

TEST_CASE("items in nested folders and .yml files are found, other files are not") {
  TempBook book;
  book.item(kItemHeader, "a/b/deep.yml")
      .write("items/notes.txt", "not yaml: [")
      .write("items/README.md", "# x");
  const auto result = book.load();
  CHECK_CLEAN(result.diagnostics);
  CHECK(result.stats.items == 1);
}

TEST_CASE("an empty item file is reported, not skipped") {
  TempBook book;
  book.item("", "empty.yaml");
  const auto d = book.diagnostics();
  CHECK(count_code(d, "SP103") == 1);
}

TEST_CASE("the shipped rulebooks check clean") {
  for (const char* jurisdiction : {"tianjin", "tianshui"}) {
    CAPTURE(jurisdiction);
    const auto result =
        load_rulebook({std::string(SHENPI_SOURCE_DIR "/rules/") + jurisdiction}, test_options());
    CHECK_MESSAGE(!has_errors(result.diagnostics), describe(result.diagnostics));
    CHECK(result.ok());
    CHECK(result.stats.items > 0);
  }
}
