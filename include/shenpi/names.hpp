// Names to small integers, as the library resolves an application's fact
// paths and material, condition and commitment ids: a flat hash table
// built once and then only read. Public so that front ends (the Python
// module's dict reader) resolve names the way binding does, with no string
// built and no Python dict.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace shenpi {

namespace detail {  // name_hash's parts
inline std::uint64_t name_mix(std::uint64_t x) noexcept {
  x *= 0xBF58476D1CE4E5B9ULL;
  return x ^ (x >> 31);  // the high bits into the low ones a table indexes by
}
inline std::uint64_t name_load8(const char* p) noexcept {
  std::uint64_t w = 0;
  std::memcpy(&w, p, sizeof w);
  return w;
}
inline std::uint32_t name_load4(const char* p) noexcept {
  std::uint32_t w = 0;
  std::memcpy(&w, p, sizeof w);
  return w;
}
/// `a` and `b`, both `n` bytes, are equal (name_equal's work).
inline bool same_bytes(const char* a, const char* b, std::size_t n) noexcept {
  if (n >= 8) {
    for (; n > 8; n -= 8, a += 8, b += 8) {
      if (name_load8(a) != name_load8(b)) return false;
    }
    return name_load8(a + n - 8) == name_load8(b + n - 8);  // overlaps the last word read
  }
  if (n >= 4) {
    return ((name_load4(a) ^ name_load4(b)) | (name_load4(a + n - 4) ^ name_load4(b + n - 4))) == 0;
  }
  // One to three bytes: the first, middle and last cover them all (ids
  // such as `m01` are this short), without a loop.
  return n == 0 || ((a[0] == b[0]) & (a[n / 2] == b[n / 2]) & (a[n - 1] == b[n - 1]));
}
}  // namespace detail

/// `a == b`, inline and a word at a time like name_hash: memcmp is a
/// library call that costs a short name more than the comparison itself.
inline bool name_equal(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && detail::same_bytes(a.data(), b.data(), a.size());
}

/// The hash every NameIndex uses, so a caller that looks one name up in
/// two tables (an item's own facts, then the shared ones) hashes it once.
/// Inline, and a word at a time: names are short, and binding a row looks
/// up dozens (std::hash is a library call of some fifty instructions per
/// name). Only speed depends on it: a table compares the names it finds.
inline std::uint64_t name_hash(std::string_view name) noexcept {
  using detail::name_load4;
  using detail::name_load8;
  using detail::name_mix;
  const char* p = name.data();
  std::size_t n = name.size();
  std::uint64_t h = name_mix(0x9E3779B97F4A7C15ULL ^ n);
  for (; n > 8; n -= 8, p += 8) h = name_mix(h ^ name_load8(p));
  // The last one to eight bytes, read as two overlapping halves.
  if (n >= 4) {
    h ^= (std::uint64_t{name_load4(p)} << 32) | name_load4(p + n - 4);
  } else if (n > 0) {
    const auto byte = [&](std::size_t k) {
      return std::uint64_t{static_cast<unsigned char>(p[k])};
    };
    h ^= byte(0) | (byte(n / 2) << 8) | (byte(n - 1) << 16);
  }
  return name_mix(h);
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
  /// The same with name k placed by `hashes[k]` (one per name) instead of
  /// name_hash, for a caller whose names come with a hash of their own
  /// (a Python str caches its hash): it then looks names up by
  /// find(name, that hash).
  void build(const std::vector<std::string_view>& names, const std::vector<std::uint64_t>& hashes);
  /// The index of `name`, or -1; `hash` is its hash as the table was built
  /// (name_hash(name), or the hash build() was given for it).
  int find(std::string_view name, std::uint64_t hash) const noexcept {
    if (slots_.empty()) return -1;
    for (std::size_t at = hash & mask_;; at = (at + 1) & mask_) {
      const Slot& s = slots_[at];
      if (s.value < 0) return -1;
      if (s.hash == hash && name_equal(std::string_view(keys_.data() + s.offset, s.length), name)) {
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

}  // namespace shenpi
