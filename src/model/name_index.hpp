// A flat hash table from names (fact paths, material and condition ids) to
// small integers, built once at load and then only read: binding an
// application resolves every name it gives through these, with no string
// built and no list scanned.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace shenpi::detail {

/// The hash every NameIndex uses, so a caller that looks one name up in
/// two tables (an item's own facts, then the shared ones) hashes it once.
inline std::uint64_t name_hash(std::string_view name) noexcept {
  return std::hash<std::string_view>{}(name);
}

/// Open addressing with linear probing over a power-of-two array at most
/// half full; the keys are copied into one buffer, so the table does not
/// depend on where the strings it was built from live (items move while
/// the rulebook is built). Immutable after build(); safe to read from many
/// threads.
class NameIndex {
 public:
  /// Rebuilds the table from `names`; name k maps to k. A name given twice
  /// keeps its first index (the loader reports the duplicate elsewhere).
  void build(const std::vector<std::string_view>& names);
  /// The index of `name`, or -1; `hash` is name_hash(name).
  int find(std::string_view name, std::uint64_t hash) const noexcept {
    if (slots_.empty()) return -1;
    for (std::size_t at = hash & mask_;; at = (at + 1) & mask_) {
      const Slot& s = slots_[at];
      if (s.value < 0) return -1;
      if (s.hash == hash && std::string_view(keys_.data() + s.offset, s.length) == name) {
        return s.value;
      }
    }
  }
  int find(std::string_view name) const noexcept { return find(name, name_hash(name)); }
  std::size_t size() const noexcept { return size_; }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t offset = 0;
    std::uint32_t length = 0;
    std::int32_t value = -1;  ///< -1: empty
  };
  std::vector<Slot> slots_;
  std::string keys_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

}  // namespace shenpi::detail
