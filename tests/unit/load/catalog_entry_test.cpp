// item.catalog: the national basic catalogue code and name (基本目录), read
// onto Item::catalog; unknown keys inside it are SP102, wrong types SP103.
#include "diag_helpers.hpp"

using namespace shenpi;
using namespace shenpi::test;

namespace {

/// kItemHeader with `catalog_line` inserted after the authority line.
std::string item_with_catalog(std::string_view catalog_line) {
  std::string text(kItemHeader);
  const auto at = text.find("  basis:");
  text.insert(at, std::string(catalog_line) + "\n");
  return text;
}

}  // namespace

TEST_CASE("catalog code and name are read onto the item") {
  TempBook book;
  book.item(
      item_with_catalog("  catalog: { code: 11100000000013127D3000117000, name: 食品经营许可 }"));
  const auto result = book.load();
  CHECK_CLEAN(result.diagnostics);
  REQUIRE(result.ok());
  const Item& item = result.rulebook->items().at(0);
  CHECK(item.catalog.code == "11100000000013127D3000117000");
  CHECK(item.catalog.name == "食品经营许可");
  CHECK(item.catalog.location.line == 6);
}

TEST_CASE("an item without catalog has an empty code") {
  TempBook book;
  book.item(kItemHeader);
  const auto result = book.load();
  REQUIRE(result.ok());
  CHECK(result.rulebook->items().at(0).catalog.code.empty());
}

TEST_CASE("SP102: an unknown key inside catalog") {
  const auto d = item_diagnostics(item_with_catalog("  catalog: { code: X-1, title: 名称 }"));
  CHECK_DIAG(d, "SP102", 6, 25);
  CHECK(count_code(d, "SP102") == 1);
}

TEST_CASE("SP103: catalog of the wrong type, and a code of the wrong type") {
  CHECK(count_code(item_diagnostics(item_with_catalog("  catalog: X-1")), "SP103") == 1);
  CHECK(count_code(item_diagnostics(item_with_catalog("  catalog: { code: [a, b] }")), "SP103") ==
        1);
}

TEST_CASE("SP104: catalog without a code") {
  const auto d = item_diagnostics(item_with_catalog("  catalog: { name: 名称 }"));
  CHECK(count_code(d, "SP104") == 1);
}
