// Building the flat name tables of shenpi/names.hpp.
#include "model/name_index.hpp"

namespace shenpi {

void NameIndex::build(const std::vector<std::string_view>& names) {
  std::vector<std::uint64_t> hashes;
  hashes.reserve(names.size());
  for (const auto name : names) hashes.push_back(name_hash(name));
  build(names, hashes);
}

void NameIndex::build(const std::vector<std::string_view>& names,
                      const std::vector<std::uint64_t>& hashes) {
  slots_.clear();
  keys_.clear();
  size_ = 0;
  mask_ = 0;
  if (names.empty()) return;
  // At most half full, so a miss (an unknown name, or a shared fact looked
  // for first among the item's own) ends after a probe or two.
  std::size_t capacity = 4;
  while (capacity < names.size() * 2) capacity *= 2;
  slots_.assign(capacity, Slot{});
  mask_ = capacity - 1;
  std::size_t total = 0;
  for (const auto name : names) total += name.size();
  keys_.reserve(total);
  for (std::size_t k = 0; k < names.size(); ++k) {
    const std::string_view name = names[k];
    const std::uint64_t hash = hashes[k];
    if (find(name, hash) >= 0) continue;
    std::size_t at = hash & mask_;
    while (slots_[at].value >= 0) at = (at + 1) & mask_;
    slots_[at] = {hash, static_cast<std::uint32_t>(keys_.size()),
                  static_cast<std::uint32_t>(name.size()), static_cast<std::int32_t>(k)};
    keys_.append(name);
    ++size_;
  }
}

}  // namespace shenpi
