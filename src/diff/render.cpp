// The diff as Chinese text and as JSON.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "diff/diff_parts.hpp"
#include "notice/words.hpp"

namespace shenpi {
namespace {

/// An outcome id in words; the ids themselves are in `--json`.
std::string outcome_words(const std::string& id) {
  for (const Outcome o : {Outcome::accept, Outcome::accept_with_deficiency, Outcome::supplement,
                          Outcome::reject, Outcome::review}) {
    if (id == to_string(o)) return detail::outcome_words(o);
  }
  return "无法决定";  // an application that could not be decided (no id)
}

std::string version_text(const ItemChange& c) {
  if (c.old_version == c.new_version)
    return c.new_version.empty() ? "" : "（版本 " + c.new_version + "）";
  return fmt::format("（版本 {} → {}）", c.old_version.empty() ? "无" : c.old_version,
                     c.new_version.empty() ? "无" : c.new_version);
}

void impact_text(const Impact& impact, std::string& out) {
  out += fmt::format("\n申请影响（共 {} 件申请，新旧规则各决定一次）：\n", impact.applications);
  out += "  结论变化：\n";
  for (const auto& t : impact.transitions) {
    out += fmt::format("    {} → {}：{} 件，例：{}\n", outcome_words(t.from), outcome_words(t.to),
                       t.count, fmt::join(t.examples, "、"));
  }
  out += fmt::format("  平均每件需申请人提交的材料：旧规则 {:.2f} 件，新规则 {:.2f} 件\n",
                     impact.mean_asked_old, impact.mean_asked_new);
  if (impact.due_compared > 0) {
    out += fmt::format("  承诺办结日期平均变化：{:+.2f} 个工作日（{} 件在新旧规则下均受理）\n",
                       impact.mean_due_shift, impact.due_compared);
  } else {
    out += "  承诺办结日期平均变化：无（没有在新旧规则下均受理的申请）\n";
  }
}

}  // namespace

std::string diff_to_text(const RulebookDiff& diff) {
  std::string out;
  if (diff.items.empty() && diff.bundles.empty()) out += "规则无变化。\n";
  for (const auto& item : diff.items) {
    out += fmt::format("事项 {} {}{}\n", item.code, item.name, version_text(item));
    for (const auto& c : item.changes) out += fmt::format("  - {}\n", c);
  }
  for (const auto& b : diff.bundles) {
    out += fmt::format("一件事 {} {}\n", b.code, b.name);
    for (const auto& c : b.changes) out += fmt::format("  - {}\n", c);
  }
  if (diff.has_impact) impact_text(diff.impact, out);
  return out;
}

std::string diff_to_json(const RulebookDiff& diff) {
  using nlohmann::ordered_json;
  ordered_json j;
  j["items"] = ordered_json::array();
  for (const auto& i : diff.items) {
    j["items"].push_back({{"code", i.code},
                          {"name", i.name},
                          {"old_version", i.old_version},
                          {"new_version", i.new_version},
                          {"changes", i.changes}});
  }
  j["bundles"] = ordered_json::array();
  for (const auto& b : diff.bundles) {
    j["bundles"].push_back({{"code", b.code}, {"name", b.name}, {"changes", b.changes}});
  }
  j["transitions"] = ordered_json::array();
  if (diff.has_impact) {
    for (const auto& t : diff.impact.transitions) {
      j["transitions"].push_back(
          {{"from", t.from}, {"to", t.to}, {"count", t.count}, {"examples", t.examples}});
    }
    j["impact"] = {{"applications", diff.impact.applications},
                   {"mean_asked_old", diff.impact.mean_asked_old},
                   {"mean_asked_new", diff.impact.mean_asked_new},
                   {"mean_due_shift_working_days", diff.impact.mean_due_shift},
                   {"due_compared", diff.impact.due_compared}};
  } else {
    j["impact"] = nullptr;
  }
  return j.dump(2);
}

}  // namespace shenpi
