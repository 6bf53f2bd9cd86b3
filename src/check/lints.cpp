#include "check/lints.hpp"
#include "shenpi/diagnostic_codes.hpp"

#include <array>

#include <fmt/format.h>

namespace shenpi::detail {

bool is_vague_material_name(std::string_view name) {
  // Catch-alls the reforms abolished: a material must be named precisely.
  static constexpr std::array<std::string_view, 10> kVague = {
      "其他材料", "其它材料", "有关材料", "相关材料", "其他相关材料",
      "其他证明", "相关证明", "有关证明", "其他文件", "相关文件"};
  for (const auto v : kVague) {
    if (name.find(v) != std::string_view::npos) return true;
  }
  const auto ends_with = [&](std::string_view suffix) {
    return name.size() >= suffix.size() && name.substr(name.size() - suffix.size()) == suffix;
  };
  return ends_with("等材料") || ends_with("等证明") || ends_with("等文件") || name == "其他" ||
         name.find("要求的其他") != std::string_view::npos;
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
        codes::supply_after_promised, item.tolerance.location,
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
