// The wording of a wrong fact value, below the readers and the binder: the
// application readers (load) can report a value of the wrong shape with the
// same sentence check_fact_value (include/shenpi/evaluate.hpp) uses.
#pragma once

#include <string>
#include <string_view>

#include "shenpi/diagnostics.hpp"

namespace shenpi::detail {

/// What any fact value must be, for a reader that does not yet know the
/// fact's type (a mapping, or a list holding one, is never a fact value).
inline constexpr std::string_view fact_value_shape = "a scalar or a list of strings";

/// `fact '<path>' must be <expected>; got <given>`, with `path` quoted
/// safely (invalid UTF-8 as \xNN): the one sentence of SP604.
std::string wrong_fact_message(std::string_view path, std::string_view expected,
                               std::string_view given);

/// SP604 with wrong_fact_message's sentence.
Diagnostic wrong_fact_value(std::string_view path, std::string_view expected,
                            std::string_view given, SourceLocation location);

}  // namespace shenpi::detail
