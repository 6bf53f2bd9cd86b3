// Indexes of the rulebook model, and the item look-ups every module uses.
#include "model/data.hpp"
#include <algorithm>

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

void index_versions(RulebookData& data) {
  for (auto& [code, list] : data.versions) {
    // An open start sorts first; equal starts keep file order.
    std::stable_sort(list.begin(), list.end(), [&](int a, int b) {
      const auto& fa = data.items[static_cast<std::size_t>(a)].effective.from;
      const auto& fb = data.items[static_cast<std::size_t>(b)].effective.from;
      return fa.has_value() && fb.has_value() ? *fa < *fb : !fa.has_value() && fb.has_value();
    });
    data.item_index[code] = list.back();
  }
}

int version_index(const RulebookData& data, std::string_view code, Date day) {
  const auto it = data.versions.find(code);
  if (it == data.versions.end()) return -1;
  for (const int i : it->second) {
    if (data.items[static_cast<std::size_t>(i)].effective.covers(day)) return i;
  }
  return -1;
}

namespace {

template <typename T, typename Key>
std::vector<std::string_view> names_of(const std::vector<T>& list, Key key) {
  std::vector<std::string_view> names;
  names.reserve(list.size());
  for (const auto& x : list) names.emplace_back(key(x));
  return names;
}

ItemPlan plan_item(const RulebookData& data, const Item& item) {
  ItemPlan plan;
  plan.slot_count = static_cast<int>(data.facts.size() + item.facts.size());
  plan.word_count = static_cast<int>((item.materials.size() + 63) / 64);
  plan.facts.build(
      names_of(item.facts, [](const Fact& f) -> const std::string& { return f.path; }));
  plan.materials.build(
      names_of(item.materials, [](const Material& m) -> const std::string& { return m.id; }));
  plan.conditions.build(
      names_of(item.conditions, [](const Condition& c) -> const std::string& { return c.id; }));
  plan_evaluation(item, plan);
  return plan;
}

}  // namespace

void finish_rulebook(RulebookData& data) {
  data.shared_facts.build(
      names_of(data.facts, [](const Fact& f) -> const std::string& { return f.path; }));
  data.item_index.clear();
  data.versions.clear();
  data.producers.clear();
  data.plans.clear();
  data.plans.reserve(data.items.size());
  for (std::size_t i = 0; i < data.items.size(); ++i) {
    const Item& item = data.items[i];
    data.versions[item.code].push_back(static_cast<int>(i));
    for (const auto& out : item.outputs) data.producers[out.id].push_back(static_cast<int>(i));
    data.plans.push_back(plan_item(data, item));
  }
  index_versions(data);
  data.bundle_index.clear();
  for (std::size_t i = 0; i < data.bundles.size(); ++i) {
    data.bundle_index.emplace(data.bundles[i].code, static_cast<int>(i));
  }
}

}  // namespace detail
}  // namespace shenpi
