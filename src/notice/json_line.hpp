// The decision as one line of JSON, written straight into a caller's
// buffer: the batch path's writer. Private to the library.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "shenpi/evaluate.hpp"

namespace shenpi::detail {

/// Appends `s` as a JSON string, escaped as nlohmann's dump escapes it
/// (quote, backslash, control characters; UTF-8 passes through).
void append_json_string(std::string_view s, std::string& out);
/// Appends `"YYYY-MM-DD"` (as Date::to_string, without printf), or `null`.
void append_json_date(const std::optional<Date>& d, std::string& out);

/// Appends the decision JSON of decision_to_json(d) (without trace), on
/// one line with no spaces, byte for byte what nlohmann's compact dump of
/// that JSON gives. Reusing `out` makes it allocation-free; an invalid
/// decision goes through the ordinary writer (rare, and not hot).
void append_decision_json(const Decision& d, std::string& out);

/// The same, remembering each item's escaped ids and names (its JSON
/// fragments) across calls: most of a decision line is the same text for
/// every application of an item. One writer per thread, used with one
/// rulebook (it keys the fragments by Item address).
class DecisionJsonWriter {
 public:
  /// With `trace`, the line ends with decision_to_json(d, true)'s `trace`
  /// array, written from the same cached fragments: no DOM either.
  void append(const Decision& d, std::string& out, bool trace = false);

 private:
  /// One trace entry's fixed text: the facts its expression reads (slots,
  /// with their keys) and everything around the result.
  struct TraceEntry {
    std::string head;  ///< `{"kind":"…","id":"…","expression":"…","facts":{`
    std::vector<std::int32_t> slots;
    std::vector<std::string> keys;  ///< `"path":` per slot
    std::string tail;               ///< `,"basis":"…"}`
  };
  struct Fragments {
    std::string head;                     ///< `{"item":{...},"submitted_on":`
    std::vector<std::string> conditions;  ///< `{"id":"…","status":`
    std::vector<std::string> materials;   ///< `{"id":"…","name":"…","status":`
    std::vector<TraceEntry> trace;        ///< conditions, materials, then the policy
  };
  static TraceEntry trace_entry(const Rulebook& book, const Item& item, std::string_view kind,
                                std::string_view id, const Expression& e, const std::string& basis);
  const Fragments& fragments(const Decision& d);
  void append_trace(const Decision& d, const Fragments& f, std::string& out);
  std::unordered_map<const Item*, Fragments> cache_;
};

}  // namespace shenpi::detail
