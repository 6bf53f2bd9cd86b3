// `--as-of DATE`: which rules a command uses (docs/versions.md).
#pragma once

#include <iosfwd>
#include <optional>

#include "cli/cli_util.hpp"
#include "shenpi/calendar.hpp"

namespace shenpi::cli {

/// Today in the machine's local time zone.
Date local_today();

/// The `--as-of` value: the date given, else today when `default_today`,
/// else nullopt. `bad` is set (after printing SP109) when the value is not
/// a date.
std::optional<Date> as_of_flag(const ParsedArgs& parsed, bool default_today, std::ostream& err,
                               bool& bad);

}  // namespace shenpi::cli
