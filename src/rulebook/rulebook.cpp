// The Rulebook class: read-only views over the data the loader filled.
#include <algorithm>
#include <functional>

#include "model/data.hpp"

namespace shenpi {

Rulebook::Rulebook(std::unique_ptr<detail::RulebookData> data) : data_(std::move(data)) {}
Rulebook::~Rulebook() = default;

const std::vector<Item>& Rulebook::items() const {
  return data_->items;
}
const std::vector<Bundle>& Rulebook::bundles() const {
  return data_->bundles;
}
const std::vector<Fact>& Rulebook::facts() const {
  return data_->facts;
}
const std::vector<CatalogMaterial>& Rulebook::catalog() const {
  return data_->catalog;
}
const Calendar& Rulebook::calendar() const {
  return data_->calendar;
}
const std::vector<std::string>& Rulebook::sources() const {
  return data_->sources;
}

const Item* Rulebook::find_item(std::string_view code) const {
  const int i = item_index(code);
  return i < 0 ? nullptr : &data_->items[static_cast<std::size_t>(i)];
}

const NoticeSettings& Rulebook::notices() const {
  return data_->notices;
}
int Rulebook::item_index(std::string_view code) const {
  const auto it = data_->item_index.find(code);
  return it == data_->item_index.end() ? -1 : it->second;
}

const Bundle* Rulebook::find_bundle(std::string_view code) const {
  const auto it = data_->bundle_index.find(code);
  return it == data_->bundle_index.end() ? nullptr
                                         : &data_->bundles[static_cast<std::size_t>(it->second)];
}

const Fact* Rulebook::find_fact(const Item& item, std::string_view path) const {
  // An item of this rulebook has its tables; any other Item is scanned.
  const auto& items = data_->items;
  const std::less<const Item*> before;
  if (!items.empty() && !before(&item, items.data()) &&
      before(&item, items.data() + items.size())) {
    return detail::find_item_fact(*data_, static_cast<std::size_t>(&item - items.data()), path);
  }
  for (const auto& f : item.facts) {
    if (f.path == path) return &f;
  }
  const auto it = data_->fact_index.find(path);
  return it == data_->fact_index.end() ? nullptr
                                       : &data_->facts[static_cast<std::size_t>(it->second)];
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

}  // namespace shenpi
