// The wording of a wrong fact value, below the readers and the binder: the
// application readers (load) can report a value of the wrong shape with the
// same sentence check_fact_value (include/shenpi/evaluate.hpp) uses.
#pragma once

#include <string_view>

#include "shenpi/diagnostics.hpp"

namespace shenpi::detail {

/// SP604 `fact '<path>' must be <expected>; got <given>`, with `path`
/// quoted safely (invalid UTF-8 as \xNN).
Diagnostic wrong_fact_value(std::string_view path, std::string_view expected,
                            std::string_view given, SourceLocation location);

}  // namespace shenpi::detail
