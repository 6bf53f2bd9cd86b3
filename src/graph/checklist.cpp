// The merged checklist (一表申请) of a bundle.
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "graph/builder.hpp"

namespace shenpi::detail {
namespace {

std::string material_name(const RulebookData& data, const Material& m) {
  if (!m.name.empty() || m.catalog_id.empty()) return m.name;
  const auto it = data.catalog_index.find(m.catalog_id);
  return it == data.catalog_index.end() ? m.name
                                        : data.catalog[static_cast<std::size_t>(it->second)].name;
}

/// The identity of a material across items: a catalogue material is the
/// same document wherever it is used; an item's own material (its 申请书,
/// say) is the same only if id and name agree.
std::string merge_key(const Material& m, const std::string& name) {
  if (!m.catalog_id.empty()) return "use:" + m.catalog_id;
  return m.id + '\n' + name;
}

}  // namespace

/// Each material once, in order of first appearance. What a bundle item
/// produces is handed over inside the bundle, and shared materials are
/// fetched by the authority, so neither is asked.
void GraphBuilder::fill_checklist(ApprovalGraph& out, const RulebookData& data,
                                  const BundleGraph& g) {
  std::unordered_set<std::string_view> produced(g.items.size() * 2);
  for (const int i : g.items) {
    for (const auto& o : data.items[static_cast<std::size_t>(i)].outputs) produced.insert(o.id);
  }
  std::unordered_map<std::string, std::size_t> entry_of(g.items.size() * 2);
  for (const int i : g.items) {
    const Item& item = data.items[static_cast<std::size_t>(i)];
    for (const auto& m : item.materials) {
      if (m.requirement == Material::Requirement::never || m.source == Material::Source::shared) {
        continue;
      }
      ++out.asked_separately_;
      if (produced.count(m.id) != 0) continue;
      const bool conditional = m.requirement == Material::Requirement::when;
      std::string name = material_name(data, m);
      auto [it, added] = entry_of.try_emplace(merge_key(m, name), out.checklist_.size());
      if (added) out.checklist_.push_back({m.id, std::move(name), {}, true});
      ChecklistEntry& entry = out.checklist_[it->second];
      entry.items.push_back(item.code);
      entry.conditional = entry.conditional && conditional;
    }
  }
}

}  // namespace shenpi::detail
