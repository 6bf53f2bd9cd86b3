// Conditions as Chinese sentences (describe_expression) and the enum value
// labels of facts.yaml they read, on the site fixture rulebook.
#include "evaluate/eval_test_util.hpp"
#include "notice/words.hpp"

namespace shenpi {
namespace {

using eval_test::load_book;

std::shared_ptr<const Rulebook> book() {
  static const auto b = load_book(SHENPI_FIXTURES "/site/book");
  return b;
}

const Item& shop() {
  return *book()->find_item("T-SITE-0001");
}

std::string sentence(std::string_view condition_id) {
  for (const auto& c : shop().conditions) {
    if (c.id == condition_id) return describe_expression(*book(), shop(), c.when);
  }
  FAIL("no condition " << condition_id);
  return {};
}

bool has_ascii_letter(const std::string& text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); });
}

/// Every expression of a shipped rulebook as a sentence: no fact path, no
/// operator, no quote, no ASCII word; every enum value of the rulebook has
/// its label (the list form is valid, but no shipped fact uses it).
void check_shipped(const std::string& folder) {
  const auto shipped = load_book(SHENPI_SOURCE_DIR "/rules/" + folder);
  std::vector<std::string> unlabelled;
  const auto collect = [&](const std::vector<Fact>& facts) {
    for (const auto& f : facts) {
      for (std::size_t k = 0; k < f.values.size(); ++k) {
        if (f.value_labels[k].empty()) unlabelled.push_back(f.path + " " + f.values[k]);
      }
    }
  };
  collect(shipped->facts());
  for (const auto& item : shipped->items()) collect(item.facts);
  CAPTURE(folder);
  const std::string first = unlabelled.empty() ? std::string() : unlabelled.front();
  CHECK_MESSAGE(unlabelled.empty(), "enum values without a label, first: " << first);
  for (const auto& item : shipped->items()) {
    std::vector<const Expression*> all{&item.tolerance.when};
    for (const auto& c : item.conditions) all.push_back(&c.when);
    for (const auto& m : item.materials) all.push_back(&m.required);
    for (const auto& st : item.steps) all.push_back(&st.when);
    for (const Expression* e : all) {
      const std::string s = describe_expression(*shipped, item, *e);
      CAPTURE(item.code);
      CAPTURE(e->text());
      CAPTURE(s);
      for (const char* op : {"==", "!=", ">=", "<=", "\"", " and ", " or ", "not "}) {
        CHECK(s.find(op) == std::string::npos);
      }
      CHECK_FALSE(has_ascii_letter(s));
    }
  }
}

TEST_SUITE("notice.sentence") {
  TEST_CASE("enum values read by their labels") {
    CHECK(sentence("credit") == "申请人信用状况不是严重失信");
    CHECK(sentence("credit-in") == "申请人信用状况为良好或一般");
    const Material* kitchen = shop().find_material("kitchen");
    REQUIRE(kitchen != nullptr);
    CHECK(describe_expression(*book(), shop(), kitchen->required) == "经营类型为餐饮服务");
    CHECK(describe_expression(*book(), shop(), shop().tolerance.when) == "申请人信用状况为良好");
  }

  TEST_CASE("a value without a label (list form) reads as it is") {
    CHECK(sentence("kind-list") == "申请人类型为enterprise");
  }

  TEST_CASE("bool facts read as statements, negated naturally") {
    CHECK(sentence("bulk") == "不经营散装食品");
    CHECK(sentence("verified") == "经办人已通过实名认证");
    CHECK(sentence("area") == "经营场所面积（平方米）不小于10，且经营场所不是住宅");
    // not (a or b): De Morgan, so no 并非（…） wrapper.
    CHECK(sentence("not-both") == "经营场所不是住宅，且不经营散装食品");
  }

  TEST_CASE("a label of two facts joined by 且 negates as a whole") {
    CHECK(detail::bool_statement("是否有虚假承诺记录且未完成信用修复", true) ==
          "有虚假承诺记录且未完成信用修复");
    CHECK(detail::bool_statement("是否有虚假承诺记录且未完成信用修复", false) ==
          "不属于有虚假承诺记录且未完成信用修复的情形");
    CHECK(detail::bool_statement("是否配备管理人员", false) == "未配备管理人员");
  }

  TEST_CASE("arithmetic, nesting, lists and dates") {
    CHECK(sentence("either") ==
          "从业人员人数大于2，或（经营场所面积（平方米）除以从业人员人数不小于3."
          "5，且经营类型为食品销售）");
    CHECK(sentence("scope") == "经营范围包含“餐饮”");
    CHECK(sentence("opened") == "开业日期不晚于2025年6月30日");
  }

  TEST_CASE("no expression syntax or identifiers in any labelled sentence") {
    for (const auto& c : shop().conditions) {
      if (c.id == "kind-list") continue;
      const std::string s = describe_expression(*book(), shop(), c.when);
      CAPTURE(s);
      CHECK_FALSE(has_ascii_letter(s));
      CHECK(s.find("==") == std::string::npos);
      CHECK(s.find('"') == std::string::npos);
    }
    CHECK(describe_expression(*book(), shop(), Expression()).empty());
  }

  TEST_CASE("facts keep values and labels side by side") {
    const Fact* credit = book()->find_fact(shop(), "applicant.credit");
    REQUIRE(credit != nullptr);
    CHECK(credit->values == std::vector<std::string>{"good", "normal", "dishonest"});
    CHECK(credit->value_labels == std::vector<std::string>{"良好", "一般", "严重失信"});
    CHECK(value_label(*credit, "normal") == "一般");
    CHECK(value_label(*credit, "other") == "other");
    const Fact* kind = book()->find_fact(shop(), "applicant.kind");
    REQUIRE(kind != nullptr);
    CHECK(kind->value_labels == std::vector<std::string>{"", ""});
    CHECK(value_label(*kind, "person") == "person");
  }

  TEST_CASE("every expression of the shipped rulebooks reads as Chinese") {
    check_shipped("tianjin");
    check_shipped("tianshui");
    check_shipped("hebei");
  }
}

}  // namespace
}  // namespace shenpi
