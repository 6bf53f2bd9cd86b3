// The four notices of acceptance (行政许可法 第三十二条, 第三十八条).
#include <fmt/format.h>

#include "notice/words.hpp"
#include "shenpi/notice.hpp"

namespace shenpi {
namespace {

using detail::chinese_date;

struct Writer {
  const Decision& d;
  const BoundApplication::Impl& app;
  const Item& item;
  std::string text;

  template <typename... T>
  void line(fmt::format_string<T...> f, T&&... args) {
    text += fmt::format(f, std::forward<T>(args)...);
    text += '\n';
  }

  void header(std::string_view title) {
    line("{}", title);
    line("");
    line("事项：{}（{}）", item.name, item.code);
    line("实施机关：{}", item.authority);
    line("申请日期：{}", chinese_date(app.submitted_on));
    line("");
  }

  std::string basis_suffix(const std::string& title) { return title.empty() ? std::string() : "（依据：" + title + "）"; }

  void material_list(bool only_missing) {
    int n = 0;
    for (std::size_t i = 0; i < item.materials.size(); ++i) {
      const Material& m = item.materials[i];
      const MaterialDecision& md = d.materials[i];
      if (only_missing && md.status != MaterialStatus::missing) continue;
      if (!only_missing && md.status == MaterialStatus::not_required) continue;
      std::string extra;
      if (md.status == MaterialStatus::tolerated && d.deadlines.tolerance) {
        extra = fmt::format("，请于{}前补交", chinese_date(*d.deadlines.tolerance));
      }
      if (only_missing) {
        extra = fmt::format("（{}）{}", detail::form_words(m.form),
                            basis_suffix(detail::material_basis(*app.book, item, m)));
        if (md.commitment_refused) extra += "；该材料不适用告知承诺，须提交原件";
        if (m.tolerable && d.tolerance != ToleranceState::applied && d.tolerance != ToleranceState::not_needed) {
          extra += "；本次不符合容缺受理条件";
        }
      }
      line("  {}. {} —— {}{}", ++n, m.name, detail::material_status_words(md), extra);
    }
  }

  void commitments() {
    bool any = false;
    for (std::size_t i = 0; i < item.materials.size(); ++i) any = any || d.materials[i].status == MaterialStatus::committed;
    for (const auto s : d.conditions) any = any || s == ConditionStatus::committed;
    if (!any) return;
    line("");
    line("告知承诺：申请人已书面承诺下列事项属实，本机关不再索要相关证明：");
    for (std::size_t i = 0; i < item.conditions.size(); ++i) {
      if (d.conditions[i] == ConditionStatus::committed) line("  - {}", item.conditions[i].text);
    }
    for (std::size_t i = 0; i < item.materials.size(); ++i) {
      if (d.materials[i].status == MaterialStatus::committed) line("  - {}", item.materials[i].name);
    }
    line("本机关将依法对承诺内容进行核查；承诺不实的，将依法终止办理、责令限期整改、撤销相关决定或予以处罚，并记入信用记录。");
  }

  void deadlines() {
    line("");
    const TimeLimit& t = item.time_limit;
    if (d.deadlines.promised) {
      line("承诺办结时限：{}，预计于{}前办结。", t.promised.to_chinese(), chinese_date(*d.deadlines.promised));
    }
    if (d.deadlines.statutory) {
      line("法定办结时限：{}（{}）。", t.statutory.to_chinese(), chinese_date(*d.deadlines.statutory));
    }
    line("听证、检验、检测、鉴定、专家评审、现场核查等特别程序所需时间不计入上述时限。");
  }

  void accept() {
    header(d.outcome == Outcome::accept ? "受理通知书" : "容缺受理通知书");
    if (d.outcome == Outcome::accept) {
      line("经审查，你（单位）的申请符合受理条件，申请材料齐全、符合法定形式，本机关决定予以受理。");
    } else {
      line("经审查，你（单位）的申请符合受理条件，核心材料齐全，部分非核心材料可容缺后补，本机关决定予以容缺受理。");
    }
    line("");
    line("申请材料：");
    material_list(false);
    if (d.outcome == Outcome::accept_with_deficiency && d.deadlines.tolerance) {
      line("");
      line("你（单位）已签署容缺承诺书。请于{}前（{}内）补齐上述容缺材料；逾期未补齐或补交材料不符合要求的，"
           "本机关将终止办理，已作出的决定依法处理。相关证照在容缺材料补齐后发放。",
           chinese_date(*d.deadlines.tolerance), item.tolerance.supply_within.to_chinese());
    }
    commitments();
    deadlines();
  }

  void supplement() {
    header("补正材料一次性告知书");
    line("你（单位）的申请尚不完备。根据《中华人民共和国行政许可法》第三十二条，现一次性告知需要补正的全部内容：");
    int n = 0;
    for (std::size_t i = 0; i < item.conditions.size(); ++i) {
      const Condition& c = item.conditions[i];
      const ConditionStatus s = d.conditions[i];
      if (s != ConditionStatus::unmet && s != ConditionStatus::unknown) continue;
      const auto reads = detail::fact_reads(app, c.when);
      const std::string reason = s == ConditionStatus::unknown
                                     ? "申请未载明所需信息，请补充：" + detail::describe_reads(reads)
                                     : "不符合：" + detail::describe_reads(reads);
      line("  {}. 受理条件“{}”——{}{}{}", ++n, c.text, reason, basis_suffix(detail::basis_title(item, c.basis)),
           c.commitment_allowed ? "；可以书面承诺方式办理（告知承诺）" : "");
    }
    if (d.count(MaterialStatus::missing) > 0) {
      line("");
      line("请补交以下材料：");
      material_list(true);
    }
    line("");
    line("请按上述要求一次补齐后重新提交；补齐后本机关将依法受理。");
  }

  void reject() {
    header("不予受理决定书");
    line("经审查，你（单位）的申请不符合受理条件，本机关决定不予受理。理由如下：");
    int n = 0;
    for (std::size_t i = 0; i < item.conditions.size(); ++i) {
      const Condition& c = item.conditions[i];
      if (d.conditions[i] != ConditionStatus::unmet || c.on_fail != Condition::OnFail::reject) continue;
      line("  {}. {}——{}{}", ++n, c.text, "不符合：" + detail::describe_reads(detail::fact_reads(app, c.when)),
           basis_suffix(detail::basis_title(item, c.basis)));
    }
    line("");
    line("依据《中华人民共和国行政许可法》第三十八条，特此告知。");
    line("如不服本决定，可以自收到本决定书之日起六十日内依法申请行政复议，或者自收到本决定书之日起六个月内依法向人民法院提起行政诉讼。");
  }
};

}  // namespace

std::string render_notice(const Decision& d) {
  if (!d.valid() || !d.application) {
    std::string text;
    for (const auto& diag : d.diagnostics) text += format_diagnostic(diag);
    return text;
  }
  Writer w{d, d.application->impl(), d.item(), {}};
  switch (*d.outcome) {
    case Outcome::accept:
    case Outcome::accept_with_deficiency: w.accept(); break;
    case Outcome::supplement: w.supplement(); break;
    case Outcome::reject: w.reject(); break;
  }
  w.line("");
  w.line("{}", w.item.authority);
  w.line("{}", chinese_date(w.app.submitted_on));
  return w.text;
}

}  // namespace shenpi
