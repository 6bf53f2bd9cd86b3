// Indexes of the rulebook model, and the item look-ups every module uses.
#include "model/data.hpp"

namespace shenpi {

const Material* Item::find_material(std::string_view id) const {
  const int i = material_index(id);
  return i < 0 ? nullptr : &materials[static_cast<std::size_t>(i)];
}

int Item::material_index(std::string_view id) const {
  for (std::size_t i = 0; i < materials.size(); ++i) {
    if (materials[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

const LegalBasis* Item::find_basis(std::string_view id) const {
  for (const auto& b : basis) {
    if (b.id == id) return &b;
  }
  return nullptr;
}

namespace detail {

void finish_rulebook(RulebookData& data) {
  data.item_index.clear();
  data.producers.clear();
  data.plans.clear();
  for (std::size_t i = 0; i < data.items.size(); ++i) {
    const Item& item = data.items[i];
    data.item_index.emplace(item.code, static_cast<int>(i));
    for (const auto& out : item.outputs) data.producers[out.id].push_back(static_cast<int>(i));
    ItemPlan plan;
    plan.slot_count = static_cast<int>(data.facts.size() + item.facts.size());
    plan.word_count = static_cast<int>((item.materials.size() + 63) / 64);
    data.plans.push_back(plan);
  }
  data.bundle_index.clear();
  for (std::size_t i = 0; i < data.bundles.size(); ++i) {
    data.bundle_index.emplace(data.bundles[i].code, static_cast<int>(i));
  }
}

}  // namespace detail
}  // namespace shenpi
