// The decision record's JSON written straight into a buffer, for the
// service's hot path and its batches. Private to the library.
#pragma once

#include <string>

#include "notice/json_line.hpp"
#include "shenpi/record.hpp"

namespace shenpi::detail {

/// Appends record_to_json(r): compact, keys in the record's order.
void append_record_json(const DecisionRecord& r, std::string& out);

/// Appends the decision JSON of decision_json_with_record(..., false) on
/// one line, compact (the `eval --json` object with its `record`). False,
/// and nothing appended, when the decision is not valid (it has no
/// record). Thread-safe: each thread keeps its own writers (their escaped
/// item names), keyed weakly by rulebook.
bool append_decision_with_record(const Rulebook& book, const Application& application,
                                 const Decision& decision, std::string& out);

}  // namespace shenpi::detail
