// Pieces of the impact diff (include/shenpi/diff.hpp).
#pragma once

#include <string>
#include <vector>

#include "shenpi/diff.hpp"

namespace shenpi::detail {

/// The changes from version `a` (of `old_book`) to version `b` (of
/// `new_book`) of an item, in Chinese: expressions as sentences with fact
/// and value labels, entries by their names.
std::vector<std::string> item_changes(const Rulebook& old_book, const Item& a,
                                      const Rulebook& new_book, const Item& b);

}  // namespace shenpi::detail
