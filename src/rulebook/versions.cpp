// Item versions: several files may define one code for disjoint periods
// (`item.effective`). The loader checks the periods (src/load/versions.cpp);
// here the lookups by code and day.
#include <algorithm>

#include "model/data.hpp"

namespace shenpi {

const Item* Rulebook::find_item(std::string_view code, Date day) const {
  const int i = item_index(code, day);
  return i < 0 ? nullptr : &detail::RulebookAccess::data(*this).items[static_cast<std::size_t>(i)];
}

int Rulebook::item_index(std::string_view code, Date day) const {
  return detail::version_index(detail::RulebookAccess::data(*this), code, day);
}

std::vector<const Item*> Rulebook::versions(std::string_view code) const {
  std::vector<const Item*> out;
  const auto it = detail::RulebookAccess::data(*this).versions.find(code);
  if (it == detail::RulebookAccess::data(*this).versions.end()) return out;
  for (const int i : it->second)
    out.push_back(&detail::RulebookAccess::data(*this).items[static_cast<std::size_t>(i)]);
  return out;
}

}  // namespace shenpi
