// Helpers shared by the calendar tests.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "load/calendar_load.hpp"
#include "shenpi/calendar.hpp"

namespace shenpi::calendar_test {

/// rules/calendar of the source tree, loaded once.
inline const Calendar& national_calendar() {
  static const Calendar cal = [] {
    Calendar c;
    std::vector<Diagnostic> out;
    detail::load_calendar_dir(SHENPI_SOURCE_DIR "/rules/calendar", c, out);
    REQUIRE_MESSAGE(out.empty(), (out.empty() ? "" : format_diagnostic(out.front())));
    return c;
  }();
  return cal;
}

inline Date date(const char* text) {
  const auto d = Date::parse(text);
  REQUIRE_MESSAGE(d.has_value(), text);
  return *d;
}

inline bool has_diag(const std::vector<Diagnostic>& out, const std::string& code, int line,
                     int col) {
  return std::any_of(out.begin(), out.end(), [&](const Diagnostic& d) {
    return d.code == code && d.location.line == line && d.location.column == col;
  });
}

inline std::string dump(const std::vector<Diagnostic>& out) {
  std::string text;
  for (const auto& d : out) text += format_diagnostic(d);
  return text;
}

}  // namespace shenpi::calendar_test

/// One line per expected diagnostic: code at 1-based line and column.
#define CHECK_DIAG(diags, code, line, col)                                         \
  CHECK_MESSAGE(::shenpi::calendar_test::has_diag((diags), (code), (line), (col)), \
                ::shenpi::calendar_test::dump(diags))
