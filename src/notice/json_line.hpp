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
  void append(const Decision& d, std::string& out);

 private:
  struct Fragments {
    std::string head;                     ///< `{"item":{...},"submitted_on":`
    std::vector<std::string> conditions;  ///< `{"id":"…","status":`
    std::vector<std::string> materials;   ///< `{"id":"…","name":"…","status":`
  };
  const Fragments& fragments(const Item& item);
  std::unordered_map<const Item*, Fragments> cache_;
};

}  // namespace shenpi::detail
