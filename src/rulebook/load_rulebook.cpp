// load_rulebook: read (load module), check (check module), then wrap the
// model in an immutable, shared Rulebook.
#include <algorithm>
#include <exception>

#include <fmt/format.h>

#include "check/check.hpp"
#include "load/loader.hpp"
#include "shenpi/diagnostic_codes.hpp"

namespace shenpi {
namespace {

/// Drops the warnings `disabled` names (by code or name); errors stay.
void drop_disabled(const LoadOptions& options, std::vector<Diagnostic>& out) {
  const auto disabled = [&](const Diagnostic& d) {
    if (d.severity == Severity::error) return false;
    return std::any_of(options.disabled.begin(), options.disabled.end(), [&](const auto& name) {
      const DiagnosticInfo* info = find_diagnostic(name);
      return info != nullptr && info->code == d.code;
    });
  };
  out.erase(std::remove_if(out.begin(), out.end(), disabled), out.end());
  // After the filter, so a typo cannot silence its own report.
  for (const auto& name : options.disabled) {
    if (find_diagnostic(name) == nullptr) {
      out.push_back(make_diagnostic(
          codes::unknown_disabled, {},
          fmt::format("cannot disable '{}': no diagnostic has that code or name (write a code "
                      "like SP302 or a name like material-without-basis)",
                      name)));
    }
  }
}

}  // namespace

LoadResult load_rulebook(const std::vector<std::string>& paths, const LoadOptions& options) {
  LoadResult result;
  auto& out = result.diagnostics;
  auto data = std::make_unique<detail::RulebookData>();
  data->sources = paths;
  try {
    if (detail::read_rulebook(paths, options, *data, out)) {
      detail::check_rulebook(*data, out);
      result.stats = {static_cast<int>(data->items.size()), static_cast<int>(data->bundles.size())};
    }
  } catch (const std::exception& e) {
    // A bug, not a rule problem; still a value, never an escaping exception.
    out.push_back(make_diagnostic(codes::unreadable_source, {},
                                  fmt::format("internal error while loading: {}", e.what())));
  }
  drop_disabled(options, out);
  sort_diagnostics(out);
  if (!has_errors(out)) result.rulebook = detail::RulebookAccess::make(std::move(data));
  return result;
}

}  // namespace shenpi
