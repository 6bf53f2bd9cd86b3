// Small text helpers shared by the duration and validity parsers.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace shenpi::detail {

/// Without leading and trailing ASCII whitespace.
std::string_view trim(std::string_view text);

/// ASCII letters lowered; other bytes (UTF-8 included) unchanged.
std::string ascii_lower(std::string_view text);

/// Length of the well-formed UTF-8 sequence that starts `s` (RFC 3629: no
/// overlong forms, no surrogates, nothing past U+10FFFF), or 0 when there
/// is none (also for an empty `s`).
std::size_t utf8_length(std::string_view s);

/// True when all of `text` is UTF-8.
bool is_utf8(std::string_view text);

/// `text` made safe to quote in a message: invalid UTF-8 and control bytes
/// become `\xNN`, and long texts are cut with `…`.
std::string printable(std::string_view text, std::size_t max_bytes = 40);

/// `12 working  days` → {12, "working days"}: a count without sign or
/// leading zeros, at most `max`, then the unit with its inner runs of
/// whitespace collapsed to one space (the space after the count is optional).
struct CountAndUnit {
  int count = 0;
  std::string unit;
};
std::optional<CountAndUnit> split_count(std::string_view text, int max);

}  // namespace shenpi::detail
