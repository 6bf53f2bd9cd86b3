// From JSON text to decision (Rulebook::evaluate_json, `eval --batch`):
// simdjson On-Demand straight into a SlotBinder for an application in the
// usual form, the full reader (load/json_application.hpp) and decide_into
// for any other text. Here, above load and evaluate, because it uses both
// (docs/architecture.md); simdjson stays behind this header.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "shenpi/evaluate.hpp"
#include "shenpi/rulebook.hpp"

namespace shenpi::detail {

/// Holds the parsers and scratch, so deciding many texts allocates nothing
/// once warm. Not thread-safe: one per thread.
class JsonDecider {
 public:
  JsonDecider();
  ~JsonDecider();
  JsonDecider(const JsonDecider&) = delete;
  JsonDecider& operator=(const JsonDecider&) = delete;

  /// Decides `text` into `out`, reusing out's storage. The fast path takes
  /// `{"application": {...}}` with `item` and `submitted_on` (strings, in
  /// either order) before `facts`, `materials`, `commitments`, and only
  /// what the SlotBinder accepts as is; anything else, every error
  /// included, is read by JsonApplicationReader::read and decided by
  /// decide_into, whose diagnostics `out` then holds: the same decision
  /// either way. `capacity` (bytes readable from text.data(); below
  /// text.size() + kJsonPadding the text is copied) and the locations
  /// (`name:line:column`, lines from `first_line`) as for read(). True when
  /// the fast path decided it (for tests and benchmarks).
  bool decide(std::string_view text, std::size_t capacity, const std::string& name, int first_line,
              const Rulebook& book, std::optional<Date> as_of, Decision& out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace shenpi::detail
