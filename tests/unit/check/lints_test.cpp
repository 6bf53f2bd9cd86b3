// SP301–SP314 (domain lints drawn from the reforms), except SP308, which
// the graph tests cover. Each lint: one fixture that fires it at the right
// place, and the nearest clean variant that does not.
#include "check/lints.hpp"
#include "load/diag_helpers.hpp"

using namespace shenpi;
using namespace shenpi::test;

namespace {

Severity severity_of(const std::vector<Diagnostic>& d, std::string_view code) {
  const auto it =
      std::find_if(d.begin(), d.end(), [&](const Diagnostic& x) { return x.code == code; });
  REQUIRE_MESSAGE(it != d.end(), describe(d));
  return it->severity;
}

}  // namespace

TEST_CASE("SP301: vague catch-all materials") {
  for (const char* name : {"其他材料", "有关材料", "相关材料", "其它材料", "其他相关材料",
                           "法律法规要求的其他文件", "身份证明等材料", "资质证书等证明", "其他"}) {
    CAPTURE(name);
    const auto d = item_diagnostics(
        item_with(std::string("materials:\n  - { id: misc, name: ") + name + ", basis: law }\n"));
    CHECK_DIAG(d, "SP301", 10, 11);
    CHECK(severity_of(d, "SP301") == Severity::error);
  }
  // Precise names pass, even when they contain 材料 or 证明.
  for (const char* name :
       {"申请材料真实性承诺书", "经营场所使用证明", "法定代表人身份证明", "章程"}) {
    CAPTURE(name);
    CHECK_CLEAN(item_diagnostics(
        item_with(std::string("materials:\n  - { id: a, name: ") + name + ", basis: law }\n")));
  }
  CHECK(detail::is_vague_material_name("其他材料"));
  CHECK_FALSE(detail::is_vague_material_name("营业执照"));
}

TEST_CASE("SP301: also through a catalogue material") {
  TempBook book;
  book.write("materials.yaml", "materials:\n  misc: { name: 相关证明, basis: 《法》 }\n")
      .item(item_with("materials:\n  - use: misc\n"));
  CHECK_DIAG(book.diagnostics(), "SP301", 10, 10);
}

TEST_CASE("SP302: a material with no legal basis") {
  const auto d = item_diagnostics(item_with("materials:\n  - { id: form, name: 申请书 }\n"));
  CHECK_DIAG(d, "SP302", 10, 11);
  CHECK(severity_of(d, "SP302") == Severity::warning);
  // A catalogue material brings its basis along; without one it warns too.
  CHECK_CLEAN(item_diagnostics(item_with("materials:\n  - use: id-card\n")));
  TempBook book;
  book.write("materials.yaml", "materials:\n  seal: { name: 公章 }\n")
      .item(item_with("materials:\n  - use: seal\n"));
  CHECK_DIAG(book.diagnostics(), "SP302", 10, 10);
}

TEST_CASE("SP303: a condition with no legal basis") {
  const auto d = item_diagnostics(
      item_with("conditions:\n  - { id: adult, text: 年满十八周岁, when: 'true' }\n"));
  CHECK_DIAG(d, "SP303", 10, 11);
  CHECK(severity_of(d, "SP303") == Severity::warning);
  CHECK(d.size() == 1);
}

TEST_CASE("SP304: a fee with no legal basis") {
  const auto d =
      item_diagnostics(item_with("fees:\n  - { id: fee, name: 工本费, amount: 10元 }\n"));
  CHECK_DIAG(d, "SP304", 10, 11);
  CHECK(severity_of(d, "SP304") == Severity::warning);
  CHECK_CLEAN(item_diagnostics(
      item_with("fees:\n  - { id: fee, name: 工本费, amount: 10元, basis: law }\n")));
}

TEST_CASE("SP305: promised limit above the statutory one") {
  const std::string head =
      "item:\n  code: T-1\n  name: 事项\n  kind: other\n  authority: 局\n  basis: [{ id: law, "
      "title: 《法》 }]\n";
  const auto d = item_diagnostics(
      head + "time_limit:\n  statutory: 5 working days\n  promised: 6 working days\n");
  CHECK_DIAG(d, "SP305", 8, 3);
  CHECK(severity_of(d, "SP305") == Severity::error);
  CHECK(d[0].message == "promised limit 6 working days exceeds the statutory limit 5 working days");
  // Mixed units compare by natural-day equivalents: 20 working days take
  // four weeks, more than 20 natural days; 5 working days fit in 7 days.
  CHECK_DIAG(item_diagnostics(head + "time_limit:\n  statutory: 20日\n  promised: 20个工作日\n"),
             "SP305", 8, 3);
  CHECK_CLEAN(
      item_diagnostics(head + "time_limit:\n  statutory: 7 days\n  promised: 5 working days\n"));
  CHECK_CLEAN(
      item_diagnostics(head + "time_limit:\n  statutory: 5 working days\n  promised: 即办\n"));
}

TEST_CASE("SP306: a core material marked tolerable") {
  const auto d = item_diagnostics(item_with(
      "tolerance: { supply_within: 5 working days }\n"
      "materials:\n  - { id: plan, name: 平面图, basis: law, core: true, tolerable: true }\n"));
  CHECK_DIAG(d, "SP306", 11, 11);
  CHECK(severity_of(d, "SP306") == Severity::error);
}

TEST_CASE("SP307: the applicant is asked for what another item produces") {
  TempBook book;
  book.item(item_with("outputs:\n  - { id: permit, name: 许可证 }\n"), "a.yaml")
      .item(
          "item:\n  code: T-0002\n  name: 后置事项\n  kind: other\n  authority: 局\n"
          "  basis: [{ id: law, title: 《法》 }]\ntime_limit: { statutory: 1 day }\n"
          "materials:\n  - { id: permit, name: 许可证, basis: law }\n",
          "b.yaml");
  const auto d = book.diagnostics();
  CHECK_DIAG(d, "SP307", 9, 11);
  CHECK(severity_of(d, "SP307") == Severity::warning);
  REQUIRE(d.size() == 1);
  CHECK(d[0].location.file == book.path("items/b.yaml"));
  REQUIRE(d[0].notes.size() == 1);
  CHECK(d[0].notes[0].location == SourceLocation{book.path("items/a.yaml"), 2, 9});

  // Fetched by data sharing, or never required: no warning.
  TempBook shared;
  shared.item(item_with("outputs:\n  - { id: permit, name: 许可证 }\n"), "a.yaml")
      .item(
          "item:\n  code: T-0002\n  name: 后置事项\n  kind: other\n  authority: 局\n"
          "  basis: [{ id: law, title: 《法》 }]\ntime_limit: { statutory: 1 day }\n"
          "materials:\n  - { id: permit, name: 许可证, basis: law, source: shared }\n",
          "b.yaml");
  CHECK_CLEAN(shared.diagnostics());
}

TEST_CASE("SP309: more than one required visit") {
  const auto d = item_diagnostics(
      "item:\n  code: T-1\n  name: 事项\n  kind: other\n  authority: 局\n  service: { max_visits: "
      "2 }\n"
      "time_limit: { statutory: 1 day }\n");
  // At the value of max_visits.
  CHECK_DIAG(d, "SP309", 6, 26);
  CHECK(severity_of(d, "SP309") == Severity::warning);
  CHECK_CLEAN(item_diagnostics(
      "item:\n  code: T-1\n  name: 事项\n  kind: other\n  authority: 局\n"
      "  service: { online: full, max_visits: 1 }\ntime_limit: { statutory: 1 day }\n"));
}

TEST_CASE("SP310: a tolerance policy but no tolerable material") {
  const auto d =
      item_diagnostics(item_with("tolerance:\n  max_missing: 1\n  supply_within: 5 working days\n"
                                 "materials:\n  - { id: plan, name: 平面图, basis: law }\n"));
  CHECK_DIAG(d, "SP310", 10, 3);
  CHECK(severity_of(d, "SP310") == Severity::warning);
}

TEST_CASE("SP311: a tolerable material but no tolerance policy") {
  const auto d = item_diagnostics(
      item_with("materials:\n  - { id: plan, name: 平面图, basis: law, tolerable: true }\n"
                "  - { id: list, name: 设备清单, basis: law, tolerable: true }\n"));
  CHECK_DIAG(d, "SP311", 10, 11);
  CHECK_DIAG(d, "SP311", 11, 11);
  CHECK(severity_of(d, "SP311") == Severity::warning);
}

TEST_CASE("SP312: an extension longer than the statutory limit") {
  const std::string head =
      "item:\n  code: T-1\n  name: 事项\n  kind: other\n  authority: 局\n  basis: [{ id: law, "
      "title: 《法》 }]\n";
  const auto d = item_diagnostics(
      head + "time_limit:\n  statutory: 10 working days\n  extension: 15 working days\n");
  CHECK_DIAG(d, "SP312", 8, 3);
  CHECK(severity_of(d, "SP312") == Severity::warning);
  CHECK_CLEAN(item_diagnostics(
      head + "time_limit:\n  statutory: 20 working days\n  extension: 10 working days\n"));
}

TEST_CASE("SP313: tolerated materials due after the promised completion") {
  const std::string head =
      "item:\n  code: T-1\n  name: 事项\n  kind: other\n  authority: 局\n  basis: [{ id: law, "
      "title: 《法》 }]\nmaterials:\n  - { id: plan, name: 平面图, basis: law, tolerable: true }\n";
  const std::string limits =
      "time_limit: { statutory: 20 working days, promised: 5 working days }\n";
  const auto d = item_diagnostics(
      head + "tolerance: { max_missing: 1, supply_within: 10 working days }\n" + limits);
  // At the value of supply_within, the setting to fix (issue #12), not at the policy.
  CHECK_DIAG(d, "SP313", 9, 45);
  CHECK(severity_of(d, "SP313") == Severity::warning);
  // Natural days compare by their working-day equivalent.
  CHECK_DIAG(item_diagnostics(head + "tolerance: { supply_within: 30 days }\n" + limits), "SP313",
             9, 29);
  CHECK_CLEAN(item_diagnostics(head + "tolerance: { supply_within: 5 working days }\n" + limits));
}

TEST_CASE("SP314: a special step that is not one of article 45's procedures") {
  const std::string head =
      "item:\n  code: T-1\n  name: 事项\n  kind: other\n  authority: 局\n  basis: [{ id: law, "
      "title: 《法》 }]\ntime_limit: { statutory: 20 working days }\nsteps:\n";
  // 现场核查 counts inside the limit (行政许可法第四十五条 does not list it).
  const auto d = item_diagnostics(
      head + "  - { id: site, name: 现场核查, takes: 3 working days, special: true }\n");
  CHECK_DIAG(d, "SP314", 9, 11);
  CHECK(severity_of(d, "SP314") == Severity::warning);
  // The eight procedures pass, also inside a longer name; unmarked steps are not checked.
  for (const char* name : {"听证", "公开招标", "拍卖", "产品检验", "水质检测", "动物检疫",
                           "司法鉴定", "特殊消防设计专家评审"}) {
    CAPTURE(name);
    CHECK_CLEAN(item_diagnostics(head + "  - { id: s, name: " + name +
                                 ", takes: 5 working days, special: true }\n"));
  }
  CHECK_CLEAN(item_diagnostics(head + "  - { id: site, name: 现场核查, takes: 3 working days }\n"));
  // 技术评估 is not the statute's word: an author names the procedure it really is.
  CHECK_FALSE(detail::is_article45_procedure("技术评估"));
  CHECK_FALSE(detail::is_article45_procedure("现场检查"));
  CHECK(detail::is_article45_procedure("技术评估（专家评审）"));
}

TEST_CASE("SP314 on its fixture: only the on-site review is flagged") {
  const auto result = load_fixture("check/special");
  CHECK_DIAG(result.diagnostics, "SP314", 24, 11);
  CHECK(result.diagnostics.size() == 1);
  CHECK(result.ok());
}

TEST_CASE("lints run on the full food licence fixture") {
  // One file with several reform problems at once, as an author would write it.
  const auto result = load_fixture("check/lints");
  const auto& d = result.diagnostics;
  CHECK_DIAG(d, "SP301", 40, 9);
  CHECK_DIAG(d, "SP302", 33, 9);
  CHECK_DIAG(d, "SP303", 25, 9);
  CHECK_DIAG(d, "SP304", 52, 9);
  CHECK_DIAG(d, "SP305", 48, 3);
  CHECK_DIAG(d, "SP306", 35, 9);
  CHECK_DIAG(d, "SP309", 9, 43);
  CHECK(d.size() == 7);
  CHECK(count_code(d, "SP301") == 1);
  CHECK_FALSE(result.ok());
}
