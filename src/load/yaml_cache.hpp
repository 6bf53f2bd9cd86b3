// A folder of parsed YAML trees (LoadOptions::cache_dir), one entry per
// distinct file content: a warm load reads the tree back instead of running
// yaml-cpp's scanner, two thirds of a cold load. The entry holds exactly what
// yaml::parse builds (nodes, texts, locations), and every reader and check
// still runs on it, so a warm load gives the items and diagnostics of a cold
// one by construction. See docs/rulebook.md, "Loading large catalogues".
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "load/yaml_tree.hpp"
#include "shenpi/diagnostics.hpp"

namespace shenpi::detail {

/// SHA-256 of the entry format, engine and yaml-cpp versions and the text:
/// the name of a text's entry. Another version never reads this one's.
using CacheKey = std::array<unsigned char, 32>;
CacheKey cache_key(std::string_view text);

/// The bytes of an entry for `tree`, parsed from a text of `text_size`
/// bytes whose key is `key`; ends in a SHA-256 of all bytes before it.
std::string encode_tree(const yaml::Tree& tree, const CacheKey& key, std::size_t text_size);

/// The tree of an entry, or nullptr when the bytes are not a whole, intact
/// entry of this format for `key` and `text_size` (truncated, altered,
/// another file's or another version's), or describe a tree yaml::parse
/// could not have built (an index out of range, an odd mapping).
std::shared_ptr<const yaml::Tree> decode_tree(std::string_view bytes, const CacheKey& key,
                                              std::size_t text_size);

/// One load's view of a cache folder. Safe to use from the loader's worker
/// threads at once; several processes may share the folder: an entry is
/// written to a temporary file and renamed into place, so a reader sees a
/// whole entry or none.
class YamlCache {
 public:
  /// Entries live in `<dir>/yaml-1/`, made on the first write.
  explicit YamlCache(std::string dir);

  /// The tree of `text`: the cached one when its entry is intact, else
  /// yaml::parse's, which is then written (a text that is not YAML is not).
  std::shared_ptr<const yaml::Tree> parse(const std::string& text, yaml::ParseError& error);

  /// SP112 (a warning, once) when an entry could not be written.
  void report(std::vector<Diagnostic>& out) const;

 private:
  void store(const CacheKey& key, const std::string& bytes);

  std::string dir_;      // as given, for the diagnostic
  std::string entries_;  // <dir>/yaml-1
  std::once_flag made_;
  bool made_ok_ = false;
  std::atomic<bool> failed_{false};
  mutable std::mutex mutex_;
  std::string why_;  // the first write failure
};

}  // namespace shenpi::detail
