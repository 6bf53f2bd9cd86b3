// One page per item: the elements of a 办事指南 (GB/T 39046) the rules
// carry, conditions as Chinese sentences, and the step flowchart.
#include <fmt/format.h>

#include "shenpi/notice.hpp"
#include "site/html.hpp"

namespace shenpi::detail::site {
namespace {

std::string tag(std::string_view css, std::string_view text) {
  return fmt::format("<span class=\"tag tag-{}\">{}</span>", css, escape(text));
}

std::string basis_of(const Item& item, const std::string& id) {
  const LegalBasis* b = item.find_basis(id);
  return b == nullptr ? std::string() : b->title;
}

std::string overview(const Item& item) {
  const Service& s = item.service;
  const std::string online = s.online == "full"      ? "全程网办"
                             : s.online == "partial" ? "部分网办"
                                                     : "窗口办理";
  std::string rows = fmt::format("<tr><th>事项名称</th><td>{}</td></tr>\n", escape(item.name));
  rows += fmt::format("<tr><th>事项编码</th><td><code>{}</code></td></tr>\n", escape(item.code));
  rows +=
      fmt::format("<tr><th>事项类型</th><td>{}</td></tr>\n", escape(kind_to_chinese(item.kind)));
  rows += fmt::format("<tr><th>实施主体</th><td>{}</td></tr>\n", escape(item.authority));
  if (!item.version.empty())
    rows += fmt::format("<tr><th>版本</th><td>{}</td></tr>\n", escape(item.version));
  rows += fmt::format("<tr><th>办理形式</th><td>{}</td></tr>\n", online);
  rows +=
      fmt::format("<tr><th>到办事现场次数</th><td>{}次{}</td></tr>\n", s.max_visits,
                  s.visits_reason.empty() ? std::string() : "（" + escape(s.visits_reason) + "）");
  return "<section id=\"overview\"><h2>基本信息</h2><table>\n" + rows + "</table></section>\n";
}

std::string bases(const Item& item) {
  std::string out = "<section id=\"basis\"><h2>设定依据</h2><ul>\n";
  for (const auto& b : item.basis) out += "<li>" + escape(b.title) + "</li>\n";
  return out + "</ul></section>\n";
}

std::string conditions(const Rulebook& book, const Item& item) {
  std::string out = "<section id=\"conditions\"><h2>受理条件</h2><ol>\n";
  for (const auto& c : item.conditions) {
    out += "<li>" + escape(c.text);
    if (c.on_fail == Condition::OnFail::reject) out += tag("reject", "不符合的，不予受理");
    if (c.commitment_allowed) out += tag("commit", "可告知承诺");
    const std::string sentence = describe_expression(book, item, c.when);
    if (!sentence.empty())
      out += "<div class=\"sentence\">审查要点：" + escape(sentence) + "</div>";
    const std::string basis = basis_of(item, c.basis);
    if (!basis.empty()) out += "<div class=\"sentence\">依据：" + escape(basis) + "</div>";
    out += "</li>\n";
  }
  if (item.conditions.empty()) out += "<li>无特别条件</li>\n";
  return out + "</ol></section>\n";
}

std::string material_row(const Rulebook& book, const Item& item, const Material& m, int n) {
  std::string source = m.source == Material::Source::shared ? tag("shared", "数据共享，免提交")
                       : m.issuer.empty()                   ? std::string("申请人自备")
                                                            : "由" + escape(m.issuer) + "出具";
  std::string need = m.requirement == Material::Requirement::when
                         ? "适用情形：" + escape(describe_expression(book, item, m.required))
                         : std::string("必需");
  std::string marks;
  if (m.core) marks += tag("core", "主审要件");
  if (m.tolerable) marks += tag("tolerable", "可容缺后补");
  if (m.commitment_allowed) marks += tag("commit", "可告知承诺替代");
  std::string basis = m.basis.empty() ? std::string() : basis_of(item, m.basis);
  if (basis.empty()) {
    for (const auto& c : book.catalog()) {
      if (!m.catalog_id.empty() && c.id == m.catalog_id) basis = c.basis_title;
    }
  }
  std::string name = escape(m.name) + marks;
  if (!m.note.empty()) name += "<div class=\"sentence\">" + escape(m.note) + "</div>";
  return fmt::format(
      "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n", n, name,
      escape(form_to_chinese(m.form)), source, need, escape(basis));
}

std::string materials(const Rulebook& book, const Item& item) {
  std::string out =
      "<section id=\"materials\"><h2>申请材料</h2><table>\n"
      "<tr><th>序号</th><th>材料名称</th><th>材料形式</th><th>来源渠道</th><th>必要性</"
      "th><th>依据</th></tr>\n";
  int n = 0;
  for (const auto& m : item.materials) {
    if (m.requirement != Material::Requirement::never) out += material_row(book, item, m, ++n);
  }
  return out + "</table></section>\n";
}

std::string tolerance(const Rulebook& book, const Item& item) {
  const TolerancePolicy& t = item.tolerance;
  if (!t.present) return {};
  std::string out = "<section id=\"tolerance\"><h2>容缺受理</h2><ul>\n";
  out +=
      "<li>适用情形：" +
      escape(t.when.empty() ? std::string("所有申请人") : describe_expression(book, item, t.when)) +
      "</li>\n";
  if (t.max_missing >= 0) out += fmt::format("<li>容缺材料不超过{}项</li>\n", t.max_missing);
  out += "<li>补齐时限：受理后" + escape(t.supply_within.to_chinese()) + "</li>\n";
  if (t.letter_required) out += "<li>须签署容缺承诺书</li>\n";
  return out + "</ul></section>\n";
}

std::string time_and_fees(const Item& item) {
  std::string out = "<section id=\"time-limit\"><h2>办理时限</h2><ul>\n";
  out += "<li>法定办结时限：" + escape(item.time_limit.statutory.to_chinese()) + "</li>\n";
  out += "<li>承诺办结时限：" + escape(item.time_limit.promised.to_chinese()) + "</li>\n";
  if (item.time_limit.extension)
    out += "<li>可延长：" + escape(item.time_limit.extension->to_chinese()) + "</li>\n";
  out += "</ul></section>\n<section id=\"fees\"><h2>收费</h2>";
  if (item.fees.empty()) out += "<p>不收费</p>";
  for (const auto& f : item.fees) {
    const std::string basis = basis_of(item, f.basis);
    out += "<p>" + escape(f.name) + "：" + escape(f.amount) +
           (basis.empty() ? "" : "（依据：" + escape(basis) + "）") + "</p>";
  }
  out += "</section>\n<section id=\"outputs\"><h2>办理结果</h2><ul>\n";
  for (const auto& o : item.outputs) {
    out += "<li>" + escape(o.name) +
           (o.valid_for.empty() ? ""
                                : "（有效期：" + escape(validity_to_chinese(o.valid_for)) + "）") +
           "</li>\n";
  }
  return out + "</ul></section>\n";
}

std::string steps(const Rulebook& book, const Item& item) {
  std::string out = "<section id=\"steps\"><h2>办理流程</h2>\n<div class=\"chart\">" +
                    steps_svg(book, item) + "</div>\n<ol>\n";
  for (const auto& s : item.steps) {
    out += "<li>" + escape(s.name) + "（" + escape(s.takes.to_chinese()) + "）";
    if (s.special) out += tag("core", "特别程序，时间不计入办结时限");
    if (!s.when.empty())
      out += "<div class=\"sentence\">适用情形：" +
             escape(describe_expression(book, item, s.when)) + "</div>";
    out += "</li>\n";
  }
  return out + "</ol></section>\n";
}

}  // namespace

std::string item_page(const Rulebook& book, const Item& item, const SiteOptions& options) {
  std::string body = "<h1>" + escape(item.name) + " 办事指南</h1>\n";
  body += overview(item) + bases(item) + conditions(book, item) + materials(book, item) +
          tolerance(book, item);
  body += steps(book, item) + time_and_fees(item);
  body += self_check_section(book, item, options);
  return page(item.name + " 办事指南", "../", body);
}

}  // namespace shenpi::detail::site
