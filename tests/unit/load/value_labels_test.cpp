// Enum value labels in facts.yaml: the map form `values: { good: 良好 }` next
// to the list form, and the diagnostics of a malformed map.
#include "diag_helpers.hpp"

using namespace shenpi;
using namespace shenpi::test;

TEST_CASE("enum values with labels, in the map form and the list form") {
  TempBook book;
  book.write(
      "facts.yaml",
      "facts:\n"
      "  a.credit: { type: enum, values: { good: 良好, dishonest: 严重失信 }, label: 信用 }\n"
      "  a.kind: { type: enum, values: [x, y], label: 类型 }\n");
  book.item(kItemHeader);
  const auto result = book.load();
  CHECK_CLEAN(result.diagnostics);
  REQUIRE(result.ok());
  const auto& facts = result.rulebook->facts();
  REQUIRE(facts.size() == 2);
  CHECK(facts[0].values == std::vector<std::string>{"good", "dishonest"});
  CHECK(facts[0].value_labels == std::vector<std::string>{"良好", "严重失信"});
  CHECK(value_label(facts[0], "dishonest") == "严重失信");
  CHECK(facts[1].values == std::vector<std::string>{"x", "y"});
  CHECK(facts[1].value_labels == std::vector<std::string>{"", ""});
  CHECK(value_label(facts[1], "x") == "x");
}

TEST_CASE("a label that is not text, a value given twice, an empty map") {
  TempBook book;
  book.write("facts.yaml",
             "facts:\n"
             "  a.credit: { type: enum, values: { good: 良好, bad: [1, 2] }, label: 信用 }\n"
             "  a.kind: { type: enum, values: { x: 甲, x: 乙 }, label: 类型 }\n"
             "  a.none: { type: enum, values: {}, label: 空 }\n");
  book.item(kItemHeader);
  const auto d = book.diagnostics();
  CHECK_DIAG(d, "SP103", 2, 56);
  CHECK_DIAG(d, "SP105", 3, 43);
  CHECK_DIAG(d, "SP108", 4, 33);
}
