#include <algorithm>

#include "rulebook/data.hpp"

namespace shenpi {

Rulebook::Rulebook(std::unique_ptr<detail::RulebookData> data) : data_(std::move(data)) {}
Rulebook::~Rulebook() = default;

const std::vector<Item>& Rulebook::items() const { return data_->items; }
const std::vector<Bundle>& Rulebook::bundles() const { return data_->bundles; }
const std::vector<Fact>& Rulebook::facts() const { return data_->facts; }
const std::vector<CatalogMaterial>& Rulebook::catalog() const { return data_->catalog; }
const Calendar& Rulebook::calendar() const { return data_->calendar; }
const std::vector<std::string>& Rulebook::sources() const { return data_->sources; }

const Item* Rulebook::find_item(std::string_view code) const {
  const int i = item_index(code);
  return i < 0 ? nullptr : &data_->items[static_cast<std::size_t>(i)];
}

int Rulebook::item_index(std::string_view code) const {
  const auto it = data_->item_index.find(code);
  return it == data_->item_index.end() ? -1 : it->second;
}

const Bundle* Rulebook::find_bundle(std::string_view code) const {
  const auto it = data_->bundle_index.find(code);
  return it == data_->bundle_index.end() ? nullptr : &data_->bundles[static_cast<std::size_t>(it->second)];
}

const Fact* Rulebook::find_fact(const Item& item, std::string_view path) const {
  for (const auto& f : item.facts) {
    if (f.path == path) return &f;
  }
  const auto it = data_->fact_index.find(path);
  return it == data_->fact_index.end() ? nullptr : &data_->facts[static_cast<std::size_t>(it->second)];
}

int Rulebook::fact_slot_count(const Item& item) const {
  return static_cast<int>(data_->facts.size() + item.facts.size());
}

const Fact& Rulebook::fact_in_slot(const Item& item, int slot) const {
  const auto shared = static_cast<int>(data_->facts.size());
  if (slot < shared) return data_->facts[static_cast<std::size_t>(slot)];
  return item.facts[static_cast<std::size_t>(slot - shared)];
}

std::vector<const Item*> Rulebook::producers(std::string_view material_id) const {
  std::vector<const Item*> result;
  const auto it = data_->producers.find(material_id);
  if (it == data_->producers.end()) return result;
  for (int i : it->second) result.push_back(&data_->items[static_cast<std::size_t>(i)]);
  return result;
}

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
  data.versions.clear();
  data.producers.clear();
  data.plans.clear();
  for (std::size_t i = 0; i < data.items.size(); ++i) {
    const Item& item = data.items[i];
    data.versions[item.code].push_back(static_cast<int>(i));
    for (const auto& out : item.outputs) data.producers[out.id].push_back(static_cast<int>(i));
    ItemPlan plan;
    plan.slot_count = static_cast<int>(data.facts.size() + item.facts.size());
    plan.word_count = static_cast<int>((item.materials.size() + 63) / 64);
    const auto words = static_cast<std::size_t>(plan.word_count);
    plan.shared.assign(words, 0);
    plan.tolerable.assign(words, 0);
    plan.committable.assign(words, 0);
    for (std::size_t m = 0; m < item.materials.size(); ++m) {
      const std::uint64_t bit = std::uint64_t{1} << (m % 64);
      const auto& mat = item.materials[m];
      if (mat.source == Material::Source::shared) plan.shared[m / 64] |= bit;
      if (mat.tolerable) plan.tolerable[m / 64] |= bit;
      if (mat.commitment_allowed) plan.committable[m / 64] |= bit;
    }
    data.plans.push_back(std::move(plan));
  }
  index_versions(data);
  data.bundle_index.clear();
  for (std::size_t i = 0; i < data.bundles.size(); ++i) {
    data.bundle_index.emplace(data.bundles[i].code, static_cast<int>(i));
  }
}

}  // namespace detail
}  // namespace shenpi
