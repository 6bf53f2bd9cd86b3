// The decision record's JSON written straight into a buffer, for the
// service's hot path and its batches. Private to the library.
#pragma once

#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "notice/json_line.hpp"
#include "shenpi/record.hpp"

namespace shenpi::detail {

/// Appends record_to_json(r): compact, keys in the record's order.
void append_record_json(const DecisionRecord& r, std::string& out);

/// Appends canonical_application(a).
void append_canonical_application(const Application& a, std::string& out);
/// Appends sha256_hex(text). `text` may lie inside `out`.
void append_sha256_hex(std::string_view text, std::string& out);

/// `shenpi X.Y.Z`: the record's `engine`.
std::string_view engine_name();

/// The record's item digest (sha256_hex of canonical_item) and its
/// calendar years and digest for `decision`, each computed once per
/// rulebook and remembered (keyed weakly by rulebook, so a reload never
/// reuses them). Thread-safe.
std::string item_digest(const Rulebook& book, const Item& item);
std::vector<int> calendar_years(const Calendar& calendar, const Decision& decision);
std::string calendar_digest(const Rulebook& book, const std::vector<int>& years);

/// Writes decisions with their record, compact, for one rulebook on one
/// thread. What repeats from one decision to the next is kept as ready
/// text: each item's escaped names (DecisionJsonWriter), each item
/// version's record head and digest, each calendar span's years and
/// digest. A decision then costs its own values, its application's
/// canonical text and that text's SHA-256. Not thread-safe; see
/// thread_row_writer.
class RecordRowWriter {
 public:
  explicit RecordRowWriter(const Rulebook& book) : book_(&book) {}
  /// Appends the decision JSON of decision_json_with_record(..., false) on
  /// one line, compact. False, and nothing appended, when the decision is
  /// not valid (it has no record).
  bool append(const Application& application, const Decision& decision, std::string& out);

 private:
  struct ItemText {
    std::string head;    ///< `"record":{"item":…,"effective":{…},"as_of":`
    std::string digest;  ///< `,"item_sha256":"…"`
  };
  const ItemText& item_text(const Item& item);
  const std::string& calendar_text(const Decision& decision);

  const Rulebook* book_;
  DecisionJsonWriter decisions_;
  std::unordered_map<const Item*, ItemText> items_;
  std::map<std::pair<int, int>, std::string> calendars_;  ///< by first and last year used
};

/// This thread's writer for `book`, one of the few rulebooks it wrote for
/// lately. Keyed weakly: when `book` is gone (a reload), its slot is taken
/// afresh, never reused for a rulebook at the same address. Look it up once
/// per run of decisions (the lookup touches the rulebook's shared count).
RecordRowWriter& thread_row_writer(const Rulebook& book);

/// thread_row_writer(book).append(application, decision, out).
bool append_decision_with_record(const Rulebook& book, const Application& application,
                                 const Decision& decision, std::string& out);

}  // namespace shenpi::detail
