// Rulebook-wide checks, run once every file has been read.
#include <algorithm>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "check/lints.hpp"
#include "graph/checks.hpp"
#include "load/loader.hpp"

namespace shenpi::detail {
namespace {

/// SP105 for item codes and bundle codes given twice; keeps the first.
/// Hashes the codes: a city's catalogue has ten thousand items.
template <typename T>
void drop_duplicate_codes(std::vector<T>& list, std::string_view what,
                          std::vector<Diagnostic>& out) {
  std::unordered_map<std::string_view, std::size_t> first;
  first.reserve(list.size());
  std::vector<bool> duplicate(list.size(), false);
  bool any = false;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto [it, inserted] = first.try_emplace(list[i].code, i);
    if (inserted) continue;
    const T& x = list[i];
    Diagnostic d = make_diagnostic("SP105", x.location,
                                   fmt::format("{} code '{}' defined twice", what, x.code));
    d.notes.push_back({list[it->second].location, "first defined here"});
    out.push_back(std::move(d));
    duplicate[i] = any = true;
  }
  if (!any) return;
  std::size_t kept = 0;
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (!duplicate[i]) {
      if (kept != i) list[kept] = std::move(list[i]);
      ++kept;
    }
  }
  list.erase(list.begin() + static_cast<std::ptrdiff_t>(kept), list.end());
}

/// SP106 for unknown item codes, SP403 for an item listed twice.
bool check_bundle_refs(const RulebookData& data, const Bundle& b, std::vector<Diagnostic>& out) {
  bool ok = true;
  std::set<std::string> seen;
  for (const auto& stage : b.stages) {
    for (std::size_t k = 0; k < stage.items.size(); ++k) {
      const auto& code = stage.items[k];
      const SourceLocation& where =
          k < stage.item_locations.size() ? stage.item_locations[k] : stage.location;
      if (data.item_index.count(code) == 0) {
        out.push_back(make_diagnostic(
            "SP106", where, fmt::format("bundle {} names unknown item '{}'", b.code, code)));
        ok = false;
      } else if (!seen.insert(code).second) {
        out.push_back(make_diagnostic(
            "SP403", where, fmt::format("item '{}' is listed twice in bundle {}", code, b.code)));
        ok = false;
      }
    }
  }
  for (const auto& dep : b.depends) {
    for (const auto* code : {&dep.before, &dep.after}) {
      if (seen.count(*code) == 0) {
        out.push_back(
            make_diagnostic("SP106", dep.location,
                            fmt::format("dependency names '{}', which is not an item of bundle {}",
                                        *code, b.code)));
        ok = false;
      }
    }
  }
  return ok;
}

}  // namespace

void check_rulebook(RulebookData& data, std::vector<Diagnostic>& out) {
  check_versions(data, out);
  drop_duplicate_codes(data.bundles, "bundle", out);
  finish_rulebook(data);
  for (const auto& item : data.items) lint_item(data, item, out);
  lint_produced_materials(data, out);
  check_item_cycles(data, out);
  bool all_ok = true;
  for (const auto& b : data.bundles) all_ok = check_bundle_refs(data, b, out) && all_ok;
  // Graph checks need every referenced item; with dangling ones they would
  // only repeat the SP106 above.
  if (all_ok) check_bundles(data, out);
  // A folder already reported as no rulebook at all needs no second SP110.
  const bool reported =
      std::any_of(out.begin(), out.end(), [](const Diagnostic& d) { return d.code == "SP110"; });
  if (data.items.empty() && data.bundles.empty() && !data.sources.empty() && !reported) {
    out.push_back(
        make_diagnostic("SP110", {data.sources.front(), 0, 0}, "the rulebook has no items"));
  }
}

}  // namespace shenpi::detail
