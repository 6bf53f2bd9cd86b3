// 办事指南: the item as a citizen reads it, rendered from the checked model.
#include <fmt/format.h>

#include "notice/words.hpp"
#include "shenpi/calendar.hpp"
#include "shenpi/notice.hpp"

namespace shenpi {

std::string kind_to_chinese(const std::string& kind) {
  return detail::kind_words(kind);
}

namespace {

std::string online_words(const Service& s) {
  const std::string online = s.online == "full"      ? "全程网办"
                             : s.online == "partial" ? "部分网办"
                                                     : "窗口办理";
  return fmt::format("{}；到办事现场次数：{}次{}", online, s.max_visits,
                     s.visits_reason.empty() ? std::string() : "（" + s.visits_reason + "）");
}

std::string material_notes(const Rulebook& book, const Item& item, const Material& m) {
  std::vector<std::string> notes;
  if (m.source == Material::Source::shared) notes.emplace_back("数据共享获取，免于提交");
  if (m.requirement == Material::Requirement::when)
    notes.push_back("适用情形：" + detail::readable(book, item, m.required));
  if (m.core) notes.emplace_back("主审要件");
  if (m.tolerable) notes.emplace_back("可容缺后补");
  if (m.commitment_allowed) notes.emplace_back("可告知承诺替代");
  if (!m.issuer.empty()) notes.push_back("出具机构：" + m.issuer);
  if (!m.note.empty()) notes.push_back(m.note);
  const std::string basis = detail::material_basis(book, item, m);
  if (!basis.empty()) notes.push_back("依据：" + basis);
  return fmt::format("{}", fmt::join(notes, "；"));
}

}  // namespace

std::string render_guide(const Rulebook& book, const Item& item) {
  std::string out;
  const auto line = [&out](const std::string& s) { out += s + '\n'; };
  line(fmt::format("{} 办事指南", item.name));
  line(fmt::format("事项编码：{}    版本：{}", item.code,
                   item.version.empty() ? "—" : item.version));
  line(fmt::format("事项类型：{}    实施机关：{}", detail::kind_words(item.kind), item.authority));
  line(fmt::format("办理形式：{}", online_words(item.service)));
  line("");
  line("一、设定依据");
  for (const auto& b : item.basis) line(fmt::format("  {}", b.title));
  line("");
  line("二、受理条件");
  int n = 0;
  for (const auto& c : item.conditions) {
    std::string extra = c.on_fail == Condition::OnFail::reject ? "（不符合的，不予受理）" : "";
    if (c.commitment_allowed) extra += "（可告知承诺）";
    const std::string basis = detail::basis_title(item, c.basis);
    line(fmt::format("  {}. {}{}{}", ++n, c.text, extra,
                     basis.empty() ? std::string() : "  依据：" + basis));
    // What the engine checks, in words, so the guide and the decision cannot disagree.
    if (!c.when.empty()) line("     审查要点：" + describe_expression(book, item, c.when));
  }
  line("");
  line("三、申请材料");
  n = 0;
  for (const auto& m : item.materials) {
    if (m.requirement == Material::Requirement::never) continue;
    line(fmt::format("  {}. {}（{}）", ++n, m.name, detail::form_words(m.form)));
    const std::string notes = material_notes(book, item, m);
    if (!notes.empty()) line(fmt::format("     {}", notes));
  }
  if (item.tolerance.present) {
    line("");
    line("四、容缺受理");
    line(fmt::format("  适用情形：{}", item.tolerance.when.empty()
                                           ? std::string("所有申请人")
                                           : detail::readable(book, item, item.tolerance.when)));
    if (item.tolerance.max_missing >= 0)
      line(fmt::format("  容缺材料不超过{}项", item.tolerance.max_missing));
    line(fmt::format("  补齐时限：受理后{}", item.tolerance.supply_within.to_chinese()));
    if (item.tolerance.letter_required) line("  须签署容缺承诺书");
  }
  line("");
  line("五、办理时限");
  line(fmt::format("  法定办结时限：{}；承诺办结时限：{}", item.time_limit.statutory.to_chinese(),
                   item.time_limit.promised.to_chinese()));
  if (item.time_limit.extension)
    line(fmt::format("  可延长：{}", item.time_limit.extension->to_chinese()));
  line("");
  line("六、办理流程");
  n = 0;
  for (const auto& s : item.steps) {
    line(fmt::format("  {}. {}（{}）{}", ++n, s.name, s.takes.to_chinese(),
                     s.special ? "  特别程序，时间不计入办结时限" : ""));
  }
  if (!item.fees.empty()) {
    line("");
    line("七、收费");
    for (const auto& f : item.fees) line(fmt::format("  {}：{}", f.name, f.amount));
  } else {
    line("");
    line("七、收费：不收费");
  }
  line("");
  line("八、办理结果");
  for (const auto& o : item.outputs) {
    line(fmt::format("  {}{}", o.name,
                     o.valid_for.empty() ? std::string()
                                         : "（有效期：" + validity_to_chinese(o.valid_for) + "）"));
  }
  return out;
}

}  // namespace shenpi
