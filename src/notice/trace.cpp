// The trace as text: every condition, material and the 容缺 policy with
// what the engine checked, the facts it read, the result and the legal
// basis, in the words of the guide and the notices. A clerk or a reviewer
// (行政复议) reads it, so it names rules by their Chinese text and facts
// by their labels; ids, paths and expressions stay in the JSON trace.
#include <fmt/format.h>

#include "notice/words.hpp"
#include "shenpi/notice.hpp"

namespace shenpi {
namespace {

std::string condition_words(const Decision& d, std::size_t i, const Condition& c) {
  std::string out;
  switch (d.conditions[i]) {
    case ConditionStatus::met:
      out = "符合";
      break;
    case ConditionStatus::unmet:
      out = c.on_fail == Condition::OnFail::reject ? "不符合（不予受理）" : "不符合（须补正）";
      break;
    case ConditionStatus::committed:
      out = "以告知承诺替代证明";
      break;
    case ConditionStatus::unknown:
      out = "无法判断（所需事实未申报）";
      break;
    case ConditionStatus::error:
      out = "规则计算出错（转人工审查）";
      break;
  }
  if (d.commitment_conflicts[i]) out += "；承诺与申报的事实不符，不予采信";
  if (d.commitment_refused[i]) out += "；该条件不适用告知承诺，承诺未予采信";
  return out;
}

std::string material_words(const MaterialDecision& md) {
  std::string out = detail::material_status_words(md);
  if (md.commitment_refused && md.status != MaterialStatus::missing) out += "（承诺未予采信）";
  if (md.requirement_unknown) out += "（是否须提交无法判断：所需事实未申报）";
  if (md.requirement_error) out += "（是否须提交计算出错，转人工审查）";
  return out;
}

std::string tolerance_words(const Decision& d) {
  switch (d.tolerance) {
    case ToleranceState::not_needed:
      return "无需适用（没有缺少的可容缺材料）";
    case ToleranceState::applied:
      return "适用，予以容缺受理";
    case ToleranceState::no_policy:
      return "本事项未设容缺受理";
    case ToleranceState::policy_not_met:
      return "不适用（不符合适用情形）";
    case ToleranceState::too_many:
      return fmt::format("不适用（缺少的可容缺材料超过{}项）", d.item().tolerance.max_missing);
    case ToleranceState::letter_missing:
      return "不适用（未签署容缺承诺书）";
  }
  return {};
}

/// `申请人信用状况：良好；是否委托代理人办理：否；开业日期：未申报`.
std::string facts_words(const std::vector<detail::FactRead>& reads) {
  std::vector<std::string> parts;
  parts.reserve(reads.size());
  for (const auto& r : reads) {
    parts.push_back(fmt::format("{}：{}", r.label, r.known() ? r.shown : "未申报"));
  }
  return fmt::format("{}", fmt::join(parts, "；"));
}

struct TraceWriter {
  const Decision& d;
  const BoundApplication::Impl& app;
  const Item& item;
  std::string out;

  /// The rule's test (`what`: 审查要点 / 适用情形) and the facts it read.
  void checked(std::string_view what, const Expression& e) {
    if (e.empty()) return;
    out += fmt::format("     {}：{}\n", what, describe_expression(*app.book, item, e));
    const auto reads = detail::fact_reads(app, e);
    if (!reads.empty()) out += fmt::format("     申报事实：{}\n", facts_words(reads));
  }

  void basis(const std::string& title) {
    if (!title.empty()) out += fmt::format("     依据：{}\n", title);
  }

  void conditions() {
    if (item.conditions.empty()) return;
    out += "受理条件：\n";
    for (std::size_t i = 0; i < item.conditions.size(); ++i) {
      const Condition& c = item.conditions[i];
      out += fmt::format("  {}. {}：{}\n", i + 1, c.text, condition_words(d, i, c));
      checked("审查要点", c.when);
      basis(detail::basis_title(item, c.basis));
    }
  }

  void materials() {
    if (item.materials.empty()) return;
    out += "申请材料：\n";
    for (std::size_t i = 0; i < item.materials.size(); ++i) {
      const Material& m = item.materials[i];
      out += fmt::format("  {}. {}：{}\n", i + 1, m.name, material_words(d.materials[i]));
      checked("适用情形", m.required);
      basis(detail::material_basis(*app.book, item, m));
    }
  }

  void tolerance() {
    if (!item.tolerance.present) return;
    out += fmt::format("容缺受理：{}\n", tolerance_words(d));
    if (item.tolerance.when.empty()) {
      out += "     适用情形：所有申请人\n";
    } else {
      checked("适用情形", item.tolerance.when);
    }
    basis(detail::basis_title(item, item.tolerance.basis));
  }
};

}  // namespace

std::string render_trace(const Decision& d) {
  if (!d.valid() || !d.application) return {};
  TraceWriter w{d, detail::BoundAccess::impl(*d.application), d.item(), "审查记录\n"};
  w.conditions();
  w.materials();
  w.tolerance();
  w.out += fmt::format("审查结论：{}\n", detail::outcome_words(*d.outcome));
  return w.out;
}

}  // namespace shenpi
