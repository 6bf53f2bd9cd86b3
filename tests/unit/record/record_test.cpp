// Decision records: canonical forms and digests are stable under comments,
// key order and list order, and change with any rule; replay finds the
// differences a rule change makes.
#include <nlohmann/json.hpp>
#include "load/diag_helpers.hpp"

#include "shenpi/notice.hpp"
#include "shenpi/record.hpp"

using namespace shenpi;
using namespace shenpi::test;

namespace {

/// One item with a condition, two materials and a 5-day promise.
std::string item_text(std::string_view promised = "5 working days", bool reorder = false) {
  std::string head = reorder ? "item:\n  name: 测试事项\n  code: T-0001\n"
                             : "item:\n  code: T-0001\n  name: 测试事项\n";
  return head +
         "  version: \"1\"\n  kind: administrative_license\n  authority: 区审批局\n"
         "  basis:\n    - { id: law, title: 《测试法》第一条 }\n"
         "conditions:\n  - { id: credit, text: 信用良好, when: applicant.credit != \"dishonest\", "
         "basis: law }\n"
         "materials:\n  - { id: form, name: 申请书, basis: law }\n"
         "  - { id: plan, name: 平面图, basis: law }\n"
         "time_limit: { statutory: 10 working days, promised: " +
         std::string(promised) + " }\n";
}

Application application() {
  Application a;
  a.item = "T-0001";
  a.submitted_on = *Date::parse("2025-09-26");
  a.facts.push_back({"applicant.credit", FactValue(std::string("good")), {}, {}});
  a.materials = {{"plan", {}}, {"form", {}}};
  return a;
}

std::string item_digest(const std::string& text) {
  TempBook book;
  book.item(text);
  const LoadResult loaded = book.load();
  REQUIRE_MESSAGE(loaded.ok(), describe(loaded.diagnostics));
  return sha256_hex(canonical_item(*loaded.rulebook->find_item("T-0001")));
}

}  // namespace

TEST_CASE("sha256_hex is the standard SHA-256") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("the canonical application sorts keys and lists, dates as strings") {
  Application a = application();
  CHECK(
      canonical_application(a) ==
      R"({"commitments":[],"facts":{"applicant.credit":"good"},"item":"T-0001","materials":["form","plan"],"submitted_on":"2025-09-26"})");
  Application b = application();
  std::swap(b.materials[0], b.materials[1]);
  CHECK(canonical_application(b) == canonical_application(a));
}

TEST_CASE("comments and key order do not change the item digest; a changed limit does") {
  const std::string base = item_digest(item_text());
  CHECK(item_digest("# 说明：一个注释\n" + item_text()) == base);
  CHECK(item_digest(item_text("5 working days", true)) == base);
  CHECK(item_digest(item_text("4 working days")) != base);
}

TEST_CASE("a record names the version and digests; replay is identical, then lists changes") {
  TempBook book;
  book.item(item_text());
  const LoadResult loaded = book.load();
  REQUIRE(loaded.ok());
  const Application a = application();
  const Decision d = loaded.rulebook->evaluate(a);
  REQUIRE(d.valid());
  const auto record = make_record(*loaded.rulebook, a, d);
  REQUIRE(record.has_value());
  CHECK(record->item == "T-0001");
  CHECK(record->version == "1");
  CHECK(record->calendar_years == std::vector<int>{2025});
  CHECK(record->application_sha256 == sha256_hex(record->application));
  CHECK(record->item_sha256.size() == 64);

  auto json = nlohmann::ordered_json::parse(decision_to_json(d));
  json["record"] = nlohmann::ordered_json::parse(record_to_json(*record));
  const std::string saved = json.dump(2);
  CHECK(replay(*loaded.rulebook, saved, "r.json").identical());

  TempBook changed;
  changed.item(item_text("4 working days"));
  const LoadResult later = changed.load();
  REQUIRE(later.ok());
  const ReplayReport report = replay(*later.rulebook, saved, "r.json");
  CHECK(report.diagnostics.empty());
  REQUIRE(report.differences.size() == 2);
  CHECK(report.differences[0] == "承诺办结日期：记录为 2025-10-10，重放为 2025-10-09");
  CHECK(report.differences[1].rfind("事项规则自作出决定后已变更", 0) == 0);
}

TEST_CASE("replay refuses a record that is not one, or was edited") {
  TempBook book;
  book.item(item_text());
  const LoadResult loaded = book.load();
  REQUIRE(loaded.ok());
  CHECK(count_code(replay(*loaded.rulebook, "not json", "r.json").diagnostics, "SP621") == 1);
  CHECK(count_code(replay(*loaded.rulebook, "{\"outcome\":\"accept\"}", "r.json").diagnostics,
                   "SP621") == 1);
  const Application a = application();
  const Decision d = loaded.rulebook->evaluate(a);
  auto json = nlohmann::ordered_json::parse(decision_to_json(d));
  json["record"] =
      nlohmann::ordered_json::parse(record_to_json(*make_record(*loaded.rulebook, a, d)));
  json["record"]["application"]["facts"]["applicant.credit"] = "dishonest";
  CHECK(count_code(replay(*loaded.rulebook, json.dump(), "r.json").diagnostics, "SP622") == 1);
}
