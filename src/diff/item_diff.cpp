// The structural diff of two versions of an item, one Chinese sentence per
// change (docs/versions.md, "Reading a diff").
#include "diff/diff_parts.hpp"

#include <fmt/format.h>

#include "shenpi/notice.hpp"

namespace shenpi::detail {
namespace {

const char* yes_no(bool b) {
  return b ? "是" : "否";
}

/// One side of the diff: an item version with the rulebook that holds its
/// facts, so expressions read as sentences with that version's labels.
struct Side {
  const Rulebook& book;
  const Item& item;

  /// An expression as the guide states it (describe_expression), never
  /// the raw text: the diff is read by a reform office, not a programmer.
  std::string sentence(const Expression& e, const char* empty) const {
    return e.empty() ? std::string(empty) : describe_expression(book, item, e);
  }
};

std::string requirement(const Side& side, const Material& m) {
  switch (m.requirement) {
    case Material::Requirement::always:
      return "一律提交";
    case Material::Requirement::never:
      return "不需提交";
    case Material::Requirement::when:
      return fmt::format("{}的，提交", side.sentence(m.required, ""));
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

void material_changes(const Side& sa, const Material& a, const Side& sb, const Material& b,
                      std::vector<std::string>& out) {
  const std::string what = fmt::format("材料「{}」", b.name);
  field(out, what + "名称", a.name, b.name);
  field(out, what + "提交条件", requirement(sa, a), requirement(sb, b));
  field(out, what + "来源", a.source == Material::Source::shared ? "数据共享免提交" : "申请人提交",
        b.source == Material::Source::shared ? "数据共享免提交" : "申请人提交");
  field(out, what + "可容缺", yes_no(a.tolerable), yes_no(b.tolerable));
  field(out, what + "主审要件", yes_no(a.core), yes_no(b.core));
  field(out, what + "可告知承诺", yes_no(a.commitment_allowed), yes_no(b.commitment_allowed));
  field(out, what + "形式", form(a.form), form(b.form));
}

void condition_changes(const Side& sa, const Condition& a, const Side& sb, const Condition& b,
                       std::vector<std::string>& out) {
  const std::string what = fmt::format("条件「{}」的", b.text);
  field(out, what + "内容", a.text, b.text);
  field(out, what + "审查要点", sa.sentence(a.when, "（无）"), sb.sentence(b.when, "（无）"));
  const auto fail = [](const Condition& c) {
    return c.on_fail == Condition::OnFail::reject ? "不予受理" : "补正";
  };
  field(out, what + "不满足时", fail(a), fail(b));
  field(out, what + "可告知承诺", yes_no(a.commitment_allowed), yes_no(b.commitment_allowed));
}

void step_changes(const Side& sa, const Step& a, const Side& sb, const Step& b,
                  std::vector<std::string>& out) {
  const std::string what = fmt::format("环节「{}」的", b.name);
  field(out, what + "名称", a.name, b.name);
  field(out, what + "用时", a.takes.to_chinese(), b.takes.to_chinese());
  field(out, what + "适用情形", sa.sentence(a.when, "一律"), sb.sentence(b.when, "一律"));
  field(out, what + "特别程序", yes_no(a.special), yes_no(b.special));
}

/// Added, removed and changed entries of two lists keyed by id (the id
/// pairs the versions; the words name entries by their Chinese names).
template <typename T, typename Label, typename Changes>
void compare_lists(const Side& sa, const std::vector<T>& old_list, const Side& sb,
                   const std::vector<T>& new_list, const char* noun, Label label, Changes changes,
                   std::vector<std::string>& out) {
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
      changes(sa, *a, sb, b, out);
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

std::string tolerance_text(const Side& side) {
  const TolerancePolicy& t = side.item.tolerance;
  if (!t.present) return "不实行容缺受理";
  return fmt::format("适用情形：{}；最多缺{}；补齐期限{}", side.sentence(t.when, "所有申请人"),
                     t.max_missing < 0 ? std::string("不限") : fmt::format("{}件", t.max_missing),
                     t.supply_within.to_chinese());
}

/// 证照分离's four ways (国发〔2021〕7号), as the reform office names them.
std::string reform_words(const std::string& reform) {
  if (reform == "cancel") return "直接取消审批";
  if (reform == "filing") return "审批改为备案";
  if (reform == "commitment") return "实行告知承诺";
  if (reform == "optimize") return "优化审批服务";
  if (reform == "none" || reform.empty()) return "未列入“证照分离”改革";
  return reform;
}

/// 承诺 policy: the item's reform and what may be replaced by a commitment.
std::string commitment_text(const Item& item) {
  std::vector<std::string> names;
  for (const auto& c : item.conditions) {
    if (c.commitment_allowed) names.push_back("『" + c.text + "』");
  }
  for (const auto& m : item.materials) {
    if (m.commitment_allowed) names.push_back("『" + m.name + "』");
  }
  if (names.empty()) return fmt::format("改革方式：{}；不实行告知承诺", reform_words(item.reform));
  return fmt::format("改革方式：{}；可承诺：{}", reform_words(item.reform), fmt::join(names, "、"));
}

}  // namespace

std::vector<std::string> item_changes(const Rulebook& old_book, const Item& a,
                                      const Rulebook& new_book, const Item& b) {
  const Side sa{old_book, a};
  const Side sb{new_book, b};
  std::vector<std::string> out;
  field(out, "事项名称", a.name, b.name);
  field(out, "实施机关", a.authority, b.authority);
  compare_lists(
      sa, a.materials, sb, b.materials, "材料",
      [](const Material& m) { return fmt::format("「{}」", m.name); }, material_changes, out);
  compare_lists(
      sa, a.conditions, sb, b.conditions, "条件",
      [](const Condition& c) { return fmt::format("「{}」", c.text); }, condition_changes, out);
  limit_changes(a, b, out);
  field(out, "容缺受理", tolerance_text(sa), tolerance_text(sb));
  field(out, "告知承诺", commitment_text(a), commitment_text(b));
  compare_lists(
      sa, a.steps, sb, b.steps, "环节",
      [](const Step& s) { return fmt::format("「{}」（{}）", s.name, s.takes.to_chinese()); },
      step_changes, out);
  return out;
}

}  // namespace shenpi::detail
