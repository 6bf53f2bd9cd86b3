// Small text helpers shared by the duration and validity parsers.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace shenpi::detail {

/// Without leading and trailing ASCII whitespace.
std::string_view trim(std::string_view text);

/// ASCII letters lowered; other bytes (UTF-8 included) unchanged.
std::string ascii_lower(std::string_view text);

/// `12 working  days` → {12, "working days"}: a count without sign or
/// leading zeros, at most `max`, then the unit with its inner runs of
/// whitespace collapsed to one space (the space after the count is optional).
struct CountAndUnit {
  int count = 0;
  std::string unit;
};
std::optional<CountAndUnit> split_count(std::string_view text, int max);

}  // namespace shenpi::detail
