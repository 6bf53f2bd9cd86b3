// A comparison as Chinese text for a terminal: one block per catalogue item,
// each field with every jurisdiction's value side by side.
#include <fmt/format.h>

#include "compare/compare_words.hpp"
#include "notice/words.hpp"

namespace shenpi {
namespace detail {

std::string material_cell(const ComparedMaterial& m, std::size_t j) {
  if (m.presence[j] == MaterialPresence::absent) return "无";
  std::string cell = presence_words(m.presence[j]);
  if (!m.required_when[j].empty()) cell += fmt::format("（适用情形：{}）", m.required_when[j]);
  if (m.names_differ) cell += fmt::format("，名称「{}」", m.names[j]);
  return cell;
}

}  // namespace detail

namespace {

using detail::material_cell;

/// `tianjin：a ｜ tianshui：b`, absent sides as 无此事项.
template <class F>
std::string row(const Comparison& c, const ComparedItem& item, F cell) {
  std::string text;
  for (std::size_t j = 0; j < item.sides.size(); ++j) {
    if (j > 0) text += " ｜ ";
    const ComparedSide& s = item.sides[j];
    text += fmt::format("{}：{}", c.jurisdictions[j], s.present ? cell(s, j) : "无此事项");
  }
  return text;
}

std::string list_or_none(const std::vector<std::string>& parts) {
  return parts.empty() ? std::string("无") : fmt::format("{}", fmt::join(parts, "；"));
}

std::string item_block(const Comparison& c, const ComparedItem& item) {
  std::string out = fmt::format("【{} {}】\n", item.catalog_code, item.catalog_name);
  const Uniformity& u = item.uniform;
  out += fmt::format("  四统一：名称{}，编码{}，依据{}，类型{}{}\n", detail::yes_no(u.name),
                     detail::yes_no(u.code), detail::yes_no(u.basis), detail::yes_no(u.kind),
                     u.all() ? "（四统一）" : "");
  const auto field = [&](const char* label, auto cell) {
    out += fmt::format("  {}：{}\n", label, row(c, item, cell));
  };
  field("事项编码", [](const ComparedSide& s, std::size_t) { return s.item_code; });
  field("事项名称", [](const ComparedSide& s, std::size_t) { return s.name; });
  field("事项类型", [](const ComparedSide& s, std::size_t) { return detail::kind_words(s.kind); });
  field("实施机关", [](const ComparedSide& s, std::size_t) { return s.authority; });
  field("设定依据", [](const ComparedSide& s, std::size_t) { return list_or_none(s.basis); });
  field("法定时限", [](const ComparedSide& s, std::size_t) { return s.statutory; });
  field("承诺时限", [](const ComparedSide& s, std::size_t) { return s.promised; });
  field("到现场次数",
        [](const ComparedSide& s, std::size_t) { return fmt::format("{}次", s.max_visits); });
  field("网办程度", [](const ComparedSide& s, std::size_t) {
    return std::string(detail::online_words(s.online));
  });
  field("受理条件", [](const ComparedSide& s, std::size_t) { return list_or_none(s.conditions); });
  field("容缺受理", [](const ComparedSide& s, std::size_t) {
    return s.tolerance.empty() ? std::string("不适用") : s.tolerance;
  });
  field("告知承诺", [](const ComparedSide& s, std::size_t) { return list_or_none(s.commitments); });
  out += "  申请材料：\n";
  for (const auto& m : item.materials) {
    std::string name = m.key;
    for (const auto& n : m.names) {
      if (!n.empty()) {
        name = n;
        break;
      }
    }
    if (m.names_differ) name += "（各地名称不同）";
    out += fmt::format("    {}：{}\n", name, row(c, item, [&m](const ComparedSide&, std::size_t j) {
                         return material_cell(m, j);
                       }));
  }
  out += fmt::format("  必交材料数：{}\n", row(c, item, [](const ComparedSide& s, std::size_t) {
                       return fmt::format("{}项", s.asked);
                     }));
  out += fmt::format(
      "  小结：{}；{}\n\n",
      item.asks_least < 0 ? std::string("要求提交的材料一样多")
                          : c.jurisdictions[std::size_t(item.asks_least)] + "要求提交的材料最少",
      item.fastest < 0 ? std::string("承诺时限相同")
                       : c.jurisdictions[std::size_t(item.fastest)] + "承诺办结最快");
  return out;
}

std::string singles_block(const Comparison& c) {
  std::string out = fmt::format("仅一地有的事项（{}项）\n", c.singles.size());
  if (c.singles.empty()) out += "  无\n";
  for (const auto& s : c.singles) {
    out +=
        fmt::format("  {}：{} {}（目录编码：{}）\n", c.jurisdictions[std::size_t(s.jurisdiction)],
                    s.item_code, s.name, s.catalog_code.empty() ? "未填写" : s.catalog_code);
  }
  return out + "\n";
}

}  // namespace

namespace detail {

std::string overall_words(const Comparison& c) {
  const JurisdictionSummary* least = nullptr;
  const JurisdictionSummary* fastest = nullptr;
  bool least_tied = false, fastest_tied = false;
  for (const auto& s : c.summary) {
    if (least == nullptr || s.asks_least > least->asks_least) {
      least = &s;
      least_tied = false;
    } else if (s.asks_least == least->asks_least) {
      least_tied = true;
    }
    if (fastest == nullptr || s.fastest > fastest->fastest) {
      fastest = &s;
      fastest_tied = false;
    } else if (s.fastest == fastest->fastest) {
      fastest_tied = true;
    }
  }
  if (least == nullptr || c.items.empty()) return "没有共同事项可比";
  return fmt::format(
      "总体：{}；{}",
      least_tied ? std::string("要求提交材料最少的事项数各地相当")
                 : fmt::format("{}要求提交的材料最少（{}个事项）", least->label, least->asks_least),
      fastest_tied ? std::string("承诺办结最快的事项数各地相当")
                   : fmt::format("{}承诺办结最快（{}个事项）", fastest->label, fastest->fastest));
}

}  // namespace detail

std::string to_text(const Comparison& c) {
  std::string out = fmt::format("事项比较：{}\n共同事项{}项，仅一地有的事项{}项\n\n",
                                fmt::join(c.jurisdictions, "、"), c.items.size(), c.singles.size());
  for (const auto& item : c.items) out += item_block(c, item);
  out += singles_block(c);
  out += "总结\n";
  out += "  " + detail::overall_words(c) + "\n";
  for (const auto& s : c.summary) {
    out += fmt::format(
        "  {}：目录事项{}项；共同事项中材料最少{}项、承诺办结最快{}项；必交材料合计{}项\n", s.label,
        s.items, s.asks_least, s.fastest, s.asked_total);
  }
  return out;
}

}  // namespace shenpi
