// Graph checks the loader runs on every rulebook (Boost.Graph inside).
#pragma once

#include <vector>

#include "model/data.hpp"

namespace shenpi::detail {

/// SP308: items that require each other through produced materials
/// (互为前后置), each cycle reported once with its edges.
void check_item_cycles(const RulebookData& data, std::vector<Diagnostic>& out);

/// SP401 (cycle inside a bundle) and SP402 (critical path over target) for
/// every bundle whose items all exist.
void check_bundles(const RulebookData& data, std::vector<Diagnostic>& out);

}  // namespace shenpi::detail
