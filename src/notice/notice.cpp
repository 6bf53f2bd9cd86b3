// The four notices of acceptance (行政许可法 第三十二条, 第三十八条), worded
// the way a window clerk hands them over: what was decided, why, on what
// legal basis, what to do next and by when.
#include <fmt/format.h>

#include "notice/words.hpp"
#include "shenpi/notice.hpp"

namespace shenpi {
namespace {

using detail::chinese_date;

constexpr std::string_view kLicenseLaw = "《中华人民共和国行政许可法》";
constexpr std::string_view kConflictWords =
    "申请人就该条件所作承诺与其申报的事实不符，承诺不予采信（告知承诺不能替代不符合条件的事实）。";

struct Writer {
  const Decision& d;
  const BoundApplication::Impl& app;
  const Item& item;
  std::string text;
  int section = 0;

  template <typename... T>
  void line(fmt::format_string<T...> f, T&&... args) {
    text += fmt::format(f, std::forward<T>(args)...);
    text += '\n';
  }

  /// 行政许可法 governs licences only; other kinds of item cite no statute
  /// for the procedure itself.
  bool license() const { return item.kind == "administrative_license"; }

  static std::string basis_sentence(const std::string& title) {
    return title.empty() ? std::string() : "依据：" + title + "。";
  }

  const NoticeSettings& settings() const { return app.book->notices(); }

  void header(std::string_view title, std::string_view kind) {
    const std::string above = detail::notice_header(settings(), item);
    if (!above.empty()) line("{}", above);
    line("{}", title);
    if (!settings().number.empty()) {
      line("{}", detail::notice_number(settings(), app.submitted_on, kind));
    }
    line("");
    line("事项：{}（{}）", item.name, item.code);
    line("实施机关：{}", item.authority);
    line("申请日期：{}", chinese_date(app.submitted_on));
    line("");
  }

  /// `你（单位）于2025年9月26日提出的食品经营许可（新办）申请`
  std::string application_words() const {
    return fmt::format("你（单位）于{}提出的{}申请", chinese_date(app.submitted_on), item.name);
  }

  void heading(std::string_view title) {
    line("");
    line("{}、{}", detail::chinese_ordinal(++section), title);
  }

  void footer() {
    line("");
    text += detail::notice_footer(settings(), item, app.submitted_on);
  }

  // ---- 受理通知书 / 容缺受理通知书 ----

  /// A deadline in words, marked 预计 when counted across a provisional year.
  static std::string due(const std::optional<Date>& date, bool provisional) {
    return provisional ? fmt::format("{}（预计）", chinese_date(*date)) : chinese_date(*date);
  }

  void accepted_materials() {
    int n = 0;
    for (std::size_t i = 0; i < item.materials.size(); ++i) {
      const Material& m = item.materials[i];
      const MaterialDecision& md = d.materials[i];
      if (md.status == MaterialStatus::not_required) continue;
      std::string extra;
      if (md.status == MaterialStatus::tolerated && d.deadlines.tolerance) {
        extra = fmt::format("（{}），请于{}前补交", detail::form_words(m.form),
                            due(d.deadlines.tolerance, d.deadlines.provisional.tolerance));
      }
      line("  {}. {} —— {}{}", ++n, m.name, detail::material_status_words(md), extra);
    }
  }

  void commitments() {
    bool any = d.count(MaterialStatus::committed) > 0;
    for (const auto s : d.conditions) any = any || s == ConditionStatus::committed;
    if (!any) return;
    line("");
    line("告知承诺：申请人已书面承诺下列事项属实，本机关不再索要相关证明：");
    for (std::size_t i = 0; i < item.conditions.size(); ++i) {
      if (d.conditions[i] == ConditionStatus::committed) line("  - {}", item.conditions[i].text);
    }
    for (std::size_t i = 0; i < item.materials.size(); ++i) {
      if (d.materials[i].status == MaterialStatus::committed) {
        line("  - {}", item.materials[i].name);
      }
    }
    line(
        "本机关将依法对承诺内容进行核查；"
        "承诺不实的，将依法终止办理、责令限期整改、撤销相关决定或予以处罚，并记入信用记录。");
  }

  /// Names of the special procedures (特别程序) that apply to this case, as
  /// the evaluator recorded them (Decision::special_steps).
  std::string special_steps() const {
    std::vector<std::string> names;
    for (std::size_t i = 0; i < item.steps.size() && i < d.special_steps.size(); ++i) {
      if (d.special_steps[i]) names.push_back(item.steps[i].name);
    }
    return fmt::format("{}", fmt::join(names, "、"));
  }

  void deadlines() {
    line("");
    const TimeLimit& t = item.time_limit;
    if (d.deadlines.promised) {
      if (t.promised.immediate()) {
        line("本事项为即办件，本机关将于受理当日（{}）办结。",
             due(d.deadlines.promised, d.deadlines.provisional.promised));
      } else {
        line("本机关将于{}前办结（承诺办结时限：{}）。",
             due(d.deadlines.promised, d.deadlines.provisional.promised), t.promised.to_chinese());
      }
    }
    if (d.deadlines.statutory) {
      line("法定办结时限：{}（截至{}{}）。", t.statutory.to_chinese(),
           chinese_date(*d.deadlines.statutory), d.deadlines.provisional.statutory ? "，预计" : "");
    }
    if (d.deadlines.provisional.any()) {
      line(
          "注：标注“预计”的日期所在年度的节假日安排尚未公布，系按《全国年节及纪念日放假办法》"
          "推算，公布后以实际安排为准。");
    }
    const std::string special = special_steps();
    if (special.empty()) return;
    line("{}{}所需时间不计入上述时限，所需时间将另行书面告知。",
         license() ? fmt::format("依照{}第四十五条，", kLicenseLaw) : std::string(), special);
  }

  std::string outputs_words() const {
    std::vector<std::string> names;
    for (const auto& o : item.outputs) names.push_back(o.name);
    return names.empty() ? std::string("办理结果") : fmt::format("{}", fmt::join(names, "、"));
  }

  void accept() {
    const bool full = d.outcome == Outcome::accept;
    header(full ? "受理通知书" : "容缺受理通知书", "受");
    if (full) {
      line("{}，经审查，申请材料齐全、符合法定形式。{}本机关决定予以受理。", application_words(),
           license() ? fmt::format("根据{}第三十二条第一款第（五）项的规定，", kLicenseLaw)
                     : std::string());
    } else {
      line(
          "{}，经审查，符合受理条件，主审要件齐全，部分非主审材料暂缺。"
          "{}根据{}，本机关决定予以容缺受理。",
          application_words(),
          item.tolerance.letter_required ? "你（单位）已签署容缺承诺书，" : std::string(),
          tolerance_title());
    }
    line("");
    line("申请材料：");
    accepted_materials();
    if (!full && d.deadlines.tolerance) {
      line("");
      line(
          "请于{}前（受理后{}内）补齐上述容缺材料。"
          "逾期未补齐或者补交的材料不符合要求的，本机关将按有关规定终止办理。"
          "{}在容缺材料补齐后发放。",
          due(d.deadlines.tolerance, d.deadlines.provisional.tolerance),
          item.tolerance.supply_within.to_chinese(), outputs_words());
    }
    commitments();
    deadlines();
  }

  // ---- 补正材料一次性告知书 ----

  void supplement_conditions() {
    int n = 0;
    for (std::size_t i = 0; i < item.conditions.size(); ++i) {
      const Condition& c = item.conditions[i];
      const ConditionStatus s = d.conditions[i];
      if (s != ConditionStatus::unmet && s != ConditionStatus::unknown) continue;
      if (n == 0) heading("受理条件");
      const auto reads = detail::fact_reads(app, c.when);
      std::string reason;
      if (s == ConditionStatus::unknown) {
        reason = fmt::format("申请未载明{}，请补充填报。", detail::missing_labels(reads));
      } else {
        const std::string facts = detail::describe_reads(reads);
        reason = facts.empty() ? "不符合要求。" : fmt::format("经核，{}，不符合要求。", facts);
      }
      line("  {}. {}。{}{}{}", ++n, c.text, reason,
           basis_sentence(detail::basis_title(item, c.basis)), condition_commitment_words(i));
    }
  }

  /// Only a condition whose facts are not given can be met by commitment:
  /// 告知承诺 replaces proof, it cannot contradict what the applicant stated.
  std::string condition_commitment_words(std::size_t i) const {
    if (d.commitment_conflicts[i]) return std::string(kConflictWords);
    if (d.commitment_refused[i])
      return "该条件不适用告知承诺方式，申请人所作承诺不予采用，请如实填报。";
    const bool unknown = d.conditions[i] == ConditionStatus::unknown;
    return unknown && item.conditions[i].commitment_allowed ? "也可以书面承诺方式办理（告知承诺）。"
                                                            : "";
  }

  bool tolerable_gap(std::size_t i) const {
    const Material& m = item.materials[i];
    return d.materials[i].status == MaterialStatus::missing && m.tolerable && !m.core;
  }

  /// The policy's basis title, or the general words when the item cites none.
  std::string tolerance_title() const {
    const std::string title = detail::basis_title(item, item.tolerance.basis);
    return title.empty() ? std::string("容缺受理的有关规定") : title;
  }

  /// `依据：《…容缺受理…办法》。` — the 容缺 policy's own basis, when cited.
  std::string tolerance_basis() const {
    return basis_sentence(detail::basis_title(item, item.tolerance.basis));
  }

  /// Why the tolerable materials are asked for now instead of tolerated.
  std::string tolerance_reason() const {
    const TolerancePolicy& t = item.tolerance;
    switch (d.tolerance) {
      case ToleranceState::policy_not_met: {
        const auto reads = detail::fact_reads(app, t.when);
        const std::string unknown = detail::missing_labels(reads);
        if (!unknown.empty()) {
          return fmt::format("申请未载明{}，无法确认是否符合容缺受理的适用条件", unknown);
        }
        return fmt::format("经核，{}，不符合容缺受理的适用条件", detail::describe_reads(reads));
      }
      case ToleranceState::too_many: {
        int gaps = 0;
        for (std::size_t i = 0; i < item.materials.size(); ++i) gaps += tolerable_gap(i) ? 1 : 0;
        return fmt::format("缺少的可容缺材料共{}项，超过容缺受理上限（{}项）", gaps, t.max_missing);
      }
      case ToleranceState::letter_missing:
        return "申请人未签署容缺承诺书；签署后可予容缺受理";
      case ToleranceState::no_policy:
        return "本事项未设容缺受理";
      default:
        return {};
    }
  }

  std::string missing_material_notes(const Material& m, const MaterialDecision& md) const {
    std::string notes;
    if (md.commitment_refused) notes += "该材料不适用告知承诺方式，请提交材料本身。";
    if (m.commitment_allowed) notes += "也可以书面承诺方式替代该材料（告知承诺）。";
    if (md.requirement_unknown) {
      notes += fmt::format("申请未载明{}，暂按需要提交告知；不属于需提交情形的，请补充说明。",
                           detail::missing_labels(detail::fact_reads(app, m.required)));
    }
    return notes;
  }

  /// Missing and asked of the applicant: a requirement the rules could not
  /// evaluate is the authority's to settle (人工审查), not the applicant's.
  bool asked(std::size_t i) const {
    return d.materials[i].status == MaterialStatus::missing && !d.materials[i].requirement_error;
  }

  void supplement_materials() {
    bool any = false;
    for (std::size_t i = 0; i < item.materials.size(); ++i) any = any || asked(i);
    if (!any) return;
    heading("申请材料（请补交）");
    int n = 0;
    std::vector<std::string> tolerable;
    for (std::size_t i = 0; i < item.materials.size(); ++i) {
      const Material& m = item.materials[i];
      const MaterialDecision& md = d.materials[i];
      if (!asked(i)) continue;
      line("  {}. {}（{}）。{}{}", ++n, m.name, detail::form_words(m.form),
           basis_sentence(detail::material_basis(*app.book, item, m)),
           missing_material_notes(m, md));
      if (tolerable_gap(i)) tolerable.push_back(fmt::format("第{}项", n));
    }
    const std::string reason = tolerance_reason();
    if (!tolerable.empty() && !reason.empty()) {
      line("  说明：{}为可容缺后补材料，本次不适用容缺受理：{}。{}", fmt::join(tolerable, "、"),
           reason, tolerance_basis());
    }
  }

  /// Materials the policy would tolerate once the rest is complete: told
  /// now too, so the notice stays the one and only notice (一次性告知).
  void supplement_tolerated() {
    if (d.count(MaterialStatus::tolerated) == 0) return;
    heading("可容缺后补的材料");
    line("下列材料符合容缺受理条件，可在补正上述内容、予以受理后{}内补交。{}",
         item.tolerance.supply_within.to_chinese(), tolerance_basis());
    int n = 0;
    for (std::size_t i = 0; i < item.materials.size(); ++i) {
      if (d.materials[i].status != MaterialStatus::tolerated) continue;
      line("  {}. {}（{}）", ++n, item.materials[i].name,
           detail::form_words(item.materials[i].form));
    }
  }

  void supplement() {
    header("补正材料一次性告知书", "补");
    line("{}，经审查，申请尚不完备。{}现将需要补正的全部内容一次性告知如下：", application_words(),
         license() ? fmt::format("根据{}第三十二条第一款第（四）项的规定，", kLicenseLaw)
                   : std::string());
    supplement_conditions();
    supplement_materials();
    supplement_tolerated();
    line("");
    if (settings().supplement_within) {
      line(
          "请于收到本告知书之日起{}内按上述要求一次性补正后重新提交。"
          "补正后符合受理条件的，本机关将依法予以受理。",
          settings().supplement_within->to_chinese());
    } else {
      line("请按上述要求一次性补正后重新提交。补正后符合受理条件的，本机关将依法予以受理。");
    }
  }

  // ---- 转人工审查告知书 ----

  bool anything_to_supplement() const {
    for (const auto s : d.conditions) {
      if (s == ConditionStatus::unmet || s == ConditionStatus::unknown) return true;
    }
    for (std::size_t i = 0; i < item.materials.size(); ++i) {
      if (asked(i)) return true;
    }
    return false;
  }

  /// A rule that failed at runtime (SP613) is the authority's defect: the
  /// applicant is not asked for what they gave, a clerk decides instead.
  void review() {
    header("转人工审查告知书", "审");
    line(
        "{}，经审查，下列事项因审批规则计算异常，系统无法自动判定。"
        "此非申请人原因，无需就此补充填报；本机关已将申请转交工作人员人工审查：",
        application_words());
    int n = 0;
    for (std::size_t i = 0; i < item.conditions.size(); ++i) {
      if (d.conditions[i] == ConditionStatus::error) {
        line("  {}. 受理条件“{}”", ++n, item.conditions[i].text);
      }
    }
    for (std::size_t i = 0; i < item.materials.size(); ++i) {
      if (d.materials[i].requirement_error) {
        line("  {}. 是否需要提交“{}”", ++n, item.materials[i].name);
      }
    }
    if (n == 0) line("  {}. 容缺受理的适用条件", ++n);
    line("");
    line("本机关将在人工审查后依法作出受理、补正或者不予受理的决定，并另行书面告知。");
    if (!anything_to_supplement()) return;
    line("");
    line("另经审查，下列内容尚需补正，现一并告知：");
    supplement_conditions();
    supplement_materials();
  }

  // ---- 不予受理决定书 ----

  void reject() {
    header("不予受理决定书", "不受");
    line("{}，经审查，不符合受理条件，理由如下：", application_words());
    int n = 0;
    for (std::size_t i = 0; i < item.conditions.size(); ++i) {
      const Condition& c = item.conditions[i];
      if (d.conditions[i] != ConditionStatus::unmet || c.on_fail != Condition::OnFail::reject) {
        continue;
      }
      const std::string facts = detail::describe_reads(detail::fact_reads(app, c.when));
      line("  {}. 不符合“{}”的条件{}。{}{}{}", ++n, c.text,
           facts.empty() ? std::string() : "：" + facts,
           basis_sentence(detail::basis_title(item, c.basis)),
           d.commitment_conflicts[i] ? kConflictWords : std::string_view(),
           detail::referral_words(*app.book, c));
    }
    line("");
    line("根据上述规定，本机关决定不予受理。");
    line(
        "如不服本决定，可以自收到本决定书之日起六十日内依法申请行政复议，"
        "也可以自收到本决定书之日起六个月内依法向人民法院提起行政诉讼"
        "（《中华人民共和国行政复议法》第二十条、《中华人民共和国行政诉讼法》第四十六条）。");
  }
};

}  // namespace

std::string render_notice(const Decision& d) {
  if (!d.valid() || !d.application) {
    std::string text;
    for (const auto& diag : d.diagnostics) text += format_diagnostic(diag);
    return text;
  }
  Writer w{d, detail::BoundAccess::impl(*d.application), d.item(), {}};
  switch (*d.outcome) {
    case Outcome::accept:
    case Outcome::accept_with_deficiency:
      w.accept();
      break;
    case Outcome::supplement:
      w.supplement();
      break;
    case Outcome::reject:
      w.reject();
      break;
    case Outcome::review:
      w.review();
      break;
  }
  w.footer();
  return w.text;
}

}  // namespace shenpi
