// Which version of an item decides an application: the one in force on the
// day it was filed (or on `as_of`), never a guess (docs/versions.md).
#include <fmt/format.h>

#include "evaluate/bound.hpp"
#include "shenpi/diagnostic_codes.hpp"

namespace shenpi::detail {

int bind_version(const Rulebook& book, const Application& a, std::vector<Diagnostic>& out) {
  const SourceLocation& item_at = a.item_location.file.empty() ? a.location : a.item_location;
  // One hash on the way that succeeds; the list of versions only for the message.
  const Date day = a.as_of.value_or(a.submitted_on);
  const int index = version_index(RulebookAccess::data(book), a.item, day);
  if (index >= 0) return index;
  const auto versions = book.versions(a.item);
  if (versions.empty()) {
    out.push_back(make_diagnostic(codes::unknown_item, item_at,
                                  fmt::format("no item '{}' in the rulebook", a.item)));
    return -1;
  }
  std::vector<std::string> periods;
  for (const Item* v : versions) {
    periods.push_back(fmt::format("{} {} – {}", v->version.empty() ? "(no label)" : v->version,
                                  v->effective.from ? v->effective.from->to_string() : "(open)",
                                  v->effective.until ? v->effective.until->to_string() : "(open)"));
  }
  const SourceLocation& date_at = a.date_location.file.empty() ? a.location : a.date_location;
  out.push_back(
      make_diagnostic(codes::application_outside_versions, a.as_of ? item_at : date_at,
                      fmt::format("no version of item '{}' is in force on {} ({}); versions: {}",
                                  a.item, day.to_string(), a.as_of ? "--as-of" : "submitted_on",
                                  fmt::join(periods, "; "))));
  return -1;
}

}  // namespace shenpi::detail
