// The fast path from JSON text to decision: simdjson On-Demand straight
// into a SlotBinder, for an application in the usual form. Internal to the
// JSON reader (json_application.cpp), which falls back to the full reader
// whenever this declines.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <simdjson.h>

#include "evaluate/slot_binder.hpp"

namespace shenpi::detail {

/// Decides `text` (readable up to `capacity` bytes, at least text.size() +
/// kJsonPadding) into `out` when it is `{"application": {...}}` with
/// `item` and `submitted_on` (strings, in either order) before any of
/// `facts`, `materials`, `commitments`, and everything the SlotBinder
/// accepts as is. False at the first thing it would not take (anything
/// else, including every error): `out` is then unspecified, and the caller
/// decides the text by the full reader, which says what is wrong.
bool decide_json_fast(simdjson::ondemand::parser& parser, SlotBinder& binder, std::string_view text,
                      std::size_t capacity, const std::string& name, int first_line,
                      const Rulebook& book, std::optional<Date> as_of, Decision& out);

}  // namespace shenpi::detail
