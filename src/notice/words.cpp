#include "notice/words.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "shenpi/notice.hpp"

namespace shenpi::detail {

std::string basis_title(const Item& item, const std::string& basis_id) {
  const LegalBasis* b = item.find_basis(basis_id);
  return b == nullptr ? std::string() : b->title;
}

std::string material_basis(const Rulebook& book, const Item& item, const Material& m) {
  if (!m.basis.empty()) return basis_title(item, m.basis);
  for (const auto& c : book.catalog()) {
    if (c.id == m.catalog_id) return c.basis_title;
  }
  return {};
}

std::string bound_string(const BoundApplication::Impl& app, std::int32_t id) {
  if (id >= 0) return std::string(detail::RulebookAccess::data(*app.book).strings.text(id));
  return app.extra_strings[static_cast<std::size_t>(-id - 1)];
}

namespace {

/// A value as a citizen reads it: 是/否 for booleans, dates in Chinese,
/// strings without quotes, list elements joined by 、.
std::string shown_value(const BoundApplication::Impl& app, const Value& v) {
  switch (v.kind) {
    case Value::Kind::boolean:
      return v.b ? "是" : "否";
    case Value::Kind::string:
      return bound_string(app, v.s);
    case Value::Kind::date:
      return chinese_date(Date::from_days(v.date));
    case Value::Kind::list: {
      std::vector<std::string> parts;
      parts.reserve(static_cast<std::size_t>(v.list_size));
      for (std::int32_t k = 0; k < v.list_size; ++k) parts.push_back(bound_string(app, v.list[k]));
      return parts.empty() ? std::string("无") : fmt::format("{}", fmt::join(parts, "、"));
    }
    default:
      return format_value(v, detail::RulebookAccess::data(*app.book).strings);
  }
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

/// The negation of a statement: 已… → 未…, 有… → 没有…, 为… → 不是…, else 不….
std::string negate_statement(std::string_view s) {
  static const std::pair<std::string_view, std::string_view> kRules[] = {
      {"已经", "尚未"},
      {"已", "未"},
      {"具有", "不具有"},
      {"具备", "不具备"},
      {"有", "没有"},
      {"为", "不是"},
      {"是", "不是"},
      {"仅", "并非仅"},
      {"被", "未被"},
      {"登记", "未登记"},
      {"能", "不能"},
      {"可", "不可"},
      // Things done or obtained are 未…, not 不….
      {"配备", "未配备"},
      {"取得", "未取得"},
      {"签订", "未签订"},
      {"完成", "未完成"},
      {"通过", "未通过"},
      {"建成", "未建成"},
      {"缴", "未缴"},
      {"办理", "未办理"},
  };
  for (const auto& [from, to] : kRules) {
    if (starts_with(s, from)) return std::string(to) + std::string(s.substr(from.size()));
  }
  return "不" + std::string(s);
}

/// An enum value shows its label (良好, not good).
std::string shown_fact_value(const BoundApplication::Impl& app, const Fact& fact, const Value& v) {
  std::string shown = shown_value(app, v);
  return fact.type == FactType::enumeration ? value_label(fact, shown) : shown;
}

}  // namespace

std::string bool_statement(std::string_view label, bool positive) {
  constexpr std::string_view kWhether = "是否";
  const auto at = label.find(kWhether);
  const std::string_view before =
      at == std::string_view::npos ? std::string_view() : label.substr(0, at);
  const std::string_view rest =
      at == std::string_view::npos ? label : label.substr(at + kWhether.size());
  // A label joining two facts with 且 negates as a whole: 没有虚假承诺记录且未完成信用
  // 修复 would read as two statements, the second one false.
  if (!positive && rest.find("且") != std::string_view::npos) {
    return std::string(before) + "不属于" + std::string(rest) + "的情形";
  }
  return std::string(before) + (positive ? std::string(rest) : negate_statement(rest));
}

std::vector<FactRead> fact_reads(const BoundApplication::Impl& app, const Expression& e) {
  std::vector<FactRead> reads;
  if (e.empty()) return reads;
  const Item& item = app.book->items()[static_cast<std::size_t>(app.item)];
  for (const std::int32_t slot : program_fact_slots(*ExpressionAccess::program(e))) {
    const Fact& fact = app.book->fact_in_slot(item, slot);
    const Value& v = app.facts[static_cast<std::size_t>(slot)];
    const bool known = v.kind != Value::Kind::unknown;
    reads.push_back({fact.path, fact.label.empty() ? fact.path : fact.label,
                     known ? format_bound_value(app, v) : std::string(),
                     known ? shown_fact_value(app, fact, v) : std::string(), v});
  }
  return reads;
}

std::string describe_reads(const std::vector<FactRead>& reads) {
  std::vector<std::string> parts;
  for (const auto& r : reads) {
    if (!r.known()) continue;
    // A bool reads as a statement (未配备管理人员), not as 是否配备管理人员为否.
    parts.push_back(r.raw.kind == Value::Kind::boolean ? bool_statement(r.label, r.raw.b)
                                                       : fmt::format("{}为{}", r.label, r.shown));
  }
  return fmt::format("{}", fmt::join(parts, "，"));
}

std::string missing_labels(const std::vector<FactRead>& reads) {
  std::vector<std::string> parts;
  for (const auto& r : reads) {
    if (!r.known()) parts.push_back(r.label);
  }
  return fmt::format("{}", fmt::join(parts, "、"));
}

const char* outcome_words(Outcome o) {
  switch (o) {
    case Outcome::accept:
      return "受理";
    case Outcome::accept_with_deficiency:
      return "容缺受理";
    case Outcome::supplement:
      return "补正（一次性告知）";
    case Outcome::reject:
      return "不予受理";
    case Outcome::review:
      return "转人工审查";
  }
  return "";
}

std::string material_status_words(const MaterialDecision& d) {
  switch (d.status) {
    case MaterialStatus::submitted:
      return "已提交";
    case MaterialStatus::shared:
      return "数据共享，免提交";
    case MaterialStatus::committed:
      return "以告知承诺替代";
    case MaterialStatus::tolerated:
      return "容缺后补";
    case MaterialStatus::not_required:
      return "本次无需提交";
    case MaterialStatus::missing:
      return d.commitment_refused ? "缺少（该材料不适用告知承诺）" : "缺少";
  }
  return "";
}

std::string form_words(const MaterialForm& form) {
  std::vector<std::string> parts;
  if (form.original) parts.emplace_back("原件1份");
  if (form.copies > 0) parts.push_back(fmt::format("复印件{}份", form.copies));
  if (form.electronic) parts.emplace_back("可提交电子件");
  return parts.empty() ? std::string("无需纸质材料") : fmt::format("{}", fmt::join(parts, "、"));
}

std::string chinese_date(Date date) {
  return fmt::format("{}年{}月{}日", date.year(), date.month(), date.day());
}

std::string chinese_ordinal(int n) {
  static const char* const kDigits[] = {"零", "一", "二", "三", "四", "五",
                                        "六", "七", "八", "九", "十"};
  return n >= 0 && n <= 10 ? kDigits[n] : std::to_string(n);
}

std::string kind_words(const std::string& kind) {
  static const std::pair<const char*, const char*> kKinds[] = {
      {"administrative_license", "行政许可"},
      {"administrative_confirmation", "行政确认"},
      {"administrative_payment", "行政给付"},
      {"administrative_levy", "行政征收"},
      {"administrative_ruling", "行政裁决"},
      {"administrative_reward", "行政奖励"},
      {"administrative_inspection", "行政检查"},
      {"administrative_penalty", "行政处罚"},
      {"administrative_enforcement", "行政强制"},
      {"public_service", "公共服务"},
      {"filing", "备案"},
      {"other", "其他"}};
  for (const auto& [k, w] : kKinds) {
    if (kind == k) return w;
  }
  return kind;
}

// An expression as a citizen reads it: one Chinese sentence (notice/sentence.cpp).
std::string readable(const Rulebook& book, const Item& item, const Expression& e) {
  return describe_expression(book, item, e);
}

std::optional<Referral> referral(const Rulebook& book, const Condition& condition) {
  if (condition.refer_to.empty()) return std::nullopt;
  if (const Item* other = book.find_item(condition.refer_to)) {
    return Referral{other->code, other->name, other->authority};
  }
  return Referral{{}, {}, condition.refer_to};
}

std::string referral_words(const Rulebook& book, const Condition& condition) {
  const auto r = referral(book, condition);
  if (!r) return {};
  if (r->item.empty()) {
    // A code of an item outside the loaded rulebook (a single file checked).
    const bool code = std::all_of(r->authority.begin(), r->authority.end(),
                                  [](unsigned char ch) { return ch < 0x80; });
    return code ? fmt::format("请另行申请办理事项编码为{}的事项。", r->authority)
                : fmt::format("请向{}申请办理。", r->authority);
  }
  return fmt::format("请向{}申请办理“{}”（事项编码：{}）。", r->authority, r->name, r->item);
}

/// Text as HTML character data or a quoted attribute value.
std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace shenpi::detail

namespace shenpi {

std::string form_to_chinese(const MaterialForm& form) {
  return detail::form_words(form);
}

}  // namespace shenpi
