// diff_rules: item codes and bundles of two rulebooks compared.
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "diff/diff_parts.hpp"
#include "shenpi/graph.hpp"

namespace shenpi {
namespace {

std::set<std::string> item_codes(const Rulebook& book) {
  std::set<std::string> codes;
  for (const auto& item : book.items()) codes.insert(item.code);
  return codes;
}

std::string path_text(const ApprovalGraph& g) {
  if (!g.ok()) return "（无法排出计划）";
  return fmt::format("{}（{}个工作日）", fmt::join(g.critical_path(), " → "), g.critical_length());
}

std::string target_text(const Bundle* b) {
  return b != nullptr && b->target ? b->target->to_chinese() : std::string("（无）");
}

void diff_bundles(const Rulebook& a, const Rulebook& b, RulebookDiff& out) {
  std::set<std::string> codes;
  for (const auto& x : a.bundles()) codes.insert(x.code);
  for (const auto& x : b.bundles()) codes.insert(x.code);
  for (const auto& code : codes) {
    const Bundle* old_b = a.find_bundle(code);
    const Bundle* new_b = b.find_bundle(code);
    BundleChange change{code, (new_b != nullptr ? new_b : old_b)->name, {}};
    if (old_b == nullptr) {
      change.changes.push_back("新增一件事");
    } else if (new_b == nullptr) {
      change.changes.push_back("取消一件事");
    } else {
      const std::string was = path_text(a.graph(code));
      const std::string now = path_text(b.graph(code));
      if (was != now) change.changes.push_back(fmt::format("关键路径：由 {} 改为 {}", was, now));
      if (target_text(old_b) != target_text(new_b)) {
        change.changes.push_back(
            fmt::format("目标时限：由「{}」改为「{}」", target_text(old_b), target_text(new_b)));
      }
    }
    if (!change.changes.empty()) out.bundles.push_back(std::move(change));
  }
}

}  // namespace

RulebookDiff diff_rules(const Rulebook& old_rules, const Rulebook& new_rules) {
  RulebookDiff out;
  std::set<std::string> codes = item_codes(old_rules);
  const auto more = item_codes(new_rules);
  codes.insert(more.begin(), more.end());
  for (const auto& code : codes) {
    const Item* a = old_rules.find_item(code);
    const Item* b = new_rules.find_item(code);
    ItemChange change{
        code, (b != nullptr ? b : a)->name, a ? a->version : "", b ? b->version : "", {}};
    if (a == nullptr) {
      change.changes.push_back("新增事项");
    } else if (b == nullptr) {
      change.changes.push_back("取消事项");
    } else {
      change.changes = detail::item_changes(old_rules, *a, new_rules, *b);
    }
    if (!change.changes.empty()) out.items.push_back(std::move(change));
  }
  diff_bundles(old_rules, new_rules, out);
  return out;
}

}  // namespace shenpi
