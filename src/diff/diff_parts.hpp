// Pieces of the impact diff (include/shenpi/diff.hpp).
#pragma once

#include <string>
#include <vector>

#include "shenpi/diff.hpp"

namespace shenpi::detail {

/// The changes from version `a` to version `b` of an item, in Chinese.
std::vector<std::string> item_changes(const Item& a, const Item& b);

}  // namespace shenpi::detail
