// Shared wording of notices, guides and traces.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "evaluate/bound.hpp"

namespace shenpi::detail {

/// 《…》第…条 of a basis id of the item, or empty.
std::string basis_title(const Item& item, const std::string& basis_id);
/// Basis of a material: the item's basis, else its catalogue entry's.
std::string material_basis(const Rulebook& book, const Item& item, const Material& material);
/// One fact an expression reads, with its value three ways: for the trace
/// (`"good"`, `true`), for a citizen (`good`, `是`), and as it is (JSON).
struct FactRead {
  std::string path;
  std::string label;
  std::string value;  ///< trace text; empty when unknown
  std::string shown;  ///< notice text; empty when unknown
  Value raw;
  bool known() const { return raw.kind != Value::Kind::unknown; }
};
std::vector<FactRead> fact_reads(const BoundApplication::Impl& app, const Expression& e);
/// The text of an application string id (rule strings and the application's own).
std::string bound_string(const BoundApplication::Impl& app, std::int32_t id);
/// `经营场所面积（平方米）为8，未配备管理人员` — the known reads, for notices.
std::string describe_reads(const std::vector<FactRead>& reads);
/// `是否配备管理人员、开业日期` — the labels of the unknown reads.
std::string missing_labels(const std::vector<FactRead>& reads);
/// A bool fact's label as a statement: `是否经营散装食品` reads 经营散装食品,
/// negated 不经营散装食品; `经办人是否已通过实名认证` reads 经办人已通过实名认证,
/// negated 经办人未通过实名认证 (已→未, 有→没有, 为/是→不是, 仅→并非仅, 被→未被, else 不…);
/// a label of two facts joined by 且 negates as 不属于…的情形.
std::string bool_statement(std::string_view label, bool positive);
/// Chinese words for statuses.
std::string material_status_words(const MaterialDecision& d);
/// An outcome in the words of notices, traces, scenarios and diffs
/// (受理, 容缺受理, 补正（一次性告知）, 不予受理, 转人工审查).
const char* outcome_words(Outcome o);
/// `原件1份、复印件2份、可提交电子件`.
std::string form_words(const MaterialForm& form);
/// 2025年10月14日
std::string chinese_date(Date date);
/// 行政许可, 备案 … for an item kind; the kind itself when unknown.
std::string kind_words(const std::string& kind);
/// An expression as a citizen reads it: fact paths replaced by their labels.
std::string readable(const Rulebook& book, const Item& item, const Expression& e);
/// Where a refused applicant is sent (行政许可法第三十二条, `refer_to:`):
/// an item of the rulebook (code, name, its authority) or an authority.
struct Referral {
  std::string item;  ///< empty when `refer_to` names an authority
  std::string name;  ///< the item's name; empty for an authority
  std::string authority;
};
std::optional<Referral> referral(const Rulebook& book, const Condition& condition);
/// `请向…申请办理“…”（事项编码…）。`, or empty without a referral.
std::string referral_words(const Rulebook& book, const Condition& condition);
/// notices.yaml: the line above a notice's title (`{authority}` filled),
/// empty without one.
std::string notice_header(const NoticeSettings& settings, const Item& item);
/// notices.yaml: the 文号 with `{year}`, `{kind}` (受/补/不受/审) and
/// `{seq}` (a blank the clerk fills) replaced.
std::string notice_number(const NoticeSettings& settings, Date submitted, std::string_view kind);
/// The closing lines: contact, seal or signature, authority, date, receipt.
std::string notice_footer(const NoticeSettings& settings, const Item& item, Date submitted);
/// 一 … 十 for section numbers.
std::string chinese_ordinal(int n);

/// Text as HTML character data or a quoted attribute value (the site, compare).
std::string html_escape(std::string_view text);

}  // namespace shenpi::detail
