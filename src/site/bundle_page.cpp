// One page per bundle (一件事): the parallel plan as a Gantt chart on the
// working-day calendar, the critical path, and the merged 一表申请 checklist.
#include <algorithm>

#include <fmt/format.h>

#include "shenpi/diagnostic_codes.hpp"
#include "site/html.hpp"

namespace shenpi::detail::site {
namespace {

std::string item_link(const Rulebook& book, const std::string& code) {
  const Item* item = book.find_item(code);
  const std::string name = item == nullptr ? code : item->name;
  return fmt::format("<a href=\"../items/{}.html\">{}</a>", escape(file_name(code)), escape(name));
}

std::string summary(const Rulebook& book, const ApprovalGraph& g) {
  std::string out = "<section id=\"plan\"><h2>并联审批计划</h2><ul>\n";
  if (g.start() && g.finish()) {
    out += fmt::format("<li>开始日期：{}年{}月{}日；预计办结：{}年{}月{}日</li>\n",
                       g.start()->year(), g.start()->month(), g.start()->day(), g.finish()->year(),
                       g.finish()->month(), g.finish()->day());
  }
  out += fmt::format("<li>并联办理：{}个工作日；逐项串联办理需{}个工作日</li>\n",
                     g.critical_length(), g.serial_length());
  if (g.target()) out += "<li>目标时限：" + escape(g.target()->to_chinese()) + "</li>\n";
  out += "<li>关键路径：";
  for (std::size_t k = 0; k < g.critical_path().size(); ++k) {
    out += (k == 0 ? "" : " → ") + item_link(book, g.critical_path()[k]);
  }
  out += "</li>\n</ul>\n<div class=\"chart\">" + gantt_svg(book, g) + "</div>\n";
  out +=
      "<table><tr><th>阶段</th><th>事项</th><th>实施主体</th><th>时限</th><th>开始</th><th>办结</"
      "th></tr>\n";
  for (const auto& n : g.nodes()) {
    const auto date = [](const std::optional<Date>& d) {
      return d ? fmt::format("{}年{}月{}日", d->year(), d->month(), d->day()) : std::string("—");
    };
    const auto& stage = g.stages()[static_cast<std::size_t>(n.stage)];
    out += fmt::format(
        "<tr{}><td>{}</td><td>{}{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
        on_critical_path(g, n.code) ? " class=\"critical\"" : "",
        escape(stage.name.empty() ? fmt::format("第{}阶段", n.stage + 1) : stage.name),
        item_link(book, n.code),
        on_critical_path(g, n.code) ? "<span class=\"tag tag-reject\">关键路径</span>" : "",
        escape(n.authority), escape(n.limit.to_chinese()), date(n.start), date(n.finish));
  }
  return out + "</table></section>\n";
}

std::string checklist(const Rulebook& book, const ApprovalGraph& g) {
  std::string out = fmt::format(
      "<section "
      "id=\"checklist\"><h2>一表申请：合并材料清单</"
      "h2>\n<p>逐项申请需提交{}份材料，合并后只需提交{}份。</p>\n"
      "<table><tr><th>序号</th><th>材料名称</th><th>所需事项</th></tr>\n",
      g.asked_separately(), g.asked_merged());
  int n = 0;
  for (const auto& e : g.checklist()) {
    std::string items;
    for (const auto& code : e.items) items += (items.empty() ? "" : "、") + item_link(book, code);
    out += fmt::format("<tr><td>{}</td><td>{}{}</td><td>{}</td></tr>\n", ++n, escape(e.name),
                       e.conditional ? "（视情形提交）" : "", items);
  }
  return out + "</table></section>\n";
}

}  // namespace

std::string bundle_page(const Rulebook& book, const Bundle& bundle, Date start) {
  GraphOptions options;
  options.start = start;
  ApprovalGraph g = book.graph(bundle.code, options);
  std::string body = "<h1>" + escape(bundle.name) + "</h1>\n";
  body += fmt::format("<p>一件事编码：<code>{}</code></p>\n", escape(bundle.code));
  if (!g.ok()) {
    // A start date the calendar does not cover still leaves an undated plan.
    g = book.graph(bundle.code);
    if (g.ok())
      body +=
          "<p class=\"note\">开始日期超出已载入的工作日历，以下计划按工作日计，不标注日期。</p>\n";
  }
  if (g.ok()) {
    body += summary(book, g);
  } else {
    const bool cycle =
        std::any_of(g.diagnostics().begin(), g.diagnostics().end(),
                    [](const Diagnostic& d) { return d.code == codes::bundle_cycle; });
    body += std::string("<section id=\"plan\"><h2>并联审批计划</h2><p>无法排出计划：") +
            (cycle ? "事项之间存在循环依赖（互为前后置）" : "规则有误，请联系实施机关") +
            "。</p></section>\n";
  }
  body += checklist(book, g);
  return page(bundle.name, "../", body);
}

}  // namespace shenpi::detail::site
