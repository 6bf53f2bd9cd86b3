// The structural diff of two versions of an item, one Chinese sentence per
// change (docs/versions.md, "Reading a diff").
#include "diff/diff_parts.hpp"

#include <fmt/format.h>

namespace shenpi::detail {
namespace {

const char* yes_no(bool b) {
  return b ? "是" : "否";
}

std::string when_text(const Expression& e, const char* empty) {
  return e.empty() ? std::string(empty) : e.text();
}

std::string requirement(const Material& m) {
  switch (m.requirement) {
    case Material::Requirement::always:
      return "一律提交";
    case Material::Requirement::never:
      return "不需提交";
    case Material::Requirement::when:
      return fmt::format("当 {} 时提交", m.required.text());
  }
  return {};
}

std::string form(const MaterialForm& f) {
  return fmt::format("{}{}{}", f.original ? "原件" : "复印件",
                     f.copies > 0 ? fmt::format("{}份", f.copies) : std::string(),
                     f.electronic ? "，可电子提交" : "，纸质");
}

void field(std::vector<std::string>& out, const std::string& what, const std::string& was,
           const std::string& now) {
  if (was != now) out.push_back(fmt::format("{}：由「{}」改为「{}」", what, was, now));
}

void material_changes(const Material& a, const Material& b, std::vector<std::string>& out) {
  const std::string what = fmt::format("材料「{}」（{}）", b.name, b.id);
  field(out, what + "名称", a.name, b.name);
  field(out, what + "提交条件", requirement(a), requirement(b));
  field(out, what + "来源", a.source == Material::Source::shared ? "数据共享免提交" : "申请人提交",
        b.source == Material::Source::shared ? "数据共享免提交" : "申请人提交");
  field(out, what + "可容缺", yes_no(a.tolerable), yes_no(b.tolerable));
  field(out, what + "主审要件", yes_no(a.core), yes_no(b.core));
  field(out, what + "可告知承诺", yes_no(a.commitment_allowed), yes_no(b.commitment_allowed));
  field(out, what + "形式", form(a.form), form(b.form));
}

void condition_changes(const Condition& a, const Condition& b, std::vector<std::string>& out) {
  const std::string what = fmt::format("条件 {} 的", b.id);
  field(out, what + "内容", a.text, b.text);
  field(out, what + "判断式", when_text(a.when, "（无）"), when_text(b.when, "（无）"));
  const auto fail = [](const Condition& c) {
    return c.on_fail == Condition::OnFail::reject ? "不予受理" : "补正";
  };
  field(out, what + "不满足时", fail(a), fail(b));
  field(out, what + "可告知承诺", yes_no(a.commitment_allowed), yes_no(b.commitment_allowed));
}

void step_changes(const Step& a, const Step& b, std::vector<std::string>& out) {
  const std::string what = fmt::format("环节 {} 的", b.id);
  field(out, what + "名称", a.name, b.name);
  field(out, what + "用时", a.takes.to_chinese(), b.takes.to_chinese());
  field(out, what + "适用条件", when_text(a.when, "一律"), when_text(b.when, "一律"));
  field(out, what + "特别程序", yes_no(a.special), yes_no(b.special));
}

/// Added, removed and changed entries of two lists keyed by id.
template <typename T, typename Label, typename Changes>
void compare_lists(const std::vector<T>& old_list, const std::vector<T>& new_list, const char* noun,
                   Label label, Changes changes, std::vector<std::string>& out) {
  const auto find = [](const std::vector<T>& list, const std::string& id) -> const T* {
    for (const auto& x : list) {
      if (x.id == id) return &x;
    }
    return nullptr;
  };
  for (const auto& a : old_list) {
    if (find(new_list, a.id) == nullptr) out.push_back(fmt::format("取消{}{}", noun, label(a)));
  }
  for (const auto& b : new_list) {
    const T* a = find(old_list, b.id);
    if (a == nullptr) {
      out.push_back(fmt::format("新增{}{}", noun, label(b)));
    } else {
      changes(*a, b, out);
    }
  }
}

std::string online_words(const std::string& online) {
  if (online == "full") return "全程网办";
  if (online == "partial") return "部分网办";
  return "不能网办";
}

std::string optional_duration(const std::optional<Duration>& d) {
  return d ? d->to_chinese() : std::string("不得延长");
}

void limit_changes(const Item& a, const Item& b, std::vector<std::string>& out) {
  field(out, "法定时限", a.time_limit.statutory.to_chinese(), b.time_limit.statutory.to_chinese());
  field(out, "承诺时限", a.time_limit.promised.to_chinese(), b.time_limit.promised.to_chinese());
  field(out, "延长期限", optional_duration(a.time_limit.extension),
        optional_duration(b.time_limit.extension));
  field(out, "最多跑动次数", fmt::format("{}次", a.service.max_visits),
        fmt::format("{}次", b.service.max_visits));
  field(out, "网上办理", online_words(a.service.online), online_words(b.service.online));
}

std::string tolerance_text(const TolerancePolicy& t) {
  if (!t.present) return "不实行容缺受理";
  return fmt::format("{}；最多缺{}；补齐期限{}", t.when.empty() ? "一律适用" : t.when.text(),
                     t.max_missing < 0 ? std::string("不限") : fmt::format("{}件", t.max_missing),
                     t.supply_within.to_chinese());
}

/// 承诺 policy: the item's reform and what may be replaced by a commitment.
std::string commitment_text(const Item& item) {
  std::vector<std::string> ids;
  for (const auto& c : item.conditions) {
    if (c.commitment_allowed) ids.push_back(c.id);
  }
  for (const auto& m : item.materials) {
    if (m.commitment_allowed) ids.push_back(m.id);
  }
  if (ids.empty()) return fmt::format("改革方式 {}，不实行告知承诺", item.reform);
  return fmt::format("改革方式 {}，可承诺：{}", item.reform, fmt::join(ids, "、"));
}

}  // namespace

std::vector<std::string> item_changes(const Item& a, const Item& b) {
  std::vector<std::string> out;
  field(out, "事项名称", a.name, b.name);
  field(out, "实施机关", a.authority, b.authority);
  compare_lists(
      a.materials, b.materials, "材料",
      [](const Material& m) { return fmt::format("「{}」（{}）", m.name, m.id); }, material_changes,
      out);
  compare_lists(
      a.conditions, b.conditions, "条件",
      [](const Condition& c) { return fmt::format(" {}：{}", c.id, c.text); }, condition_changes,
      out);
  limit_changes(a, b, out);
  field(out, "容缺受理", tolerance_text(a.tolerance), tolerance_text(b.tolerance));
  field(out, "告知承诺", commitment_text(a), commitment_text(b));
  compare_lists(
      a.steps, b.steps, "环节",
      [](const Step& s) { return fmt::format("「{}」（{}）", s.name, s.takes.to_chinese()); },
      step_changes, out);
  return out;
}

}  // namespace shenpi::detail
