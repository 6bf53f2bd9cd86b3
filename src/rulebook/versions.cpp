// Item versions: several files may define one code for disjoint periods
// (`item.effective`). The loader checks the periods (src/load/versions.cpp);
// here the lookups by code and day.
#include <algorithm>

#include "rulebook/data.hpp"

namespace shenpi {
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

}  // namespace detail

const Item* Rulebook::find_item(std::string_view code, Date day) const {
  const int i = item_index(code, day);
  return i < 0 ? nullptr : &data().items[static_cast<std::size_t>(i)];
}

int Rulebook::item_index(std::string_view code, Date day) const {
  return detail::version_index(data(), code, day);
}

std::vector<const Item*> Rulebook::versions(std::string_view code) const {
  std::vector<const Item*> out;
  const auto it = data().versions.find(code);
  if (it == data().versions.end()) return out;
  for (const int i : it->second) out.push_back(&data().items[static_cast<std::size_t>(i)]);
  return out;
}

}  // namespace shenpi
