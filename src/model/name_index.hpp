// The flat name tables binding resolves facts, materials and commitments
// through: shenpi::NameIndex (shenpi/names.hpp), public for the front ends,
// known inside the library by its old names.
#pragma once

#include "shenpi/names.hpp"

namespace shenpi::detail {

using shenpi::name_equal;
using shenpi::name_hash;
using shenpi::NameIndex;

}  // namespace shenpi::detail
