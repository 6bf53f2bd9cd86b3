// set_fact: the typed way to fill an application from code, with the
// binder's own check (check_fact_value) and words.
#include "evaluate/facts.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "base/text.hpp"
#include "shenpi/diagnostic_codes.hpp"

namespace shenpi {

namespace detail {

Diagnostic unknown_fact(const Item& item, std::string_view path, SourceLocation location) {
  return make_diagnostic(
      codes::unknown_application_fact, std::move(location),
      fmt::format("item {} declares no fact '{}'", item.code, printable(path, 200)));
}

}  // namespace detail

std::optional<Diagnostic> set_fact(Application& application, const Rulebook& book, const Item& item,
                                   std::string_view path, FactValue value,
                                   const SourceLocation& location) {
  const Fact* fact = book.find_fact(item, path);
  if (fact == nullptr) return detail::unknown_fact(item, path, location);
  if (auto error = check_fact_value(*fact, value, location)) return error;
  const auto same = std::find_if(application.facts.begin(), application.facts.end(),
                                 [&](const ApplicationFact& f) { return f.path == fact->path; });
  ApplicationFact& entry =
      same != application.facts.end() ? *same : application.facts.emplace_back();
  entry.path = fact->path;
  entry.value = std::move(value);
  entry.location = location;
  entry.text.clear();
  return std::nullopt;
}

}  // namespace shenpi
