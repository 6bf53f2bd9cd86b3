// shenpi::compare on the two fixture jurisdictions of tests/fixtures/compare.
#include <doctest/doctest.h>

#include "shenpi/compare.hpp"

using namespace shenpi;

namespace {

std::shared_ptr<const Rulebook> fixture_book(const char* name) {
  LoadResult r = load_rulebook({std::string(SHENPI_FIXTURES) + "/compare/" + name});
  REQUIRE(r.ok());
  return r.rulebook;
}

const ComparedMaterial* row(const ComparedItem& item, std::string_view key) {
  for (const auto& m : item.materials) {
    if (m.key == key) return &m;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("items line up by catalogue code; singles are listed apart") {
  const Comparison c = compare({fixture_book("east"), fixture_book("west")}, {"east", "west"});
  REQUIRE(c.items.size() == 2);
  CHECK(c.items[0].catalog_code == "CMP-0001");
  CHECK(c.items[1].catalog_code == "CMP-0002");
  REQUIRE(c.singles.size() == 2);
  CHECK(c.singles[0].item_code == "E-MKT-0003");
  CHECK(c.singles[1].item_code == "W-NIGHT-0004");
  CHECK(c.singles[1].catalog_code.empty());  // no catalog: at all
}

TEST_CASE("四统一 verdict and the per-item summary") {
  const Comparison c = compare({fixture_book("east"), fixture_book("west")}, {"east", "west"});
  const ComparedItem& shop = c.items[0];
  CHECK_FALSE(shop.uniform.name);  // 小店经营许可 vs 小店经营许可（新办）
  CHECK(shop.uniform.code);        // E-SHOP-0001 / W-SHOP-0001
  CHECK_FALSE(shop.uniform.basis);
  CHECK(shop.uniform.kind);
  CHECK(c.items[1].uniform.all());
  // east: form + tolerable layout (still asked); west: form + lease (layout
  // by commitment): a tie. west promises 3 working days against 5.
  CHECK(shop.sides[0].asked == 2);
  CHECK(shop.sides[1].asked == 2);
  CHECK(shop.asks_least == -1);
  CHECK(shop.fastest == 1);
  CHECK(c.summary[1].fastest == 1);
}

TEST_CASE("materials match by catalogue id, name, then local id; names that differ are marked") {
  const Comparison c = compare({fixture_book("east"), fixture_book("west")}, {"east", "west"});
  const ComparedItem& shop = c.items[0];
  const ComparedMaterial* agent = row(shop, "agent-authorization");
  REQUIRE(agent != nullptr);
  CHECK(agent->names_differ);
  CHECK(agent->required_when[0] == "委托代理人办理");
  const ComparedMaterial* layout = row(shop, "经营场所平面图");
  REQUIRE(layout != nullptr);
  CHECK(layout->names_differ);
  CHECK(layout->presence[0] == MaterialPresence::tolerable);
  CHECK(layout->presence[1] == MaterialPresence::commitment);
  const ComparedMaterial* lease = row(shop, "经营场所租赁合同");
  REQUIRE(lease != nullptr);
  CHECK(lease->presence[0] == MaterialPresence::absent);
  CHECK(row(shop, "business-license")->presence[1] == MaterialPresence::shared);
}

TEST_CASE("a null book is an absent column") {
  const Comparison c = compare({fixture_book("east"), nullptr}, {"east"});
  CHECK(c.items.empty());
  CHECK(c.jurisdictions[1] == "B");
  CHECK(c.singles.size() == 3);
}
