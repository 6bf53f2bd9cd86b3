// One loaded rulebook as the service serves it: the rulebook, its digest,
// when and how fast it loaded, and the site pages rendered from it. A
// snapshot is immutable; a reload builds a new one and swaps it in whole.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "shenpi/evaluate.hpp"
#include "shenpi/rulebook.hpp"
#include "shenpi/serve.hpp"

namespace shenpi::detail {

struct SiteFile {
  std::string content_type;
  std::string body;
};

/// Each RULES argument is its own rulebook (as `shenpi site` takes them):
/// jurisdictions keep their own facts, materials and calendars. An item or
/// bundle code is looked up in argument order; the first one holding it
/// answers.
struct Snapshot {
  std::vector<std::shared_ptr<const Rulebook>> books;  ///< one per RULES argument, never empty
  std::size_t items = 0;
  std::size_t bundles = 0;

  /// The rulebook holding `code`, or nullptr.
  const Rulebook* book_of_item(std::string_view code) const;
  const Rulebook* book_of_bundle(std::string_view code) const;
  /// The rulebook that decides `application`: the first holding its item.
  /// An item no rulebook holds is decided by the first, which says SP602.
  const Rulebook& deciding_book(const Application& application) const {
    const Rulebook* book = book_of_item(application.item);
    return book != nullptr ? *book : first();
  }
  /// The first rulebook: its calendar answers /v1/calendar/add.
  const Rulebook& first() const { return *books.front(); }

  std::string digest;  ///< SHA-256 (hex) over the rule files, see rules_digest
  double load_seconds = 0;
  std::int64_t loaded_at = 0;                      ///< Unix seconds
  std::uint64_t generation = 0;                    ///< 1 for the first load, +1 per accepted reload
  std::unordered_map<std::string, SiteFile> site;  ///< by path, `index.html` …
};

/// SHA-256 over every regular file under `paths` (folders walked
/// recursively, files in byte order of their paths), hashing each relative
/// path and its bytes, so a rename or an edit changes the digest. Empty
/// string when a file cannot be read.
std::string rules_digest(const std::vector<std::string>& paths);

/// Loads the rules of `options` into a new snapshot. On rulebook errors the
/// report is not ok and `out` is left alone.
ReloadReport load_snapshot(const ServeOptions& options, std::uint64_t generation,
                           std::shared_ptr<const Snapshot>& out);

}  // namespace shenpi::detail
