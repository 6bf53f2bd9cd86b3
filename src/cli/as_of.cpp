#include "cli/as_of.hpp"
#include "shenpi/diagnostic_codes.hpp"

#include <ctime>

#include <fmt/format.h>

namespace shenpi::cli {

Date local_today() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return Date::from_ymd(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday).value_or(Date{});
}

std::optional<Date> as_of_flag(const ParsedArgs& parsed, bool default_today, std::ostream& err,
                               bool& bad) {
  bad = false;
  const auto text = parsed.value("as-of");
  if (!text) return default_today ? std::optional<Date>(local_today()) : std::nullopt;
  const auto day = Date::parse(*text);
  if (!day) {
    const Diagnostic d = make_diagnostic(
        codes::bad_date, {}, fmt::format("--as-of '{}' is not a date (YYYY-MM-DD)", *text));
    print_diagnostics({&d, 1}, err);
    bad = true;
  }
  return day;
}

}  // namespace shenpi::cli
