// Item versions: several files may define one code for disjoint periods
// (`item.effective`). The loader checks the periods (src/load/versions.cpp);
// here the lookups by code and day.
#include <algorithm>

#include "model/data.hpp"

namespace shenpi {

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
