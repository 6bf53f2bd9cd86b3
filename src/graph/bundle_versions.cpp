// A bundle planned on a day takes each item's version in force that day; an
// item with none cannot be planned, and saying so beats a silent gap.
#include <fmt/format.h>

#include "digraph/bundle_graph.hpp"
#include "model/data.hpp"
#include "shenpi/diagnostic_codes.hpp"

namespace shenpi::detail {

std::vector<Diagnostic> versions_missing(const RulebookData& data, const Bundle& bundle, Date day) {
  std::vector<Diagnostic> out;
  for (const auto& stage : bundle.stages) {
    for (std::size_t k = 0; k < stage.items.size(); ++k) {
      const auto& code = stage.items[k];
      if (data.versions.count(code) == 0 || version_index(data, code, day) >= 0) continue;
      const SourceLocation& where =
          k < stage.item_locations.size() ? stage.item_locations[k] : stage.location;
      out.push_back(make_diagnostic(
          codes::no_version_in_force, where,
          fmt::format("bundle {} planned on {}: no version of item '{}' is in force that day",
                      bundle.code, day.to_string(), code)));
    }
  }
  return out;
}

}  // namespace shenpi::detail
