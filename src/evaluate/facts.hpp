// The SP603 sentence, shared by the binder and set_fact (facts.cpp).
#pragma once

#include <string_view>

#include "shenpi/evaluate.hpp"

namespace shenpi::detail {

/// SP603 `item <code> declares no fact '<path>'` at `location`.
Diagnostic unknown_fact(const Item& item, std::string_view path, SourceLocation location);

}  // namespace shenpi::detail
