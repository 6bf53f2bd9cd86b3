// render_site on the site fixture: the pages it makes, what each page
// holds, and that names from the rules are escaped everywhere.
#include <algorithm>

#include "evaluate/eval_test_util.hpp"
#include "shenpi/site.hpp"
#include "site/html.hpp"

namespace shenpi {
namespace {

using eval_test::load_book;

std::shared_ptr<const Rulebook> book() {
  static const auto b = load_book(SHENPI_FIXTURES "/site/book");
  return b;
}

/// A copy: callers pass the temporary result of render_site, and a
/// reference into it would dangle (ASan found one).
SitePage find(const std::vector<SitePage>& pages, std::string_view path) {
  const auto it =
      std::find_if(pages.begin(), pages.end(), [&](const SitePage& p) { return p.path == path; });
  REQUIRE_MESSAGE(it != pages.end(), path);
  return *it;
}

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

SiteOptions dated(bool self_check) {
  SiteOptions o;
  o.self_check = self_check;
  o.start = Date::parse("2025-09-26");
  return o;
}

TEST_SUITE("site") {
  TEST_CASE("one index, one page per item and per bundle") {
    const auto pages = render_site({book()}, dated(false));
    REQUIRE(pages.size() == 4);
    CHECK(pages.front().path == "index.html");
    for (const auto& p : pages) CHECK(p.content_type == "text/html; charset=utf-8");
    find(pages, "items/T-SITE-0001.html");
    find(pages, "items/T-SITE-0002.html");
    find(pages, "bundles/T-SITE-YJS.html");
  }

  TEST_CASE("item and bundle names are escaped in HTML and SVG") {
    const auto pages = render_site({book()}, dated(false));
    for (const auto& p : pages) {
      CAPTURE(p.path);
      CHECK_FALSE(contains(p.body, "<b>经营</b>"));
      CHECK_FALSE(contains(p.body, "<一件事>"));
      CHECK_FALSE(contains(p.body, "决定<审批>"));
    }
    const std::string& item = find(pages, "items/T-SITE-0001.html").body;
    CHECK(contains(item, "测试&lt;b&gt;经营&lt;/b&gt;许可&amp;&quot;审批&quot;"));
    CHECK(contains(item, "决定&lt;审批&gt;"));
    CHECK(contains(find(pages, "index.html").body, "我要开店&lt;一件事&gt;"));
  }

  TEST_CASE("the item page: guide elements, sentences, marks, flowchart") {
    const std::string& p = find(render_site({book()}, dated(false)), "items/T-SITE-0001.html").body;
    for (const char* part : {"事项名称",
                             "事项编码",
                             "T-SITE-0001",
                             "设定依据",
                             "受理条件",
                             "申请材料",
                             "办理流程",
                             "法定办结时限：20个工作日",
                             "承诺办结时限：5个工作日",
                             "收费",
                             "不收费",
                             "办理结果",
                             "到办事现场次数",
                             "审查要点：申请人信用状况不是严重失信",
                             "可容缺后补",
                             "可告知承诺替代",
                             "主审要件",
                             "数据共享，免提交",
                             "适用情形：经营类型为餐饮服务",
                             "<svg",
                             "现场核查",
                             "适用情形：经营散装食品",
                             "特别程序"}) {
      CAPTURE(part);
      CHECK(contains(p, part));
    }
    CHECK_FALSE(contains(p, "http://") !=
                contains(p, "http://www.w3.org/2000/svg"));  // only the SVG namespace
    CHECK_FALSE(contains(p, "https://"));
  }

  TEST_CASE("the bundle page: Gantt chart on the calendar, critical path, merged checklist") {
    const std::string& p =
        find(render_site({book()}, dated(false)), "bundles/T-SITE-YJS.html").body;
    CHECK(contains(p, "<svg"));
    CHECK(contains(p, "关键路径"));
    CHECK(contains(p, "2025年9月26日"));
    CHECK(contains(p, "一表申请"));
    CHECK(contains(p, "招牌设计图"));
    CHECK(contains(p, "class=\"bar critical\""));
  }

  TEST_CASE("the self-check form only when served") {
    const std::string plain =
        find(render_site({book()}, dated(false)), "items/T-SITE-0001.html").body;
    CHECK(contains(plain, "自助预审需要连接审批服务"));
    CHECK_FALSE(contains(plain, "<form"));
    const std::string served =
        find(render_site({book()}, dated(true)), "items/T-SITE-0001.html").body;
    CHECK(contains(served, "<form id=\"self-check-form\""));
    CHECK(contains(served, "/v1/evaluate"));
    CHECK(contains(served, "<option value=\"dishonest\">严重失信</option>"));
    CHECK(contains(served, "data-type=\"decimal\""));
    CHECK(contains(served, "value=\"tolerance-letter\""));
    // A shared material is never asked of the applicant.
    CHECK_FALSE(contains(served, "data-material=\"business-license\""));
  }

  TEST_CASE("a code that is not a safe file name stays inside its folder") {
    CHECK(detail::site::file_name("TJ-SCJG-XK-0012") == "TJ-SCJG-XK-0012");
    CHECK(detail::site::file_name("../x y") == "%2E.%2Fx%20y");
    CHECK(detail::site::file_name("") == "_");
    CHECK(detail::site::file_name("事项") == "%E4%BA%8B%E9%A1%B9");
  }

  TEST_CASE("texts inside inline scripts cannot close the script") {
    CHECK(detail::site::script_string("a</script>\"b") == "\"a\\u003c/script\\u003e\\\"b\"");
    CHECK(detail::site::escape("<&>\"'") == "&lt;&amp;&gt;&quot;&#39;");
  }

  TEST_CASE("no rulebook: the index alone") {
    const auto pages = render_site({}, {});
    REQUIRE(pages.size() == 1);
    CHECK(pages[0].path == "index.html");
  }
}

}  // namespace
}  // namespace shenpi
