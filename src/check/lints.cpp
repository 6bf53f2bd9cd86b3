#include "check/lints.hpp"
#include "shenpi/diagnostic_codes.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

namespace shenpi::detail {

namespace {

/// What a catch-all asks for: a class of papers instead of a paper.
constexpr std::array<std::string_view, 9> kPaperClasses = {"材料", "资料", "文件", "证件", "证明",
                                                           "证照", "证书", "凭证", "手续"};

bool has_paper_class(std::string_view text) {
  return std::any_of(kPaperClasses.begin(), kPaperClasses.end(),
                     [&](std::string_view c) { return text.find(c) != std::string_view::npos; });
}

}  // namespace

bool is_vague_material_name(std::string_view name) {
  // Catch-alls the reforms abolished: a material must be named precisely.
  // Classes of wording rather than a list of names (docs/diagnostics.md):
  // 其他/其它 before a paper class anywhere after it (其他必要的文件,
  // 审批机关要求提交的其他资料); 有关/相关 right before one (相关材料,
  // 有关的证明); 等 closing a list with a paper class (身份证、户口簿等证件);
  // 兜底 (a self-declared catch-all).
  if (name == "其他" || name == "其它") return true;
  if (name.find("兜底") != std::string_view::npos) return true;
  for (const std::string_view other : {"其他", "其它"}) {
    const auto at = name.find(other);
    if (at != std::string_view::npos && has_paper_class(name.substr(at + other.size()))) {
      return true;
    }
  }
  for (const std::string_view related : {"有关", "相关"}) {
    for (auto at = name.find(related); at != std::string_view::npos;
         at = name.find(related, at + 1)) {
      std::string_view rest = name.substr(at + related.size());
      if (rest.substr(0, 3) == "的") rest.remove_prefix(3);  // 有关的材料 (的 is 3 bytes)
      if (std::any_of(kPaperClasses.begin(), kPaperClasses.end(),
                      [&](std::string_view c) { return rest.substr(0, c.size()) == c; })) {
        return true;
      }
    }
  }
  // 「…等证件」「…等有效证件」: the last 等 closes an open list when only a
  // paper class, perhaps with a qualifier, follows it (not 等级证书).
  const auto last = name.rfind("等");
  if (last != std::string_view::npos) {
    std::string_view tail = name.substr(last + std::string_view("等").size());
    for (const std::string_view q : {"有效", "相关", "有关", "其他", "其它", "必要的", "必要"}) {
      if (tail.substr(0, q.size()) == q) {
        tail.remove_prefix(q.size());
        break;
      }
    }
    if (std::find(kPaperClasses.begin(), kPaperClasses.end(), tail) != kPaperClasses.end()) {
      return true;
    }
  }
  return false;
}

bool is_article45_procedure(std::string_view name) {
  // 行政许可法第四十五条's list, and nothing else: 现场核查/现场检查 counts
  // inside the limit. A name qualifies when it contains one of the words, so
  // 「特殊消防设计专家评审」 and 「消防设施现场检测」 pass.
  static constexpr std::array<std::string_view, 8> kArticle45 = {
      "听证", "招标", "拍卖", "检验", "检测", "检疫", "鉴定", "专家评审"};
  for (const auto word : kArticle45) {
    if (name.find(word) != std::string_view::npos) return true;
  }
  return false;
}

namespace {

void lint_special_steps(const Item& item, std::vector<Diagnostic>& out) {
  for (const auto& s : item.steps) {
    if (!s.special || is_article45_procedure(s.name)) continue;
    out.push_back(make_diagnostic(
        codes::special_not_article45, s.location,
        fmt::format("step '{}' ({}) is marked special, but only 行政许可法第四十五条's procedures "
                    "(听证、招标、拍卖、检验、检测、检疫、鉴定、专家评审) are not counted",
                    s.id, s.name)));
  }
}

/// A limit in natural-day equivalents, so mixed units compare sensibly:
/// five working days take at least seven natural days.
double natural_equivalent(const Duration& d) {
  return d.unit == Duration::Unit::natural_days ? d.count : d.count * 7.0 / 5.0;
}

bool exceeds(const Duration& a, const Duration& b) {
  if (a.unit == b.unit) return a.count > b.count;
  return natural_equivalent(a) > natural_equivalent(b);
}

bool material_has_basis(const RulebookData& data, const Material& m) {
  if (!m.basis.empty()) return true;
  if (m.catalog_id.empty()) return false;
  const auto it = data.catalog_index.find(m.catalog_id);
  return it != data.catalog_index.end() &&
         !data.catalog[static_cast<std::size_t>(it->second)].basis_title.empty();
}

void lint_materials(const RulebookData& data, const Item& item, std::vector<Diagnostic>& out) {
  bool any_tolerable = false;
  for (const auto& m : item.materials) {
    if (is_vague_material_name(m.name)) {
      out.push_back(
          make_diagnostic(codes::vague_material, m.location,
                          fmt::format("material '{}' is a vague catch-all; name each material the "
                                      "applicant must bring",
                                      m.name)));
    }
    if (!material_has_basis(data, m)) {
      out.push_back(make_diagnostic(codes::material_without_basis, m.location,
                                    fmt::format("material '{}' cites no legal basis", m.id)));
    }
    if (m.tolerable && m.core) {
      out.push_back(
          make_diagnostic(codes::core_material_tolerable, m.location,
                          fmt::format("material '{}' is a core material (主审要件) and cannot be "
                                      "tolerable (容缺)",
                                      m.id)));
    }
    any_tolerable = any_tolerable || m.tolerable;
  }
  if (item.tolerance.present && !any_tolerable) {
    out.push_back(make_diagnostic(
        codes::tolerance_without_candidates, item.tolerance.location,
        "tolerance policy but no material is `tolerable: true`; the policy never applies"));
  }
  if (!item.tolerance.present && any_tolerable) {
    for (const auto& m : item.materials) {
      if (!m.tolerable) continue;
      out.push_back(
          make_diagnostic(codes::tolerable_without_policy, m.location,
                          fmt::format("material '{}' is tolerable but the item has no `tolerance:` "
                                      "policy, so it can never be tolerated",
                                      m.id)));
    }
  }
}

void lint_time_limit(const Item& item, std::vector<Diagnostic>& out) {
  const TimeLimit& t = item.time_limit;
  if (exceeds(t.promised, t.statutory)) {
    out.push_back(make_diagnostic(codes::promised_over_statutory, t.location,
                                  fmt::format("promised limit {} exceeds the statutory limit {}",
                                              t.promised.to_string(), t.statutory.to_string())));
  }
  // 容缺: the missing materials come in while the case runs; a window longer
  // than the promised limit means they are due after it should be decided.
  if (item.tolerance.present && exceeds(item.tolerance.supply_within, t.promised)) {
    out.push_back(make_diagnostic(
        codes::supply_after_promised, item.tolerance.supply_within_location,
        fmt::format("tolerated materials may come {} after acceptance, later than the "
                    "promised limit {}",
                    item.tolerance.supply_within.to_string(), t.promised.to_string())));
  }
  if (t.extension && exceeds(*t.extension, t.statutory)) {
    out.push_back(make_diagnostic(codes::extension_without_statutory, t.location,
                                  fmt::format("extension {} is longer than the statutory limit {}",
                                              t.extension->to_string(), t.statutory.to_string())));
  }
}

}  // namespace

void lint_item(const RulebookData& data, const Item& item, std::vector<Diagnostic>& out) {
  lint_materials(data, item, out);
  for (const auto& c : item.conditions) {
    if (c.basis.empty()) {
      out.push_back(make_diagnostic(codes::condition_without_basis, c.location,
                                    fmt::format("condition '{}' cites no legal basis", c.id)));
    }
  }
  for (const auto& f : item.fees) {
    if (f.basis.empty()) {
      out.push_back(make_diagnostic(codes::fee_without_basis, f.location,
                                    fmt::format("fee '{}' cites no legal basis", f.id)));
    }
  }
  lint_time_limit(item, out);
  lint_special_steps(item, out);
  if (item.service.max_visits > 1) {
    const SourceLocation& where =
        item.service.location.line > 0 ? item.service.location : item.location;
    out.push_back(
        make_diagnostic(codes::too_many_visits, where,
                        fmt::format("item requires {} visits; the reform target is at most one "
                                    "(最多跑一次)",
                                    item.service.max_visits)));
  }
}

void lint_produced_materials(const RulebookData& data, std::vector<Diagnostic>& out) {
  for (std::size_t i = 0; i < data.items.size(); ++i) {
    const Item& item = data.items[i];
    for (const auto& m : item.materials) {
      if (m.source == Material::Source::shared || m.requirement == Material::Requirement::never)
        continue;
      const auto it = data.producers.find(m.id);
      if (it == data.producers.end()) continue;
      for (const int p : it->second) {
        if (static_cast<std::size_t>(p) == i) continue;
        const Item& producer = data.items[static_cast<std::size_t>(p)];
        Diagnostic d = make_diagnostic(
            codes::produced_material_asked, m.location,
            fmt::format("material '{}' is produced by item {} ({}); fetch it by data "
                        "sharing (`source: shared`) instead of asking the applicant",
                        m.id, producer.code, producer.name));
        d.notes.push_back({producer.location, "produced by this item"});
        out.push_back(std::move(d));
        break;
      }
    }
  }
}

}  // namespace shenpi::detail
