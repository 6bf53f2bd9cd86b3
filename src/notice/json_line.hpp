// The decision as one line of JSON, written straight into a caller's
// buffer: the batch path's writer. Private to the library.
#pragma once

#include <string>

#include "shenpi/evaluate.hpp"

namespace shenpi::detail {

/// Appends the decision JSON of decision_to_json(d) (without trace), on
/// one line with no spaces, byte for byte what nlohmann's compact dump of
/// that JSON gives. Reusing `out` makes it allocation-free; an invalid
/// decision goes through the ordinary writer (rare, and not hot).
void append_decision_json(const Decision& d, std::string& out);

}  // namespace shenpi::detail
