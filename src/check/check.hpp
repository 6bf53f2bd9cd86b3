// The check module's entry point: rulebook-wide checks once every file is read.
#pragma once

#include <vector>

#include "model/data.hpp"

namespace shenpi::detail {

/// Rulebook-wide checks after every file is read: duplicate codes (dropped),
/// bundle references, indexes (finish_rulebook), the domain lints, and the
/// graph checks (cycles, critical path against the bundle target).
void check_rulebook(RulebookData& data, std::vector<Diagnostic>& out);

}  // namespace shenpi::detail
