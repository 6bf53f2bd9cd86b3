// SP102: a key the format does not define, at every level of every kind
// of rule file; the diagnostic sits on the key and lists the allowed keys.
#include "diag_helpers.hpp"

using namespace shenpi;
using namespace shenpi::test;

TEST_CASE("SP102 at each level of an item file") {
  struct Case {
    const char* where;
    std::string text;
    int line;
    int column;
  };
  const Case cases[] = {
      {"the file", item_with("owner: 张三\n"), 9, 1},
      {"item",
       "item:\n  code: T-1\n  name: 事项\n  kind: other\n  authority: 局\n  colour: red\n"
       "time_limit: { statutory: 1 day }\n",
       6, 3},
      {"item.service",
       item_with("").replace(item_with("").find("  basis:"), 0,
                             "  service: { online: full, visits: 0 }\n"),
       6, 28},
      {"a legal basis",
       "item:\n  code: T-1\n  name: 事项\n  kind: other\n  authority: 局\n"
       "  basis: [{ id: law, title: 《法》, article: 3 }]\n"
       "time_limit: { statutory: 1 day }\n",
       6, 40},
      {"a condition",
       item_with(
           "conditions:\n  - { id: c, text: 条件, when: 'true', basis: law, else: reject }\n"),
       10, 54},
      {"a material",
       item_with("materials:\n  - { id: a, name: 申请书, basis: law, tolerabel: true }\n"), 10, 43},
      {"form",
       item_with("materials:\n  - { id: a, name: 申请书, basis: law, form: { originals: 1 } }\n"),
       10, 51},
      {"tolerance",
       item_with("tolerance: { supply_within: 1 day, max: 2 }\n"
                 "materials:\n  - { id: a, name: 申请书, basis: law, tolerable: true }\n"),
       9, 36},
      {"time_limit",
       "item: { code: T-1, name: 事项, kind: other, authority: 局 }\n"
       "time_limit: { statutory: 1 day, promise: 1 day }\n",
       2, 33},
      {"a step", item_with("steps:\n  - { id: s, name: 审查, days: 3 }\n"), 10, 28},
      {"an output", item_with("outputs:\n  - { id: o, name: 证, valid: 5 years }\n"), 10, 25},
      {"a fee", item_with("fees:\n  - { id: f, name: 费, basis: law, price: 10 }\n"), 10, 37},
      {"an item fact", item_with("facts:\n  a.b: { type: bool, lable: 标签 }\n"), 10, 22},
  };
  for (const auto& c : cases) {
    CAPTURE(c.where);
    const auto d = item_diagnostics(c.text);
    CHECK_DIAG(d, "SP102", c.line, c.column);
    CHECK(count_code(d, "SP102") == 1);
  }
}

TEST_CASE("SP102 names the place and the allowed keys") {
  const auto d = item_diagnostics(item_with("steps:\n  - { id: s, name: 审查, days: 3 }\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0].message == "unknown key 'days' in a step (allowed: id, name, takes, special, when)");
  CHECK(d[0].severity == Severity::error);
}

TEST_CASE("SP102: a material with both id: and use:") {
  const auto d = item_diagnostics(item_with("materials:\n  - { use: id-card, id: card }\n"));
  CHECK_DIAG(d, "SP102", 10, 25);
  CHECK(d.front().message == "a material takes either `id:` or `use:`, not both");
}

TEST_CASE("SP102 in facts.yaml and materials.yaml") {
  TempBook root;
  root.write("facts.yaml", "facts: {}\nshared: true\n").item(kItemHeader);
  CHECK_DIAG(root.diagnostics(), "SP102", 2, 1);

  TempBook fact;
  fact.write("facts.yaml", "facts:\n  a.kind: { type: enum, values: [x], default: x }\n")
      .item(kItemHeader);
  CHECK_DIAG(fact.diagnostics(), "SP102", 2, 38);

  TempBook catalog;
  catalog.write("materials.yaml", "catalogue:\n  id-card: { name: 身份证 }\n").item(kItemHeader);
  CHECK_DIAG(catalog.diagnostics(), "SP102", 1, 1);

  TempBook entry;
  entry.write("materials.yaml", "materials:\n  seal: { name: 公章, shared: true }\n")
      .item(kItemHeader);
  CHECK_DIAG(entry.diagnostics(), "SP102", 2, 25);
}

TEST_CASE("SP102 in a bundle file") {
  const auto bundle = [](std::string_view text) {
    TempBook book;
    book.item(kItemHeader).bundle(text);
    return book.diagnostics();
  };
  CHECK_DIAG(bundle("bundle: { code: B-1, name: 一件事, items: [T-0001] }\nowner: 局\n"), "SP102",
             2, 1);
  CHECK_DIAG(bundle("bundle:\n  code: B-1\n  name: 一件事\n  items: [T-0001]\n  deadline: 1 day\n"),
             "SP102", 5, 3);
  CHECK_DIAG(bundle("bundle:\n  code: B-1\n  name: 一件事\n  stages:\n    - { id: s, items: "
                    "[T-0001], order: 1 }\n"),
             "SP102", 5, 33);
  CHECK_DIAG(bundle("bundle:\n  code: B-1\n  name: 一件事\n  items: [T-0001]\n"
                    "  depends: [{ before: T-0001, after: T-0001, why: x }]\n"),
             "SP102", 5, 46);
  // Both `items:` and `stages:`.
  const auto both =
      bundle("bundle:\n  code: B-1\n  name: 一件事\n  items: [T-0001]\n  stages: []\n");
  CHECK_DIAG(both, "SP102", 5, 11);
}
